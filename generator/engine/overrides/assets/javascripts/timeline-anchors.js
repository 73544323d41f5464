// Why and how: templates/timeline_index.md.j2.
(function () {
  function go(url) { if (url.origin === location.origin && url.pathname !== location.pathname) location.replace(url); }
  function follow() {
    var hash = location.hash.slice(1), year = /^year-(\d+)(-[a-z0-9]+)?$/.exec(hash), url;
    if (year) {
      var link = document.querySelector('[data-year="' + year[1] + '"] > .tl-years__link');
      if (link) { url = new URL(link.href); url.hash = hash; go(url); }
    } else if (/^event-[a-z0-9-]+$/.test(hash)) {
      url = new URL("../events/" + hash.slice(6) + "/", location.href);
      fetch(url).then(function (response) { return response.ok ? response.text() : ""; }).then(function (text) {
        var place = new DOMParser().parseFromString(text, "text/html").querySelector(".tl-prevnext__timeline");
        if (place) go(new URL(place.getAttribute("href"), url));
      }).catch(function () {});
    }
  }
  follow();
  addEventListener("hashchange", follow);
})();
