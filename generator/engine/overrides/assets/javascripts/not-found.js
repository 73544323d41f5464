/* The 404 pages (overrides/404.html, and the site root's 404.html written by
   generator/not_found.py). The search link gets the words of the missing
   address ("/en/events/llama-4-relase/" searches "llama 4 relase"): it opens
   the search on the home page with them (?q=, assets/javascripts/pagefind-strings.js).
   On the root's page, which shows every language, the language the address
   is in comes first. Without script the link opens an empty search and the
   languages keep the site's order; nothing is lost. */
(function () {
  "use strict";
  var path = location.pathname;
  try {
    path = decodeURIComponent(path);
  } catch (error) {
    // a malformed escape: the words stay as written
  }
  var last = path.split("/").filter(Boolean).pop() || "";
  var words = last.replace(/\.html?$/i, "").replace(/[-_.+~]+/g, " ").trim();
  if (words) {
    Array.prototype.forEach.call(document.querySelectorAll("a[data-search-words]"), function (link) {
      var url = new URL(link.href);
      url.searchParams.set("q", words);
      link.href = url.href;
    });
  }
  var page = document.querySelector("[data-site-root]");
  var root = page && page.getAttribute("data-site-root");
  if (!root || location.pathname.indexOf(root) !== 0) {
    return;
  }
  var lang = location.pathname.slice(root.length).split("/")[0];
  Array.prototype.forEach.call(document.querySelectorAll("[data-lang]"), function (element) {
    if (element.getAttribute("data-lang") === lang && element.parentNode) {
      element.parentNode.insertBefore(element, element.parentNode.firstElementChild);
    }
  });
})();
