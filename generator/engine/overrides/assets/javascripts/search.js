/* Pagefind's search, loaded when it is first opened (partials/pagefind.html):
   a click on the header's box, "/" outside a text field, or an address with
   ?q=words (the 404 pages' search link), which opens it at once with those
   words. The files of data-search-files are loaded in their order: the
   Component UI's stylesheet and script, then the strings and the dialog of the
   page's language (pagefind-strings.js, pagefind-dialog.js), which puts the
   dialog on the page and opens it (window.timelineSearchWanted). Pagefind's
   script finds its index from its own address (document.currentScript),
   which an inserted classic script has too. */
(function () {
  "use strict";
  var box = document.querySelector(".md-pagefind[data-search-files]");
  if (!box) {
    return;
  }
  var started = false;

  function start() {
    window.timelineSearchWanted = true;
    if (started) {
      return;
    }
    started = true;
    document.removeEventListener("keydown", onKey);
    box.getAttribute("data-search-files").split(" ").forEach(function (address) {
      var element;
      if (/\.css$/.test(address)) {
        element = document.createElement("link");
        element.rel = "stylesheet";
        element.href = address;
      } else {
        element = document.createElement("script");
        element.src = address;
        element.async = false; // run in the order inserted
      }
      document.head.appendChild(element);
    });
  }

  function onKey(event) {
    var target = event.target;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey ||
        (target instanceof Element && (target.closest("input, textarea, select") || target.isContentEditable))) {
      return;
    }
    event.preventDefault();
    start();
  }

  var button = box.querySelector(".pf-trigger-btn");
  if (button) {
    button.addEventListener("click", start);
  }
  document.addEventListener("keydown", onKey);
  if (new URLSearchParams(location.search).get("q") !== null) {
    start();
  }
})();
