// Material's script asks for "sitemap.xml" beside every <link rel="alternate">
// of the page, to map language switches. Material's own alternates named each
// language's home; ours name the same page in each language
// (partials/timeline-languages.html), beside which there is no sitemap, so each
// page would request <page>/sitemap.xml and get a 404. Such a request is sent
// to the sitemap of that language instead; nothing else is touched.
(function () {
  "use strict";
  var languages = Array.prototype.slice.call(document.querySelectorAll("link[rel=alternate][hreflang]"));
  var root = languages.filter(function (link) { return link.hreflang === "x-default"; })[0];
  if (!root) return;
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var address = String(url);
    if (/\/sitemap\.xml$/.test(address) && address.indexOf(root.href) === 0) {
      var lang = address.slice(root.href.length).split("/")[0];
      var known = languages.some(function (link) { return link.hreflang === lang; });
      if (known) arguments[1] = root.href + lang + "/sitemap.xml";
    }
    return open.apply(this, arguments);
  };
})();
