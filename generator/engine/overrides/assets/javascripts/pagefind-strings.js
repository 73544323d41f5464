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

/* Escape in an open filter drop-down closes only that drop-down. The search
   dialog listens for Escape while the event travels down to the drop-down
   (capture phase) and would close the whole search first (Pagefind 1.5.2), so
   the document, which the event reaches before the dialog, closes the
   drop-down and stops the event there. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !(event.target instanceof Element)) {
      return;
    }
    var dropdown = event.target.closest("pagefind-filter-dropdown");
    if (!dropdown || !dropdown.isOpen || typeof dropdown.close !== "function") {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    dropdown.close(true);
  }, true);
})();
