"""The built site in a real browser: headless Debian Chromium driven by Playwright.

Every page visited is checked for console errors and script dialogs. A
screenshot of each page kind in both languages, at phone and desktop widths,
is saved in tests/screenshots/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).parent / "screenshots"

PAGE_KINDS = {
    "home": "",
    "timeline": "timeline/",
    "event": "events/llama-4-release/",
    "sources": "sources/",
    "entity": "entities/zuckerberg/",
    "entities": "entities/",
    "untranslated": "events/open-source-commitment-denial/",
    "entity_ids": "maintainers/entity-ids/",
}

pytestmark = pytest.mark.needs("chromium")


class Watched:
    """A browser tab that records console errors, page errors and dialogs."""

    def __init__(self, browser: object, width: int = 1280, javascript: bool = True, scheme: str = "light") -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript, color_scheme=scheme)  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda message: self.problems.append(f"console {message.type}: {message.text}") if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("dialog", self._dialog)

    def _failed(self, request: object) -> None:
        # Leaving a page cancels its pending fetches (ERR_ABORTED): not a fault of the site.
        failure = request.failure or ""  # type: ignore[attr-defined]
        if "ERR_ABORTED" not in failure:
            self.problems.append(f"request failed: {request.url} ({failure})")  # type: ignore[attr-defined]

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def goto(self, url: str) -> object:
        response = self.page.goto(url)
        assert response is not None and response.ok, url
        self.page.wait_for_load_state("load")
        return self.page


@pytest.fixture
def tab(browser: object) -> Iterator[Watched]:
    watched = Watched(browser)
    yield watched
    watched.context.close()
    assert watched.problems == []
    assert watched.dialogs == []


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_kind_renders_cleanly_and_is_photographed(browser, site_url, lang, width):
    SCREENSHOTS.mkdir(exist_ok=True)
    watched = Watched(browser, width)
    try:
        for kind, path in PAGE_KINDS.items():
            page = watched.goto(f"{site_url}/{lang}/{path}")
            assert page.evaluate("document.documentElement.lang") == lang
            # The search box (Pagefind, tests/test_search.py) is in the header of every page.
            assert page.locator(".md-header pagefind-modal-trigger button.pf-trigger-btn").is_visible(), kind
            direction = page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction")
            assert direction == ("rtl" if lang == "ar" else "ltr"), (kind, direction)
            # Nothing is wider than the screen (a phone must not scroll sideways).
            assert page.evaluate("document.documentElement.scrollWidth") <= width, kind
            page.screenshot(path=str(SCREENSHOTS / f"{lang}-{kind}-{width}.png"), full_page=True)
    finally:
        watched.context.close()
    assert watched.problems == []
    assert watched.dialogs == []


def test_the_root_page_lets_a_reader_choose_without_javascript(browser, site_url):
    watched = Watched(browser, 390, javascript=False)
    try:
        page = watched.goto(site_url + "/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(SCREENSHOTS / "root-390.png"), full_page=True)
        page.click("text=العربية")
        page.wait_for_url(f"{site_url}/ar/")
        assert page.evaluate("document.documentElement.lang") == "ar"
    finally:
        watched.context.close()


@pytest.mark.parametrize(("start", "other"), [("en", "ar"), ("ar", "en")])
def test_the_language_switch_on_an_event_lands_on_the_same_event(tab, site_url, start, other):
    page = tab.goto(f"{site_url}/{start}/events/llama-4-release/")
    page.click(".tl-switch a")
    page.wait_for_url(f"{site_url}/{other}/events/llama-4-release/")
    assert page.evaluate("document.documentElement.lang") == other
    # The header's language selector leads to the same page too.
    selector = page.locator(f"a.md-select__link[hreflang='{start}']")
    assert selector.evaluate("a => a.href") == f"{site_url}/{start}/events/llama-4-release/"


def test_the_header_selector_on_a_hand_written_page_leads_to_its_translation(tab, site_url):
    page = tab.goto(f"{site_url}/en/methodology/")
    assert page.locator("a.md-select__link[hreflang='ar']").evaluate("a => a.href") == f"{site_url}/ar/methodology/"


def test_a_readers_dark_mode_follows_them_to_the_next_page(tab, site_url):
    # The palette script now comes from a file of its own (assets/javascripts/palette.js), not from each page.
    page = tab.goto(f"{site_url}/en/events/llama-4-release/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.click("label[for='__palette_1']")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page = tab.goto(f"{site_url}/en/entities/zuckerberg/")  # another page of the language (Material keeps the choice per language)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"


def test_on_a_phone_the_icons_are_drawn_and_the_menu_opens_the_drawer_of_pages(browser, site_url):
    watched = Watched(browser, 390)
    try:
        page = watched.goto(f"{site_url}/ar/events/llama-4-release/")
        menu = page.locator("label.md-header__button[for='__drawer']")
        # The icon (a <use> of the sprite) has the theme's size and is filled: its shape was found.
        box = menu.locator("svg").bounding_box()
        assert box and box["width"] >= 20 and box["height"] >= 20
        assert page.evaluate("document.querySelector('label[for=__drawer] use').getBBox().width") > 0
        menu.click()
        drawer = page.locator("nav.md-nav--primary")
        page.wait_for_function("document.getElementById('__drawer').checked")
        links = drawer.locator(".md-nav__link").evaluate_all("links => links.map(a => a.textContent.trim())")
        hrefs = drawer.locator(".md-nav__link").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
        assert len(links) >= 4 and all(links)
        assert "/ar/timeline/" in hrefs and "/ar/entities/" in hrefs
        assert drawer.is_visible()
    finally:
        watched.context.close()
    assert watched.problems == []


def test_citations_link_to_the_articles(tab, site_url):
    page = tab.goto(f"{site_url}/en/events/superintelligence-lab/")
    links = page.locator("ol.tl-refs a.tl-ref__link").evaluate_all("links => links.map(a => a.href)")
    assert links == ["https://masralyoum.net/9211761", "https://www.cnbc.com/2025/12/09/meta-avocado-closed-model.html"]
    quote = page.locator("ol.tl-refs blockquote.tl-quote").first
    assert quote.get_attribute("lang") == "ar" and quote.get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('blockquote.tl-quote')).direction") == "rtl"


def test_a_citation_without_an_address_says_link_unknown(tab, site_url):
    page = tab.goto(f"{site_url}/ar/events/meta-ai-infrastructure-spending-2025/")
    reference = page.locator("ol.tl-refs > li").first.inner_text()
    assert "الرابط غير معروف" in reference and "الناشر غير معروف" in reference and "العنوان غير معروف" in reference


def test_a_missing_translation_shows_the_other_language_with_a_label(tab, site_url):
    page = tab.goto(f"{site_url}/ar/events/open-source-commitment-denial/")
    title = page.locator("h1.tl-event__title")
    assert "لم تُترجم بعد" in title.inner_text()
    english = title.locator("span[lang='en']")
    assert english.inner_text() == "Meta denies it is moving away from open source"
    assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.locator(".tl-untranslated").first.is_visible()


def test_the_timeline_is_in_date_order_whatever_the_file_order(tab, site_url):
    page = tab.goto(f"{site_url}/en/timeline/")
    ids = page.locator("li.tl-item").evaluate_all("items => items.map(li => li.id)")
    assert ids == [
        "event-open-source-commitment-denial", "event-behemoth-delay", "event-superintelligence-lab", "event-hostile-input-test",
        # The two year-only events of 2025 close that year, under "Sometime in 2025", by id: they did not come first.
        "event-llama-4-release", "event-meta-ai-infrastructure-spending-2025",
        "event-closed-model-shift-q1-2026", "event-avocado-closed-model",
    ]
    assert page.locator("#year-2025-sometime").inner_text().startswith("Sometime in 2025")
    dates = page.locator("li.tl-item time").evaluate_all("times => times.map(t => t.getAttribute('datetime'))")
    # A <time datetime> is as precise as the date: 2025, 2025-07 or 2025-04-05; the ones dated to the month or day are in date order.
    precise = [d for d in dates if "-" in d]
    assert precise == sorted(precise)
    assert page.locator("ol.tl-list").count() >= 3  # semantic ordered lists under the headings


def test_the_reader_jumps_to_a_year_and_to_the_latest_event_in_one_click(tab, site_url):
    page = tab.goto(f"{site_url}/ar/timeline/")
    page.click("nav.tl-jump >> text=2025")
    assert page.url.endswith("#year-2025")
    page.click("a.tl-jump__latest")
    assert page.url.endswith("#event-avocado-closed-model")
    assert page.locator("#event-avocado-closed-model").is_visible()


@pytest.mark.parametrize(("lang", "name"), [("en", "Meta's turn from open AI models"), ("ar", "تحوّل ميتا عن نماذج الذكاء الاصطناعي المفتوحة")])
def test_the_site_name_reads_as_written_wherever_it_appears(tab, site_url, lang, name):
    page = tab.goto(f"{site_url}/{lang}/events/llama-4-release/")
    assert page.title().endswith(f" - {name}")
    logos = page.locator("a.md-logo").all()
    assert len(logos) == 2
    for logo in logos:  # the header's and the drawer's
        assert logo.get_attribute("title") == name
        assert logo.get_attribute("aria-label") == name
    assert page.locator(".md-header__topic").first.inner_text().strip() == name


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_hostile_text_shows_literally_and_runs_nothing(tab, site_url, lang):
    for path in ("events/hostile-input-test/", "timeline/", "entities/meta/", "sources/"):
        page = tab.goto(f"{site_url}/{lang}/{path}")
        assert page.locator("a[href^='javascript:' i]").count() == 0
        assert page.locator(".md-content img").count() == 0
    page = tab.goto(f"{site_url}/{lang}/events/hostile-input-test/")
    summary = page.locator("p.tl-summary").inner_text()
    assert "<script>alert(1)</script> [x](javascript:alert(1)) **bold** <img src=x onerror=alert(1)>" in summary
    assert page.locator("p.tl-summary strong").count() == 0
    title = {"en": "<b>Bold</b> & </title><script>alert('title')</script>", "ar": "عنوان <script>alert('ar')</script>"}[lang]
    assert page.title().startswith(f"{title} - ")
    assert page.locator("h1").inner_text() == title
    # `tab` asserts afterwards that no dialog fired and no error was logged.


# -- acceptance: the repository's real timeline, every page ---------------------------------------


@pytest.mark.parametrize(("lang", "unknown"), [("en", "link unknown"), ("ar", "الرابط غير معروف")])
def test_the_real_timeline_browses_fully_in_each_language(browser, real_site, real_site_url, lang, unknown):
    from generator.data.check_file import check_file

    from conftest import REPO

    timeline = check_file(REPO / "events.yaml").timeline
    assert timeline is not None
    watched = Watched(browser)
    try:
        built = {page.parent.relative_to(real_site / lang).as_posix() for page in (real_site / lang).rglob("index.html")}
        assert {f"events/{event.id}" for event in timeline.events} <= built
        for path in sorted(built):
            page = watched.goto(f"{real_site_url}/{lang}/{'' if path == '.' else path + '/'}")
            assert page.evaluate("document.documentElement.lang") == lang, path
            if path.startswith("events/"):
                references = page.locator("ol.tl-refs > li")
                assert references.count() == len(timeline.event(path.split("/")[1]).references), path
                for reference in references.all():
                    shown = reference.locator("a.tl-ref__link[href^='http']").count() + reference.get_by_text(unknown).count()
                    assert shown == 1, path
    finally:
        watched.context.close()
    assert watched.problems == []
    assert watched.dialogs == []
