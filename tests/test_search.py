"""Search in both languages: Pagefind's box in the header, driven as a reader drives it.

Stories against the fixture site built once per session: a reader presses "/"
and types real queries key by key (Playwright's press_sequentially, the way a
keyboard sends Arabic too), and we read which event pages come back. Then the
same on the repository's real timeline, built once. Screenshots of the open
search, both languages, phone and desktop, light and dark, go to
tests/screenshots/ for a person to look at.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from generator.data.check_file import check_file

from conftest import REPO
from test_browser import PAGE_KINDS, SCREENSHOTS, Watched, tab  # noqa: F401 - `tab` is a fixture

pytestmark = pytest.mark.needs("chromium")

# Every answer Pagefind gives the search box, with the term and filters it
# answers, in the order the answers arrive (the last keystroke's is the one
# the reader sees). Read through the Component UI's public instance API.
RECORD_ANSWERS = """() => {
  const instance = window.PagefindComponents.getInstanceManager().getInstance("default");
  window.searchAnswers = [];
  instance.on("results", async (found) => {
    const term = instance.searchTerm;
    const filters = JSON.stringify(instance.searchFilters || {});
    const data = await Promise.all(found.results.map((result) => result.data()));
    window.searchAnswers.push({term, filters, urls: data.map((page) => page.url)});
  });
}"""


class SearchBox:
    """The search box of one page: opened with "/", then typed into key by key."""

    def __init__(self, page: object, lang: str) -> None:
        self.page = page
        self.lang = lang
        self.input = page.locator("pagefind-modal input.pf-input")  # type: ignore[attr-defined]

    def open(self) -> SearchBox:
        self.page.keyboard.press("/")  # type: ignore[attr-defined]
        self.input.wait_for(state="visible")
        self.answers_so_far()
        return self

    def search(self, term: str) -> list[str]:
        """Clear the box, type `term`; the addresses of the results, best first."""
        self.input.press("Control+A")
        self.input.press("Backspace")
        mark = self.answers_so_far()
        self.input.press_sequentially(term, delay=15)
        return self.wait_for_answer(mark, term)

    def choose(self, filter_name: str, value: str) -> list[str]:
        """Pick `value` in a filter's drop-down with the mouse; the results then."""
        mark = self.answers_so_far()
        dropdown = self.page.locator(f"pagefind-filter-dropdown[filter='{filter_name}']")  # type: ignore[attr-defined]
        dropdown.locator("button.pf-dropdown-trigger").click()
        dropdown.locator(f"[role=option][data-value={json.dumps(value, ensure_ascii=False)}]").click()
        return self.wait_for_answer(mark, self.input.input_value(), filtered=True)

    def events(self, term: str) -> set[str]:
        return event_ids(self.search(term), self.lang)

    def summary(self) -> str:
        return self.page.locator("pagefind-modal pagefind-summary").inner_text().strip()  # type: ignore[attr-defined]

    def answers_so_far(self) -> int:
        # Pagefind is loaded when search is first opened: its answers are recorded from then on.
        if self.page.evaluate("window.searchAnswers === undefined"):  # type: ignore[attr-defined]
            self.page.evaluate(RECORD_ANSWERS)  # type: ignore[attr-defined]
        return self.page.evaluate("window.searchAnswers.length")  # type: ignore[attr-defined]

    def wait_for_answer(self, mark: int, term: str, filtered: bool = False) -> list[str]:
        """The addresses Pagefind answered for `term` (with or without a filter) after the first `mark` answers."""
        found = self.page.wait_for_function(  # type: ignore[attr-defined]
            """([mark, term, filtered]) => {
                 const answer = window.searchAnswers.slice(mark).reverse()
                   .find((a) => a.term === term && (a.filters !== "{}") === filtered);
                 return answer ? answer.urls : null;
               }""",
            arg=[mark, term, filtered],
            timeout=15000,
        )
        urls = found.json_value()
        # The list renders after the answer: wait until it shows this answer's first result (or none).
        self.page.wait_for_function(  # type: ignore[attr-defined]
            """(urls) => {
                 const shown = [...document.querySelectorAll("pagefind-modal pagefind-results a.pf-result-link")]
                   .map((a) => new URL(a.href, location.href).pathname);
                 return urls.length ? shown[0] === new URL(urls[0], location.href).pathname : shown.length === 0;
               }""",
            arg=urls,
            timeout=15000,
        )
        return urls


def event_ids(urls: list[str], lang: str) -> set[str]:
    prefix = f"/{lang}/events/"
    return {url[len(prefix):].strip("/") for url in urls if url.startswith(prefix)}


def open_box(watched: Watched, base: str, lang: str, path: str = "") -> SearchBox:
    page = watched.goto(f"{base}/{lang}/{path}")
    return SearchBox(page, lang).open()


@pytest.fixture(scope="module")
def boxes(browser: object, site_url: str) -> Iterator[dict[str, SearchBox]]:
    """One open search box per language on the fixture site, reused by the query stories."""
    tabs = {lang: Watched(browser) for lang in ("ar", "en")}
    yield {lang: open_box(watched, site_url, lang) for lang, watched in tabs.items()}
    for watched in tabs.values():
        watched.context.close()
        assert watched.problems == []
        assert watched.dialogs == []


# -- the box: in the header of every page, in the page's language ------------------------


@pytest.mark.parametrize(("lang", "label", "direction"), [("ar", "بحث", "rtl"), ("en", "Search", "ltr")])
def test_the_search_box_sits_in_the_header_in_the_pages_language(tab, site_url, lang, label, direction):
    # test_browser.py finds it on every kind of page; here, what it is.
    page = tab.goto(f"{site_url}/{lang}/{PAGE_KINDS['event']}")
    trigger = page.locator(".md-header pagefind-modal-trigger button.pf-trigger-btn")
    assert trigger.get_attribute("aria-label") == label
    # Material's own search (its form and header button) is off; only its hidden toggle stays, in base.html.
    assert page.locator("[data-md-component=search], label[for=__search]").count() == 0
    box = SearchBox(page, lang).open()
    dialog = page.locator("pagefind-modal dialog")
    assert page.locator("pagefind-modal").evaluate("e => getComputedStyle(e.querySelector('dialog')).direction") == direction
    assert dialog.count() == 1  # one dialog, not one nested in another
    assert page.locator("pagefind-filter-dropdown .pf-dropdown-trigger-label").all_inner_texts() == (
        ["الجهة", "السنة", "الحالة"] if lang == "ar" else ["Entity", "Year", "Status"]
    )
    box.search("بطريق" if lang == "ar" else "penguin")
    assert box.summary() == ("لا نتائج للبحث عن «بطريق»" if lang == "ar" else "No results for penguin")


# -- Arabic: every way of writing a word finds what the page wrote ------------------------

ARABIC_VARIANTS = [
    # (typed, as the page writes it, an event it must find, what differs)
    ("افوكادو", "أفوكادو", "avocado-closed-model", "hamza: bare alef typed for أ"),
    ("إفوكادو", "أفوكادو", "avocado-closed-model", "hamza: إ typed for أ"),
    ("آفوكادو", "أفوكادو", "avocado-closed-model", "hamza: آ typed for أ"),
    ("اطلاق", "إطلاق", "behemoth-delay", "hamza: bare alef typed for إ"),
    ("مغلقه", "مغلقة", "closed-model-shift-q1-2026", "ه typed for ة"),
    ("مستوي", "مستوى", "behemoth-delay", "ي typed for ى"),
    ("مُسْتَوَى", "مستوى", "behemoth-delay", "diacritics typed, none written"),
    ("تطور", "تطوّر", "avocado-closed-model", "no shadda typed, one written"),
    ("مفتوحة", "المفتوحة", "llama-4-release", "no article typed, ال written"),
    ("الاستقبال", "استقبال", "llama-4-release", "article typed, none written (in the title)"),
]


@pytest.mark.parametrize(("typed", "written", "event", "what"), ARABIC_VARIANTS, ids=[row[3] for row in ARABIC_VARIANTS])
def test_an_arabic_spelling_variant_finds_what_the_written_form_finds(boxes, typed, written, event, what):
    assert_variant_finds_what_the_written_form_finds(boxes["ar"], typed, written, event)


def assert_variant_finds_what_the_written_form_finds(box: SearchBox, typed: str, written: str, event: str) -> None:
    found = box.search(typed)
    assert event in event_ids(found, "ar")
    assert set(found) == set(box.search(written))


def test_any_recorded_spelling_of_a_name_finds_every_event_about_it(boxes):
    arabic = boxes["ar"]
    # The Arabic page of 'behemoth-delay' writes زوكربيرغ only; the aliases bring زوكربيرج.
    assert "behemoth-delay" in arabic.events("زوكربيرج")
    # ...and 'llama-4-release' quotes زوكربيرج; زوكربيرغ finds it too.
    assert "llama-4-release" in arabic.events("زوكربيرغ")
    zuckerberg = {"llama-4-release", "superintelligence-lab", "behemoth-delay"}
    assert arabic.events("زوكربيرج") == arabic.events("زوكربيرغ") == arabic.events("Zuckerberg") == zuckerberg


def test_an_alias_in_the_other_script_finds_the_event(boxes):
    # No Arabic page of 'closed-model-shift-q1-2026' writes "Llama": it writes لاما.
    assert {"closed-model-shift-q1-2026", "llama-4-release"} <= boxes["ar"].events("Llama")
    # An Arabic alias typed on the English site.
    meta_events = {"avocado-closed-model", "llama-4-release", "open-source-commitment-denial", "meta-ai-infrastructure-spending-2025",
                   "superintelligence-lab", "hostile-input-test", "closed-model-shift-q1-2026", "behemoth-delay"}
    assert boxes["en"].events("ميتا بلاتفورمز") == meta_events


def test_an_english_word_inside_arabic_text_is_found_on_the_arabic_site(boxes):
    assert boxes["ar"].events("Behemoth") == {"behemoth-delay"}


@pytest.mark.parametrize(("lang", "query"), [("ar", "بطريق"), ("ar", "زوكربرج"), ("en", "penguin")])
def test_a_word_no_page_holds_finds_nothing(boxes, lang, query):
    # زوكربرج: a spelling nobody recorded; search does not guess.
    assert boxes[lang].search(query) == []


@pytest.mark.parametrize(("lang", "query"), [("en", "فاتر"), ("ar", "lacklustre"), ("en", "زوكربيرج"), ("ar", "Meta")])
def test_each_site_searches_only_its_own_language(boxes, lang, query):
    found = boxes[lang].search(query)
    assert all(url.startswith(f"/{lang}/") for url in found), found
    if query in ("فاتر", "lacklustre"):  # a word only the other language's pages hold
        assert found == []
    else:  # a name in the other script, recorded as an alias: found, but on this site's pages
        assert "llama-4-release" in event_ids(found, lang)


# -- filters --------------------------------------------------------------------------------

PLANNED = {"avocado-closed-model", "closed-model-shift-q1-2026"}
FILTERS = [
    ("en", "status", "planned", PLANNED),
    ("ar", "status", "مُخطَّط", PLANNED),
    ("en", "year", "2024", {"open-source-commitment-denial"}),
    ("ar", "year", "2026", PLANNED),
    ("en", "entity", "Llama", {"llama-4-release", "closed-model-shift-q1-2026"}),
    ("ar", "entity", "لاما", {"llama-4-release", "closed-model-shift-q1-2026"}),
]


@pytest.mark.parametrize(("lang", "name", "value", "expected"), FILTERS)
def test_a_filter_narrows_the_results(tab, site_url, lang, name, value, expected):
    box = open_box(tab, site_url, lang)
    everything = box.search("ميتا" if lang == "ar" else "Meta")
    assert len(event_ids(everything, lang)) == 8
    narrowed = box.choose(name, value)
    assert event_ids(narrowed, lang) == expected
    assert len(narrowed) == len(expected)  # entity and source pages have no status, year or entity


# -- results ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "query", "title", "date"),
    [("ar", "باهت", "ميتا تطلق لاما 4 وسط استقبال فاتر", "2025 · وقع"), ("en", "lacklustre", "Meta releases Llama 4 to a weak reception", "2025 · happened")],
)
def test_a_result_shows_title_localized_date_and_snippet_and_leads_to_the_event(tab, site_url, lang, query, title, date):
    box = open_box(tab, site_url, lang, "timeline/")
    assert box.search(query) == [f"/{lang}/events/llama-4-release/"]
    result = tab.page.locator("pagefind-results li.pf-result").first
    link = result.locator("a.pf-result-link")
    assert link.inner_text().strip() == title
    assert result.locator(".md-pagefind__meta").inner_text().strip() == date
    assert result.locator(".pf-result-excerpt mark").count() >= 1
    link.click()
    tab.page.wait_for_url(f"{site_url}/{lang}/events/llama-4-release/")


def test_hostile_text_in_a_result_shows_literally(tab, site_url):
    box = open_box(tab, site_url, "en")
    assert "hostile-input-test" in box.events("alert")
    results = tab.page.locator("pagefind-results")
    titles = results.locator("a.pf-result-link").all_inner_texts()
    assert "<b>Bold</b> & </title><script>alert('title')</script>" in [text.strip() for text in titles]
    assert results.locator("b, img, script:not([type='text/pagefind-template'])").count() == 0
    # `tab` asserts afterwards that no dialog fired.


# -- the keyboard alone -------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "query"), [("ar", "ميتا"), ("en", "Meta")])
def test_a_keyboard_reader_opens_searches_filters_and_follows_a_result(tab, site_url, lang, query):
    page = tab.goto(f"{site_url}/{lang}/methodology/")
    box = SearchBox(page, lang)

    def focused(selector: str) -> bool:
        return page.evaluate("(selector) => document.activeElement.matches(selector)", selector)

    # Tab reaches the search box in the header; Enter opens it with the cursor in the field.
    for _ in range(12):
        page.keyboard.press("Tab")
        if focused(".pf-trigger-btn"):
            break
    else:
        pytest.fail("Tab never reached the search box")
    page.keyboard.press("Enter")
    box.input.wait_for(state="visible")
    assert focused(".pf-input")
    # Escape closes it and gives the focus back; "/" opens it again.
    page.keyboard.press("Escape")
    page.wait_for_function("!document.querySelector('pagefind-modal dialog').open")
    assert focused(".pf-trigger-btn")
    page.keyboard.press("/")
    box.input.wait_for(state="visible")
    mark = box.answers_so_far()
    page.keyboard.type(query, delay=15)
    box.wait_for_answer(mark, query)
    # The down arrow goes from the field to the first result.
    page.keyboard.press("ArrowDown")
    assert focused("pagefind-results a.pf-result-link")
    # Back to the year filter (status, then year), open it, arrow to 2026, Enter.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert focused("pagefind-filter-dropdown[filter='year'] button.pf-dropdown-trigger")
    page.keyboard.press("ArrowDown")
    option = page.locator("pagefind-filter-dropdown[filter='year'] .pf-dropdown-option-focused")
    for _ in range(5):
        if option.get_attribute("data-value") == "2026":
            break
        page.keyboard.press("ArrowDown")
    mark = box.answers_so_far()
    page.keyboard.press("Enter")
    assert event_ids(box.wait_for_answer(mark, query, filtered=True), lang) == PLANNED
    # On past the status filter to the first result; Enter follows it.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused("pagefind-results a.pf-result-link")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert event_ids([target], lang) <= PLANNED
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}{target}")
    assert page.evaluate("document.documentElement.lang") == lang


# -- how it looks ---------------------------------------------------------------------------------


LOOKS = """() => {
  const style = (selector) => getComputedStyle(document.querySelector(selector));
  // Background, text colour and first font: Pagefind's dialog against Material's page.
  const looks = (dialog, text) => [style(dialog).backgroundColor, style(text).color, style(text).fontFamily.split(",")[0]];
  return {scheme: document.body.dataset.mdColorScheme, page: looks("body", "body"), search: looks("pagefind-modal dialog", "pagefind-modal input")};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("lang", "query"), [("ar", "ميتا"), ("en", "Meta")])
def test_the_open_search_wears_the_theme_on_phone_and_desktop_and_is_photographed(browser, site_url, lang, query, scheme):
    SCREENSHOTS.mkdir(exist_ok=True)
    watched = Watched(browser, 1280, scheme=scheme)
    page = watched.goto(f"{site_url}/{lang}/events/llama-4-release/")
    try:
        SearchBox(page, lang).open().search(query)
        page.locator("pagefind-results a.pf-result-link").first.wait_for()
        looks = page.evaluate(LOOKS)
        assert looks["scheme"] == ("slate" if scheme == "dark" else "default")
        assert looks["search"] == looks["page"]
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 800})
            # The new width has been laid out once two animation frames have passed.
            page.wait_for_function(
                "(width) => window.innerWidth === width && new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))",
                arg=width,
            )
            box = page.locator("pagefind-modal dialog").bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.screenshot(path=str(SCREENSHOTS / f"search-{lang}-{width}-{scheme}.png"))
    finally:
        watched.context.close()
    assert watched.problems == []


# -- acceptance: the real timeline ----------------------------------------------------------------

REAL_QUERIES = [
    ("ar", "افوكادو", "avocado-closed-model-development"),
    ("ar", "أفوكادو", "avocado-closed-model-development"),
    ("ar", "زوكربيرج", "zuckerberg-orders-shift-from-open-source"),
    ("ar", "زوكربيرغ", "zuckerberg-orders-shift-from-open-source"),
    ("ar", "لوكون", "yann-lecun-leaves"),
    ("ar", "ميتا بلاتفورمز", "meta-open-source-era-ending"),
    ("ar", "Llama", "llama-4-release"),
    ("ar", "وانج", "scale-ai-deal-alexandr-wang"),
    ("ar", "غوغل", "avocado-distilled-from-rival-models"),
    ("en", "Zuckerberg", "zuckerberg-orders-shift-from-open-source"),
    ("en", "Scale AI", "scale-ai-deal-alexandr-wang"),
    ("en", "Behemoth", "behemoth-release-delayed"),
    ("en", "LeCun", "yann-lecun-leaves"),
    ("en", "Avocado", "avocado-closed-model-development"),
]


@pytest.fixture(scope="module")
def real_boxes(browser: object, real_site_url: str) -> Iterator[dict[str, SearchBox]]:
    tabs = {lang: Watched(browser) for lang in ("ar", "en")}
    yield {lang: open_box(watched, real_site_url, lang) for lang, watched in tabs.items()}
    for watched in tabs.values():
        watched.context.close()
        assert watched.problems == []


@pytest.mark.parametrize(("lang", "query", "event"), REAL_QUERIES)
def test_the_real_timeline_answers_a_reader(real_boxes, lang, query, event):
    assert event in real_boxes[lang].events(query)


REAL_VARIANTS = [
    # (typed, as the timeline writes it, an event it must find, what differs)
    ("انهاء", "إنهاء", "meta-open-source-era-ending", "hamza"),
    ("مستوي", "مستوى", "zuckerberg-hints-superintelligence-models-closed", "alef maqsura"),
    ("مغلقه", "مغلقة", "avocado-closed-model-development", "ta marbuta"),
    ("مُتَوَقَّع", "متوقَّع", "avocado-release-q1-2026", "diacritics"),
    ("الانفاق", "إنفاق", "ai-infrastructure-spending-2025", "article and hamza"),
]


@pytest.mark.parametrize(("typed", "written", "event", "what"), REAL_VARIANTS, ids=[row[3] for row in REAL_VARIANTS])
def test_on_the_real_timeline_an_arabic_variant_finds_what_the_written_form_finds(real_boxes, typed, written, event, what):
    assert_variant_finds_what_the_written_form_finds(real_boxes["ar"], typed, written, event)


def test_on_the_real_timeline_every_recorded_name_finds_every_event_about_its_entity(real_boxes):
    timeline = check_file(REPO / "events.yaml").timeline
    assert timeline is not None
    missing = []
    for lang, box in real_boxes.items():
        # Through Pagefind's own search API in the page: the same index as the box, a hundred names fast.
        box.page.evaluate("async () => { window.pagefindApi = await import('/pagefind/pagefind.js'); await window.pagefindApi.init(); }")
        for entity in timeline.entities.values():
            about = {event.id for event in timeline.events_about(entity.id)}
            for name in entity.names:
                urls = box.page.evaluate(
                    "async (q) => { const found = await window.pagefindApi.search(q);"
                    " return (await Promise.all(found.results.map((r) => r.data()))).map((d) => d.url); }",
                    name,
                )
                if not about <= event_ids(urls, lang):
                    missing.append(f"{lang}: {name!r} misses {sorted(about - event_ids(urls, lang))}")
    assert missing == []


@pytest.mark.parametrize(("lang", "query"), [("ar", "ميتا"), ("en", "Meta")])
def test_on_the_real_timeline_excerpts_come_from_the_text_not_the_list_of_names(real_boxes, lang, query):
    """A word of every summary finds most events; no excerpt is a run of entity names ("ميتا. الميتافيرس. بلومبرغ.")."""
    timeline = check_file(REPO / "events.yaml").timeline
    assert timeline is not None
    labels = sorted({text for entity in timeline.entities.values() for code, text in entity.label.items() if code == lang}, key=len, reverse=True)
    name = "(?:" + "|".join(map(re.escape, labels)) + ")"
    two_names = re.compile(name + r"\. " + name + r"\.")
    box = real_boxes[lang]
    box.page.evaluate("async () => { window.pagefindApi = await import('/pagefind/pagefind.js'); await window.pagefindApi.init(); }")
    excerpts = box.page.evaluate(
        "async (q) => { const found = await window.pagefindApi.search(q);"
        " return (await Promise.all(found.results.map((r) => r.data()))).map((d) => d.excerpt.replace(/<[^>]*>/g, '')); }",
        query,
    )
    assert len(excerpts) >= 10
    assert [excerpt for excerpt in excerpts if two_names.search(excerpt)] == []


MENU_FITS = """(width) => {
  const menus = [...document.querySelectorAll("pagefind-filter-dropdown .pf-dropdown-menu")].filter((menu) => !menu.hidden);
  return {
    open: menus.length,
    page: document.documentElement.scrollWidth,
    dialog: document.querySelector("pagefind-modal dialog").scrollWidth,
    outside: menus.map((menu) => menu.getBoundingClientRect()).filter((box) => box.left < 0 || box.right > width).length,
  };
}"""


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_on_a_360_px_phone_every_filter_list_fits_the_screen_and_is_photographed(browser, real_site_url, lang):
    SCREENSHOTS.mkdir(exist_ok=True)
    watched = Watched(browser, 360)
    page = watched.goto(f"{real_site_url}/{lang}/")
    try:
        SearchBox(page, lang).open().search("ميتا" if lang == "ar" else "Meta")
        dropdowns = page.locator("pagefind-filter-dropdown")
        assert dropdowns.count() >= 3
        for index in range(dropdowns.count()):
            dropdowns.nth(index).locator("button.pf-dropdown-trigger").click()
            page.locator("pagefind-filter-dropdown .pf-dropdown-menu:not([hidden]) [role=option]").first.wait_for()
            fits = page.evaluate(MENU_FITS, 360)
            assert fits == {"open": 1, "page": 360, "dialog": fits["dialog"], "outside": 0}, dropdowns.nth(index).get_attribute("filter")
            assert fits["dialog"] <= 360
            if dropdowns.nth(index).get_attribute("filter") == "entity":
                page.set_viewport_size({"width": 390, "height": 844})
                page.screenshot(path=str(SCREENSHOTS / f"search-filters-{lang}-390.png"))
                page.set_viewport_size({"width": 360, "height": 900})
            page.keyboard.press("Escape")
    finally:
        watched.context.close()
    assert watched.problems == []


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_escape_in_an_open_filter_closes_only_the_filter_and_a_second_escape_the_search(tab, site_url, lang):
    page = tab.goto(f"{site_url}/{lang}/")
    box = SearchBox(page, lang).open()
    trigger = page.locator("pagefind-filter-dropdown[filter='year'] button.pf-dropdown-trigger")
    trigger.focus()
    page.keyboard.press("Enter")
    page.locator("pagefind-filter-dropdown[filter='year'] .pf-dropdown-menu:not([hidden])").wait_for()
    page.keyboard.press("Escape")
    page.locator("pagefind-filter-dropdown[filter='year'] .pf-dropdown-menu").wait_for(state="hidden")
    assert trigger.get_attribute("aria-expanded") == "false"
    assert box.input.is_visible()
    assert page.evaluate("document.querySelector('pagefind-modal dialog').open")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('pagefind-modal dialog').open")


ENTITY_OPTIONS = """() => [...document.querySelectorAll(
  "pagefind-filter-dropdown[filter='entity'] .pf-dropdown-menu:not([hidden]) [role=option]")].map((option) => option.dataset.value)"""


@pytest.mark.parametrize(("lang", "first_script"), [("ar", "arabic"), ("en", "latin")])
def test_a_filters_values_come_in_the_pages_script_first_and_the_keyboard_follows_that_order(tab, real_site_url, lang, first_script):
    page = tab.goto(f"{real_site_url}/{lang}/")
    SearchBox(page, lang).open().search("ميتا" if lang == "ar" else "Meta")
    trigger = page.locator("pagefind-filter-dropdown[filter='entity'] button.pf-dropdown-trigger")
    trigger.click()
    page.locator("pagefind-filter-dropdown[filter='entity'] .pf-dropdown-menu:not([hidden]) [role=option]").first.wait_for()
    values: list[str] = page.evaluate(ENTITY_OPTIONS)
    arabic = [bool(re.match(r"[\u0600-\u06FF]", value)) for value in values]
    assert False in arabic and (True in arabic or lang == "en"), values  # the Arabic site names entities in both scripts
    # All of one script, then all of the other: the page's own first.
    assert arabic == sorted(arabic, reverse=(first_script == "arabic")), values
    # Arrow keys walk the options in the order shown.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    active = page.evaluate(
        "() => document.querySelector(\"pagefind-filter-dropdown[filter='entity'] [role=option].pf-dropdown-option-focused, "
        "pagefind-filter-dropdown[filter='entity'] [role=option][aria-selected][data-focused], "
        "pagefind-filter-dropdown[filter='entity'] [role=option].focused\")?.dataset.value"
    )
    listbox_active = page.evaluate(
        "() => { const list = document.querySelector(\"pagefind-filter-dropdown[filter='entity'] [role=listbox]\");"
        " const id = list && list.getAttribute('aria-activedescendant'); return id ? document.getElementById(id).dataset.value : null; }"
    )
    assert (active or listbox_active) in values[:3], (active, listbox_active, values[:3])
    page.keyboard.press("Escape")
