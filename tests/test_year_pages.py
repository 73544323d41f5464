"""A long timeline is split by year: the timeline page becomes an index (the
overview picture and the years), and each year is a page of its own, with the
same entries, headings and anchors the single page had.

Pages are rendered from tiny timelines with a low `year_pages_above`; the
stories at the end build and serve the fixture project with year pages, and
read it in a browser at a phone's width.
"""

from __future__ import annotations

import gzip
import posixpath
import re
from pathlib import Path

import pytest

from generator.build.incremental import affected_pages
from generator.data.checker import check_text
from generator.data.model import Timeline
from generator.languages.localize import Localizer
from generator.languages.options import language
from generator.languages.settings import Settings
from generator.site.language_pages import render_language

from conftest import REPO, START, Run, build_args, built_once, copy_fixture, event, run, serve_folder

SPLIT = Settings(year_pages_above=2)  # three events or more: one page per year


def timeline_of(*events: str) -> Timeline:
    result = check_text(START + "".join(events))
    assert result.timeline is not None, [str(problem) for problem in result.errors]
    return result.timeline


THREE_YEARS = (event("spring-2024", "2024-04-02"), event("may-2025", "2025-05-05"), event("sometime-2025", "2025"), event("january-2026", "2026-01-10"))


def pages_of(timeline: Timeline, lang: str = "en", settings: Settings = SPLIT) -> dict[str, str]:
    return {page.path: page.text for page in render_language(timeline, Localizer(lang, settings))}


def url_of(path: str) -> str:
    """A page's address from its source: 'timeline/2025.md' -> 'timeline/2025/', 'index.md' -> ''."""
    stem = path.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def follow(pages: dict[str, str], from_path: str, href: str) -> tuple[str, str]:
    """The page (its source path) and the anchor a relative link leads to; fails when the page is not generated."""
    target, _, anchor = href.partition("#")
    url = posixpath.normpath(posixpath.join(url_of(from_path), target or "."))
    url = "" if url == "." else url + "/"
    found = next((path for path in pages if url_of(path) == url), None)
    assert found is not None, f"{from_path}: {href} leads to no generated page"
    return found, anchor


def ids_of(text: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', text)) | set(re.findall(r"\{#([a-z0-9-]+)\}", text))


def test_past_the_threshold_the_timeline_page_is_an_index_and_each_year_its_own_page():
    pages = pages_of(timeline_of(*THREE_YEARS))
    assert sorted(path for path in pages if path.startswith("timeline")) == ["timeline.md", "timeline/2024.md", "timeline/2025.md", "timeline/2026.md"]
    index = pages["timeline.md"]
    # The index: the picture and the years, each with its count and its months; no entry of its own.
    assert '<svg class="tl-ov__svg"' in index
    assert 'class="tl-item"' not in index
    years = re.findall(r'<a class="tl-years__link" href="([^"]+)">([^<]+)</a> <span class="tl-count">([^<]+)</span>', index)
    assert years == [("2024/", "2024", "1 event"), ("2025/", "2025", "2 events"), ("2026/", "2026", "1 event")]
    assert '<a href="2025/#year-2025-05">May</a>' in index and '<a href="2025/#year-2025-sometime">Sometime in 2025</a>' in index
    assert '<a class="tl-jump__latest" href="2026/#event-january-2026">Latest event</a>' in index
    # A year: the entries of that year under the same headings and ids as on the single page.
    year = pages["timeline/2025.md"]
    assert "title: \"Timeline: 2025\"" in year and "html_body: true" in year
    assert re.findall(r'id="event-([a-z0-9-]+)"', year) == ["may-2025", "sometime-2025"]
    assert re.findall(r'<h2 id="([a-z0-9-]+)">([^<]+)<', year) == [("year-2025-05", "May"), ("year-2025-sometime", "Sometime in 2025")]
    assert '<a class="tl-item__title" href="../../events/may-2025/">Title</a>' in year
    assert '<p class="tl-up"><a href="../">All years</a></p>' in year
    assert '<a class="tl-prevnext__prev" rel="prev" href="../2024/"><span class="tl-label">Previous year</span> 2024</a>' in year
    assert '<a class="tl-prevnext__next" rel="next" href="../2026/"><span class="tl-label">Next year</span> 2026</a>' in year
    # The first and last years lead one way only.
    assert 'rel="prev"' not in pages["timeline/2024.md"] and 'rel="next"' in pages["timeline/2024.md"]
    assert 'rel="next"' not in pages["timeline/2026.md"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_link_of_the_index_and_the_year_pages_lands_on_an_existing_page_and_anchor(lang):
    pages = pages_of(timeline_of(*THREE_YEARS), lang)
    for path in ("timeline.md", "timeline/2024.md", "timeline/2025.md", "timeline/2026.md"):
        for href in re.findall(r'href="([^"]+)"', pages[path]):
            if href.startswith(("../../../", "../../ar/", "../../en/")) or "methodology" in href:
                continue  # the other language's page (tested below), a hand-written page
            target, anchor = follow(pages, path, href)
            if anchor:
                assert anchor in ids_of(pages[target]), f"{path}: {href}"


def test_in_arabic_the_years_are_written_in_its_digits_and_each_leads_to_the_same_year_in_english():
    settings = Settings(languages=(language("en"), language("ar", digits="arab")), year_pages_above=2)
    pages = pages_of(timeline_of(*THREE_YEARS), "ar", settings)
    index, year = pages["timeline.md"], pages["timeline/2025.md"]
    assert '<a class="tl-years__link" href="2025/">٢٠٢٥</a> <span class="tl-count">حدثان</span>' in index
    assert 'title: "الخط الزمني: ٢٠٢٥"' in year
    assert '<a href="../../../en/timeline/2025/" hreflang="en" lang="en" dir="ltr">' in year
    assert '<a class="tl-prevnext__prev" rel="prev" href="../2024/"><span class="tl-label">السنة السابقة</span> ٢٠٢٤</a>' in year
    assert '<a href="../../en/timeline/" hreflang="en"' in index


def test_the_overview_leads_each_counted_period_to_its_year_page_at_its_heading():
    crowded = [event(f"march-{day}", f"2025-03-{day:02d}") for day in range(1, 21)]
    pages = pages_of(timeline_of(event("early", "2024-06-01"), *crowded, event("vague", "2025")))
    for path in ("timeline.md", "index.md"):  # the index's picture and the home page's compact one
        groups = re.findall(r'<a href="([^"]+)" class="tl-ov__link tl-ov__group"', pages[path])
        assert groups, f"{path}: twenty events in a month are counted, not drawn one by one"
        for href in groups:
            target, anchor = follow(pages, path, href)
            assert target.startswith("timeline/") and anchor in ids_of(pages[target]), f"{path}: {href}"
    assert '<a href="2025/#year-2025-03" class="tl-ov__link tl-ov__group" data-count="20">' in pages["timeline.md"]
    assert '<a href="timeline/2025/#year-2025-03" class="tl-ov__link tl-ov__group"' in pages["index.md"]


def test_at_the_threshold_or_under_it_the_timeline_stays_one_page():
    timeline = timeline_of(*THREE_YEARS)
    for settings in (Settings(year_pages_above=4), Settings()):
        pages = pages_of(timeline, settings=settings)
        assert [path for path in pages if path.startswith("timeline")] == ["timeline.md"]
        single = pages["timeline.md"]
        assert "html_body" not in single  # Markdown headings, as before
        assert re.findall(r"^## (.+?) \{#(year-\d+)\}$", single, re.M) == [("2024", "year-2024"), ("2025", "year-2025"), ("2026", "year-2026")]
        assert re.findall(r'id="event-([a-z0-9-]+)"', single) == ["spring-2024", "may-2025", "sometime-2025", "january-2026"]


@pytest.mark.content
def test_the_real_timeline_is_one_page_as_it_was():
    # 30 events: under the default threshold, its pages and the golden files do not change.
    timeline = check_text((REPO / "events.yaml").read_text(encoding="utf-8")).timeline
    assert timeline is not None and len(timeline.events) <= Settings().year_pages_above
    assert not [path for path in pages_of(timeline, settings=Settings()) if path.startswith("timeline/")]


def test_an_edit_renders_again_its_year_page_and_the_index_not_every_year():
    before = timeline_of(*THREE_YEARS)
    after = timeline_of(*(item.replace("Title", "Retitled") if "may-2025" in item else item for item in THREE_YEARS))
    render = affected_pages(before, after, settings=SPLIT).render
    assert {"timeline.md", "timeline/2025.md", "events/may-2025.md"} <= render
    # Its neighbours' event pages name it; their years' pages do not change.
    assert "events/spring-2024.md" in render
    assert not {"timeline/2024.md", "timeline/2026.md"} & render
    # An event that moves to another year: both years' pages.
    moved = timeline_of(*(item.replace("2025-05-05", "2026-02-01") for item in THREE_YEARS))
    assert {"timeline/2025.md", "timeline/2026.md"} <= affected_pages(before, moved, settings=SPLIT).render
    # The last event of a year moves away: that year's page goes, the others link around it.
    emptied = timeline_of(*(item.replace("2024-04-02", "2025-04-02") for item in THREE_YEARS))
    changed = affected_pages(before, emptied, settings=SPLIT)
    assert "timeline/2024.md" in changed.remove
    assert {"timeline/2025.md", "timeline/2026.md"} <= changed.render


# -- an event's place in the timeline ------------------------------------------------------


def timeline_link(page: str) -> tuple[str, str]:
    """The href and the words of an event page's link to its entry in the timeline."""
    found = re.findall(r'<a class="tl-prevnext__timeline" href="([^"]+)">([^<]+)</a>', page)
    assert len(found) == 1, found
    return found[0]


def claim(event_id: str, date: str, others: str) -> str:
    """A disputed event that conflicts with `others` (listed with the earliest claim of its cluster)."""
    return event(event_id, date).replace("status: reported", "status: disputed").replace("    citations:", f"    conflicts_with: [{others}]\n    citations:")


# january-2026 disputes a claim of May 2025: both are listed together, under 2025.
DISPUTED = (
    THREE_YEARS[0], claim("may-2025", "2025-05-05", "january-2026"), THREE_YEARS[2],
    claim("january-2026", "2026-01-10", "may-2025"), event("march-2026", "2026-03-01"),
)


def test_on_a_split_timeline_an_event_page_leads_to_its_entry_on_its_year_page():
    pages = pages_of(timeline_of(*THREE_YEARS))
    href, words = timeline_link(pages["events/may-2025.md"])
    assert (href, words) == ("../../timeline/2025/#event-may-2025", "In the timeline")
    assert follow(pages, "events/may-2025.md", href) == ("timeline/2025.md", "event-may-2025")
    assert 'id="event-may-2025"' in pages["timeline/2025.md"]
    # Every event page leads to the page that lists it, with its entry's anchor.
    for item in timeline_of(*THREE_YEARS).events:
        target, anchor = follow(pages, f"events/{item.id}.md", timeline_link(pages[f"events/{item.id}.md"])[0])
        assert target.startswith("timeline/") and anchor == f"event-{item.id}" and anchor in ids_of(pages[target])


def test_a_later_claim_leads_to_the_year_page_of_the_claim_it_is_listed_with():
    pages = pages_of(timeline_of(*DISPUTED))
    assert timeline_link(pages["events/january-2026.md"])[0] == "../../timeline/2025/#event-january-2026"
    assert 'id="event-january-2026"' in pages["timeline/2025.md"] and 'id="event-january-2026"' not in pages["timeline/2026.md"]


def test_under_the_threshold_an_event_page_leads_to_its_entry_on_the_one_timeline_page():
    pages = pages_of(timeline_of(*THREE_YEARS), settings=Settings())
    assert timeline_link(pages["events/may-2025.md"]) == ("../../timeline/#event-may-2025", "In the timeline")
    assert follow(pages, "events/may-2025.md", "../../timeline/#event-may-2025") == ("timeline.md", "event-may-2025")
    assert 'id="event-may-2025"' in pages["timeline.md"]


def test_in_arabic_and_french_the_link_to_the_timeline_is_in_their_words():
    settings = Settings(languages=(language("en"), language("ar", digits="arab"), language("fr")), year_pages_above=2)
    timeline = timeline_of(*THREE_YEARS)
    arabic = pages_of(timeline, "ar", settings)["events/may-2025.md"]
    assert timeline_link(arabic) == ("../../timeline/2025/#event-may-2025", "في الخط الزمني")  # the address keeps Western digits
    assert timeline_link(pages_of(timeline, "fr", settings)["events/may-2025.md"])[1] == "Dans la chronologie"


def test_an_event_page_is_rendered_again_when_its_place_in_the_timeline_moves():
    before = timeline_of(*THREE_YEARS)
    # Its own date moves it to another year: its page is rendered again, as every edited event's is.
    moved = timeline_of(*(item.replace("2025-05-05", "2026-02-01") for item in THREE_YEARS))
    assert "events/may-2025.md" in affected_pages(before, moved, settings=SPLIT).render
    # An earlier claim it is listed with moves: it moves with it, unedited.
    old = timeline_of(*DISPUTED)
    new = timeline_of(*(item.replace("2025-05-05", "2024-05-05") for item in DISPUTED))
    assert pages_of(old)["events/january-2026.md"] != pages_of(new)["events/january-2026.md"]
    assert "events/january-2026.md" in affected_pages(old, new, settings=SPLIT).render


def test_when_the_timeline_starts_or_stops_being_split_every_event_page_is_rendered_again():
    # One event more splits the timeline: every event page leads to a year page now.
    before = timeline_of(*THREE_YEARS)
    grown = timeline_of(*THREE_YEARS, event("june-2025", "2025-06-01"))
    past_four = Settings(year_pages_above=4)
    assert timeline_link(pages_of(before, settings=past_four)["events/spring-2024.md"])[0] == "../../timeline/#event-spring-2024"
    assert timeline_link(pages_of(grown, settings=past_four)["events/spring-2024.md"])[0] == "../../timeline/2024/#event-spring-2024"
    render = affected_pages(before, grown, settings=past_four).render
    assert {f"events/{item.id}.md" for item in grown.events} <= render
    # And one fewer makes it one page again.
    assert {f"events/{item.id}.md" for item in before.events} <= affected_pages(grown, before, settings=past_four).render


# -- the built site ------------------------------------------------------------------------


def split_config(project: Path) -> Path:
    """The repository's mkdocs.yml with year pages from the first event on."""
    config = project / "mkdocs.yml"
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "    year_pages_above: 200\n" in text
    config.write_text(text.replace("    year_pages_above: 200\n", "    year_pages_above: 0\n"), encoding="utf-8")
    return config


def split_build_args(project: Path) -> list[str]:
    args = build_args(project)
    args[args.index("--config") + 1] = str(split_config(project))
    return args


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(project: Path) -> Run:
        copy_fixture(project)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SITE_URL", "http://127.0.0.1:8000/")  # an address, for the sitemaps' entries
            return run(*split_build_args(project))

    built = built_once(tmp_path_factory, "split", make)
    assert built.result.code == 0, built.result.out + built.result.err
    return built.project / "site"


def test_the_built_year_pages_are_in_the_sitemap_with_their_other_language(split_site: Path):
    years = sorted(path.parent.name for path in (split_site / "en" / "timeline").glob("*/index.html"))
    assert years == ["2024", "2025", "2026"]
    sitemap = (split_site / "ar" / "sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(r"<url>\s*<loc>http://127.0.0.1:8000/ar/timeline/2025/</loc>.*?</url>", sitemap, re.S)
    assert entry and 'hreflang="en" href="http://127.0.0.1:8000/en/timeline/2025/"' in entry.group()
    page = (split_site / "ar" / "timeline" / "2025" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" hreflang="en" href="../../../en/timeline/2025/">' in page
    assert '<html lang="ar"' in page and '<body dir="rtl"' in page


@pytest.mark.slow
def test_serve_renders_again_the_year_of_an_edited_event_and_ends_as_a_full_build(tmp_path: Path):
    from test_serve import Server, _save, assert_same_as_a_full_build, fetch, free_port, stopped_incremental

    project = copy_fixture(tmp_path / "project")
    events = project / "events.yaml"
    port = free_port()
    server = Server(project, port, split_config(project))
    try:
        server.wait_until_serving()
        base = f"http://127.0.0.1:{port}"
        years = {year: project / "site" / "en" / "timeline" / year / "index.html" for year in ("2024", "2025", "2026")}
        written = {year: path.stat().st_mtime_ns for year, path in years.items()}
        text = events.read_text(encoding="utf-8").replace("Meta releases Llama 4 to a weak reception", "Meta releases Llama 4, edited")
        _save(server, events, text, "rebuilt ")
        assert "Meta releases Llama 4, edited" in fetch(base + "/en/timeline/2025/")[1]
        # Only the edited event's year was written again.
        assert [year for year, path in years.items() if path.stat().st_mtime_ns != written[year]] == ["2025"]
        server.wait_for("search index updated.", timeout=120)
    finally:
        stopped_incremental(server)
    assert_same_as_a_full_build(project, tmp_path / "full", port, text, split_build_args)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_on_a_phone_the_reader_opens_a_year_from_the_index_and_reads_its_events(browser, split_site: Path, lang: str):
    from test_browser import SCREENSHOTS, Watched

    with serve_folder(split_site) as base:
        tab = Watched(browser, 390)
        try:
            page = tab.goto(f"{base}/{lang}/timeline/")
            assert page.locator("li.tl-item").count() == 0  # the index lists years, not events
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            SCREENSHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"timeline-index-{lang}-390.png"), full_page=True)
            assert axe_violations(page) == []
            page.locator("a.tl-years__link", has_text="2025").click()
            page.wait_for_load_state("load")
            assert page.url.endswith(f"/{lang}/timeline/2025/")
            items = page.locator("li.tl-item")
            assert items.count() == 5 and items.first.is_visible()
            assert page.locator("#event-llama-4-release a.tl-item__title").is_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            page.screenshot(path=str(SCREENSHOTS / f"timeline-year-{lang}-390.png"), full_page=True)
            assert axe_violations(page) == []
            # And on to the next year.
            page.click("a.tl-prevnext__next")
            page.wait_for_load_state("load")
            assert page.url.endswith(f"/{lang}/timeline/2026/") and page.locator("li.tl-item").count() >= 1
        finally:
            tab.context.close()
        assert tab.problems == [] and tab.dialogs == []


def test_the_index_carries_a_small_script_that_leads_old_links_on(split_site: Path):
    index = (split_site / "en" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert '<script src="../assets/javascripts/timeline-anchors.js" defer></script>' in index
    script = split_site / "en" / "assets" / "javascripts" / "timeline-anchors.js"
    # A first visit without an anchor pays for this file only: a few hundred bytes once compressed.
    assert len(gzip.compress(script.read_bytes())) < 700
    assert "innerHTML" not in script.read_text(encoding="utf-8") and "eval(" not in script.read_text(encoding="utf-8")
    # An event page, built, leads to its year page.
    page = (split_site / "ar" / "events" / "llama-4-release" / "index.html").read_text(encoding="utf-8")
    assert '<a class="tl-prevnext__timeline" href="../../timeline/2025/#event-llama-4-release">في الخط الزمني</a>' in page


def in_view(page: object, selector: str) -> bool:
    return page.locator(selector).evaluate(  # type: ignore[attr-defined,no-any-return]
        "element => { const box = element.getBoundingClientRect(); return box.top >= 0 && box.top < innerHeight && box.height > 0; }"
    )


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_link_made_to_the_one_page_timeline_leads_on_to_the_entry_on_its_year_page(browser, split_site: Path, lang: str):
    from test_browser import Watched

    with serve_folder(split_site) as base:
        tab = Watched(browser, 390)
        try:
            page = tab.goto(f"{base}/{lang}/timeline/#event-llama-4-release")
            page.wait_for_url(f"{base}/{lang}/timeline/2025/#event-llama-4-release")
            page.wait_for_load_state("load")
            assert page.evaluate("document.querySelector(':target').id") == "event-llama-4-release"
            assert in_view(page, "#event-llama-4-release")
            # The index stepped aside (location.replace): back leads to where the reader came from, not to a loop.
            assert page.evaluate("history.length") == 2
            # A month: its year is in its anchor.
            page = tab.goto(f"{base}/{lang}/timeline/#year-2024-12")
            page.wait_for_url(f"{base}/{lang}/timeline/2024/#year-2024-12")
            assert page.evaluate("document.querySelector(':target').id") == "year-2024-12"
            # An anchor of no event (an event since removed): the reader stays on the index of years.
            page = tab.goto(f"{base}/{lang}/timeline/#event-no-such-event")
            page.wait_for_load_state("networkidle")
            assert page.url == f"{base}/{lang}/timeline/#event-no-such-event" and page.locator("a.tl-years__link").count() == 3
        finally:
            tab.context.close()
        # The one problem is the browser's own report of the missing event page that was asked about.
        assert [problem for problem in tab.problems if "404" not in problem] == [] and len(tab.problems) <= 1
        assert tab.dialogs == []


def test_without_script_an_old_link_opens_the_index_of_years(browser, split_site: Path):
    from test_browser import Watched

    with serve_folder(split_site) as base:
        tab = Watched(browser, 390, javascript=False)
        try:
            page = tab.goto(f"{base}/en/timeline/#event-llama-4-release")
            assert page.url.endswith("/en/timeline/#event-llama-4-release")
            page.click("a.tl-years__link:has-text('2025')")
            page.wait_for_url(f"{base}/en/timeline/2025/")
            assert page.locator("#event-llama-4-release").is_visible()
        finally:
            tab.context.close()
        assert tab.problems == []


def test_from_an_event_page_the_reader_reaches_its_entry_on_its_year_page_by_keyboard(browser, split_site: Path):
    from test_browser import Watched

    with serve_folder(split_site) as base:
        tab = Watched(browser, 390)
        try:
            page = tab.goto(f"{base}/ar/events/llama-4-release/")
            link = page.locator("a.tl-prevnext__timeline")
            assert link.inner_text() == "في الخط الزمني"
            link.focus()
            assert link.evaluate("a => getComputedStyle(a).outlineStyle") == "solid"  # a visible focus
            page.keyboard.press("Enter")
            page.wait_for_url(f"{base}/ar/timeline/2025/#event-llama-4-release")
            assert page.evaluate("document.querySelector(':target').id") == "event-llama-4-release"
            assert in_view(page, "#event-llama-4-release")
        finally:
            tab.context.close()
        assert tab.problems == [] and tab.dialogs == []


def axe_violations(page: object) -> list[str]:
    """What axe-core (npm ci) finds wrong on the open page; nothing when it is not installed."""
    axe = REPO / "node_modules" / "axe-core" / "axe.min.js"
    if not axe.exists():
        return []
    page.add_script_tag(path=str(axe))  # type: ignore[attr-defined]
    return page.evaluate(  # type: ignore[attr-defined,no-any-return]
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)"
    )


@pytest.mark.parametrize(("years", "labelled"), [(3, ["2000 · 20", "2001 · 20", "2002 · 20"]), (30, ["2000", "2003", "2006", "2009", "2012", "2015", "2018", "2021", "2024", "2027"])])
def test_the_overview_of_a_long_timeline_labels_as_many_years_as_fit_on_a_phone(years, labelled):
    import dataclasses

    from generator.data.dates import parse_date
    from generator.data.model import build_timeline

    base = timeline_of(event("seed", "2000-01-01"))
    events = [
        dataclasses.replace(base.events[0], id=f"event-{index}", date=parse_date(f"{2000 + index % years}-01-{1 + index % 28:02d}"))
        for index in range(20 * years)
    ]
    timeline = build_timeline(base.site, base.sources, base.entities, events, base.languages)
    index = pages_of(timeline, settings=Settings())["timeline.md"]
    labels = re.findall(r'<text class="tl-ov__year" x="([0-9.]+)%"[^>]*>([^<]*)</text>', index)
    assert [text for _, text in labels] == labelled
    # On a 340 px picture, labels 12 px high (about 7 px a digit) stand apart.
    positions = [float(x) * 340 / 100 for x, _ in labels]
    widest = max(len(text) for _, text in labels) * 7
    assert all(later - earlier >= widest for earlier, later in zip(positions, positions[1:], strict=False))
