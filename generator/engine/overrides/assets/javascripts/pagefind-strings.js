/* The search box's strings in the page's language, then its dialog.
   Both are the same on every page of a language: engine/hooks.py writes them
   once into assets/javascripts/pagefind-dialog.js, which hands them to
   showSearchDialog below. Pagefind's Component UI takes strings only through
   setTranslations(), and a <pagefind-modal> that is already on the page when
   they change nests its dialog in a second one (Pagefind 1.5.2); so the
   strings go first and the dialog is put on the page after, where its
   components start with the right words.
   This script runs after the Component UI script and before
   pagefind-dialog.js: all three are deferred, in order. */
(function () {
  "use strict";
  window.timelineSearchDialog = function (data) {
    var box = document.querySelector(".md-pagefind");
    if (!box || !window.PagefindComponents) {
      return;
    }
    var strings = data.strings || {};
    if (Object.keys(strings).length > 0) {
      window.PagefindComponents.getInstanceManager().getInstance("default").setTranslations(strings);
    }
    box.insertAdjacentHTML("beforeend", data.dialog);
  };
})();
