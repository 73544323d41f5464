/* The search box's strings in the page's language, then its dialog.
   Both are the same on every page of a language: engine/hooks.py writes them
   once into assets/javascripts/pagefind-dialog.js, which hands them to
   showSearchDialog below. Pagefind's Component UI takes strings only through
   setTranslations(), and a <pagefind-modal> that is already on the page when
   they change nests its dialog in a second one (Pagefind 1.5.2); so the
   strings go first and the dialog is put on the page after, where its
   components start with the right words.
   assets/javascripts/search.js loads this script when search is first opened,
   after the Component UI script and before pagefind-dialog.js, in order. */
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
    openAsked(box);
  };

  /* The search opens once it is on the page, since a reader asked for it
     (assets/javascripts/search.js); an address with ?q=words (the 404 pages'
     search link, assets/javascripts/not-found.js) opens it with those words
     typed into the box, as a reader would. */
  function openAsked(box) {
    var words = new URLSearchParams(location.search).get("q");
    var modal = box.querySelector("pagefind-modal");
    if ((words === null && !window.timelineSearchWanted) || !modal || typeof modal.open !== "function") {
      return;
    }
    var trigger = box.querySelector("pagefind-modal-trigger");
    if (trigger && typeof trigger.openModal === "function") {
      trigger.openModal();
    } else {
      modal.open();
    }
    var input = modal.querySelector("pagefind-input input");
    if (input && words) {
      input.value = words;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
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

/* Filter values in the page's script first. Pagefind lists a filter's values
   in its own order, Latin before any other script, so an Arabic page's entity
   filter opened with every Latin name before the first Arabic one. Every drop-down
   asks its sortValues() for the order of its options (and keeps keyboard
   navigation in that same order), so the order is set there: Pagefind's own,
   then the values written in the script of the page's title moved ahead,
   each group keeping its order. A page titled in Latin letters keeps
   Pagefind's order. */
(function () {
  "use strict";
  var Dropdown = window.customElements && window.customElements.get("pagefind-filter-dropdown");
  if (!Dropdown || typeof Dropdown.prototype.sortValues !== "function") {
    return;
  }
  var SCRIPTS = ["Arabic", "Hebrew", "Syriac", "Thaana", "Cyrillic", "Greek", "Armenian", "Georgian", "Devanagari",
    "Bengali", "Thai", "Han", "Hiragana", "Katakana", "Hangul", "Ethiopic"].map(function (name) {
    return new RegExp("\\p{Script=" + name + "}", "u");
  });
  var letter = /\p{L}/u;
  function firstLetter(text) {
    var found = letter.exec(text || "");
    return found ? found[0] : "";
  }
  var title = document.querySelector(".md-header__topic .md-ellipsis, h1");
  var first = firstLetter(title && title.textContent);
  var pageScript = SCRIPTS.filter(function (script) { return script.test(first); })[0];
  if (!pageScript) {
    return;
  }
  var original = Dropdown.prototype.sortValues;
  Dropdown.prototype.sortValues = function (values, counts) {
    var sorted = original.call(this, values, counts);
    var mine = [];
    var others = [];
    sorted.forEach(function (value) {
      var label = Array.isArray(value) ? value[0] : value;
      (pageScript.test(firstLetter(String(label))) ? mine : others).push(value);
    });
    return mine.concat(others);
  };
})();
