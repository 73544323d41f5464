/* The search box's strings in the page's language, then its dialog.
   partials/pagefind.html writes the generator's strings as JSON beside the
   search box and keeps the dialog in a <template>. Pagefind's Component UI
   takes strings only through setTranslations(), and a <pagefind-modal> that
   is already on the page when they change nests its dialog in a second one
   (Pagefind 1.5.2); so the strings go first and the dialog is put on the
   page after, where its components start with the right words.
   This script runs after the Component UI script: both are deferred, in order. */
(function () {
  "use strict";
  var box = document.querySelector(".md-pagefind");
  if (!box || !window.PagefindComponents) {
    return;
  }
  var data = box.querySelector("script.md-pagefind__strings");
  var strings = data ? JSON.parse(data.textContent) : {};
  if (Object.keys(strings).length > 0) {
    window.PagefindComponents.getInstanceManager().getInstance("default").setTranslations(strings);
  }
  var template = box.querySelector("template.md-pagefind__template");
  if (template) {
    template.replaceWith(template.content);
  }
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
