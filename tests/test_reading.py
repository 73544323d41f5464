"""The timeline as readers read it: the overview picture, the order of imprecise
dates, conflicting claims side by side, statuses explained, the home page's
two lists and the site's icon.

Pages are rendered from tiny timelines (START/event() of conftest) or from the
fixture project; the browser stories at the end read the built site.
"""

from __future__ import annotations

import dataclasses
import html.parser
import re
from pathlib import Path

import pytest

from generator.data.checker import check_text
from generator.data.dates import parse_date
from generator.data.model import Timeline, build_timeline
from generator.languages.localize import Localizer
from generator.site.language_pages import render_language
from generator.site.overview import COMPACT, Links, Overview

from conftest import START, event


def timeline_of(*events: str) -> Timeline:
    result = check_text(START + "".join(events))
    assert result.timeline is not None, [str(problem) for problem in result.errors]
    return result.timeline


def with_conflicts(timeline: Timeline, *pairs: tuple[str, str]) -> Timeline:
    """The same timeline where each pair names the other in conflicts_with (one side only: the link goes both ways)."""
    named: dict[str, tuple[str, ...]] = {}
    for first, second in pairs:
        named[first] = (*named.get(first, ()), second)
    events = [dataclasses.replace(item, conflicts_with=named.get(item.id, ())) for item in timeline.events]
    return build_timeline(timeline.site, timeline.sources, timeline.entities, events, timeline.languages)


def page(timeline: Timeline, path: str, lang: str = "en") -> str:
    return {page.path: page.text for page in render_language(timeline, Localizer(lang))}[path]


class Links_(html.parser.HTMLParser):
    """Every href on a page, and every id."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("href"):
            self.hrefs.append(values["href"] or "")
        if values.get("id"):
            self.ids.add(values["id"] or "")


def overview_of(text: str) -> str:
    found = re.search(r"<svg class=\"tl-ov__svg\".*?</svg>(?=\s*</figure>)", text, re.S)
    assert found, "no overview picture on the page"
    return found.group()


# -- imprecise dates ------------------------------------------------------------------


def test_a_year_only_event_comes_after_the_dated_events_of_its_year_under_its_own_heading():
    timeline = timeline_of(
        event("sometime-event", "2025"),
        event("april-event", "2025-04-29"),
        event("quarter-event", "2025-Q1"),
        event("july-event", "~2025-07"),
        event("july-day-event", "2025-07-30"),
    )
    text = page(timeline, "timeline.md")
    order = re.findall(r'id="event-([a-z-]+)"', text)
    assert order == ["april-event", "july-day-event", "july-event", "quarter-event", "sometime-event"]
    headings = re.findall(r"^### (.+?) \{#([a-z0-9-]+)\}$", text, re.M)
    assert headings == [("April", "year-2025-04"), ("July", "year-2025-07"), ("Sometime in 2025", "year-2025-sometime")]


def test_quarter_and_season_headings_no_longer_overlap():
    timeline = timeline_of(event("q1", "2026-Q1"), event("january", "2026-01-15"), event("spring", "spring 2026"))
    text = page(timeline, "timeline.md")
    headings = [label for label, _ in re.findall(r"^### (.+?) \{#([a-z0-9-]+)\}$", text, re.M)]
    assert headings == ["January", "Sometime in 2026"]
    assert text.index('id="event-q1"') < text.index('id="event-spring"')


# -- conflicts -----------------------------------------------------------------------


def test_conflicting_claims_stand_together_under_one_heading_and_link_to_each_other():
    timeline = with_conflicts(
        timeline_of(event("release-q1", "2026-Q1"), event("between", "2026-02-10"), event("release-spring", "spring 2026")),
        ("release-q1", "release-spring"),
    )
    assert [item.id for item in timeline.events] == ["between", "release-q1", "release-spring"]
    text = page(timeline, "timeline.md")
    block = re.search(r'<li class="tl-conflict">.*?</ol>\s*</li>', text, re.S)
    assert block and "Reports differ" in block.group()
    assert re.findall(r'id="event-([a-z0-9-]+)"', block.group()) == ["release-q1", "release-spring"]
    for this, other in (("release-q1", "release-spring"), ("release-spring", "release-q1")):
        event_page = page(timeline, f"events/{this}.md")
        others = re.search(r'<aside class="tl-others".*?</aside>', event_page, re.S)
        assert others and "Other reports say:" in others.group()
        assert f'href="../{other}/"' in others.group()
    # The picture joins them with a dashed line.
    assert 'class="tl-ov__conflict"' in overview_of(text)


def test_a_conflict_across_years_is_listed_at_the_place_of_the_earliest_claim():
    timeline = with_conflicts(
        timeline_of(event("late-2025", "2025-12"), event("other", "2026-01-05"), event("early-2026", "2026-Q1")),
        ("early-2026", "late-2025"),
    )
    text = page(timeline, "timeline.md", "ar")
    assert re.findall(r'id="event-([a-z0-9-]+)"', text) == ["late-2025", "early-2026", "other"]
    assert "روايات مختلفة" in text
    assert timeline.conflicts(timeline.event("late-2025")) == (timeline.event("early-2026"),)


# -- the overview picture ------------------------------------------------------------


def test_the_overview_links_every_event_by_its_title_date_and_status():
    timeline = timeline_of(event("llama-4-release", "2025-04-05"), event("sometime", "2025"), event("season", "spring 2026"))
    svg = overview_of(page(timeline, "timeline.md"))
    links = Links_(svg)
    assert sorted(links.hrefs) == ["../events/llama-4-release/", "../events/season/", "../events/sometime/"]
    assert "<title>Title, 5 April 2025, reported</title>" in svg
    assert 'role="group"' in svg and "<desc" in svg
    # Imprecise dates are drawn as bars over their span, precise ones as marks only.
    assert svg.count('class="tl-ov__span') == 2
    # On the home page, the compact picture leads to the same events from there.
    assert sorted(Links_(overview_of(page(timeline, "index.md"))).hrefs) == ["events/llama-4-release/", "events/season/", "events/sometime/"]


def test_hostile_titles_stay_text_in_the_picture():
    hostile = event("hostile", "2025-05-01").replace("{en: Title, ar: عنوان}", '{en: "</title><script>alert(1)</script>", ar: عنوان}')
    svg = overview_of(page(timeline_of(hostile), "timeline.md"))
    assert "<script>" not in svg
    assert "&lt;/title&gt;&lt;script&gt;" in svg


@pytest.mark.parametrize("count", [300, 3000])
def test_a_crowded_timeline_is_counted_by_period_each_count_leading_to_its_heading(count):
    template = timeline_of(event("seed", "2025-01-01")).events[0]
    events = []
    for index in range(count):
        year = 2000 + index % (25 if count > 300 else 3)
        month = 1 + index % 12
        date = f"{year}-{month:02d}-{1 + index % 28:02d}" if index % 7 else f"{year}"
        events.append(dataclasses.replace(template, id=f"event-{index}", date=parse_date(date)))
    base = timeline_of(event("seed", "2025-01-01"))
    timeline = build_timeline(base.site, base.sources, base.entities, events, base.languages)
    pages = {item.path: item.text for item in render_language(timeline, Localizer("en"))}
    svg = overview_of(pages["timeline.md"])
    groups = re.findall(r'<a href="([0-9]+/(?:#[a-z0-9-]+)?)" class="tl-ov__link tl-ov__group" data-count="(\d+)"', svg)
    assert groups, "the picture should count, not draw 300 marks"
    assert sum(int(n) for _, n in groups) == count
    # So many events are split by year: each count leads to its year's page, at its heading.
    for href, _ in groups:
        year, _, anchor = href.partition("/#")
        assert f"timeline/{year.rstrip('/')}.md" in pages, href
        if anchor:
            assert f'id="{anchor}"' in pages[f"timeline/{year}.md"], href
    # Few enough links for a keyboard: one per month (or year) and one per year's "sometime", not one per event.
    years = len({item.date.start.year for item in timeline.events})
    assert len(groups) <= 13 * years
    # The compact picture of the home page counts too.
    compact = Overview(timeline.events, Localizer("en"), Links(lambda item: "x", lambda anchor: "#" + anchor), COMPACT).svg()
    assert 'class="tl-ov__link tl-ov__group"' in compact


# -- statuses and the home page ---------------------------------------------------------


def test_each_badge_leads_to_its_definition_and_carries_its_meaning():
    text = page(timeline_of(event("one", "2025-04-05")), "timeline.md")
    badge = re.search(r'<a class="tl-status tl-status--reported"[^>]*>reported</a>', text)
    assert badge
    assert 'href="../methodology/#status-reported"' in badge.group()
    assert 'title="reported by the press, not confirmed by the party concerned"' in badge.group()
    assert 'class="tl-legend"' in text
    methodology = (Path(__file__).parents[1] / "docs" / "en" / "methodology.md").read_text(encoding="utf-8")
    for status in ("happened", "reported", "planned", "denied", "disputed"):
        assert f'id="status-{status}"' in methodology


def test_the_home_page_keeps_what_is_expected_apart_from_what_happened():
    planned = event("future-release", "2026-Q2").replace("status: reported", "status: planned")
    timeline = timeline_of(event("past", "2025-04-05"), planned)
    text = page(timeline, "index.md")
    happened, expected = text.split("## What happened last")[1].split("## Still expected")
    assert 'id="event-past"' in happened and "future-release" not in happened
    assert 'id="event-future-release"' in expected


def test_an_event_known_only_to_the_year_is_not_the_latest_for_it():
    timeline = timeline_of(event("whole-year", "2025"), event("december", "2025-12-10"), event("april", "2025-04-01"))
    assert [item.id for item in timeline.events] == ["april", "december", "whole-year"]
    happened = page(timeline, "index.md").split("## What happened last")[1]
    assert re.findall(r'id="event-([a-z-]+)"', happened) == ["december", "april", "whole-year"]


def test_every_entry_shows_its_summary_one_click_away():
    text = page(timeline_of(event("one", "2025-04-05")), "timeline.md")
    entry = re.search(r'<li class="tl-item".*?</li>\n</ol>', text, re.S)
    assert entry
    line, rest = entry.group().split('<details class="tl-item__more">')
    assert "<time" in line and "tl-status" in line and ">Title</a>" in line and "1 source" in line
    assert "<summary>Summary</summary>" in rest and "Summary." in rest


# -- the built site -----------------------------------------------------------------


def test_the_site_has_an_icon_at_its_root_and_in_every_language(built_site):
    assert (built_site / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (built_site / "favicon.svg").is_file()
    assert '<link rel="icon" href="favicon.svg"' in (built_site / "index.html").read_text(encoding="utf-8")
    for lang in ("en", "ar"):
        assert (built_site / lang / "assets" / "favicon.svg").is_file()
        assert 'rel="icon" href="assets/favicon.svg"' in (built_site / lang / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_overview_runs_from_the_earliest_event_on_the_reading_side(browser, site_url, built_site, lang):
    from test_browser import Watched

    watched = Watched(browser, 360)
    try:
        page_ = watched.goto(f"{site_url}/{lang}/timeline/")
        marks = page_.eval_on_selector_all(
            ".tl-ov__svg a.tl-ov__link",
            """links => links.map(link => {
                const shape = link.querySelector('.tl-ov__mark');
                const box = shape.getBoundingClientRect();
                return {href: link.getAttribute('href'), event: link.dataset.event, x: box.x + box.width / 2, tag: link.tabIndex};
            })""",
        )
        listed = page_.eval_on_selector_all(".tl-list > li.tl-item, .tl-list--conflict > li.tl-item", "items => items.map(item => item.id.slice(6))")
        assert sorted(mark["event"] for mark in marks) == sorted(listed)
        # Keyboard: every mark is a link in the tab order.
        assert all(mark["tag"] == 0 for mark in marks)
        by_event = {mark["event"]: mark["x"] for mark in marks}
        # Events in timeline order: each month and each span starts no earlier than the one before it.
        precise = [(event_id, by_event[event_id]) for event_id in listed if page_.locator(f"#event-{event_id} time").first.get_attribute("datetime").count("-") >= 1]
        xs = [x for _, x in precise]
        assert xs == (sorted(xs) if lang == "en" else sorted(xs, reverse=True)), precise
        assert page_.evaluate("document.documentElement.scrollWidth") <= 360
        # A screen reader hears the picture's name, and each mark's title, date and status.
        assert page_.get_by_role("group", name={"en": "The timeline at a glance", "ar": "الخط الزمني في لمحة"}[lang]).count() == 1
        name = {"en": "Meta delays the release of its largest model, 15 May 2025, reported", "ar": "ميتا تؤجّل إطلاق نموذجها الأكبر، 15 مايو 2025، وفق تقارير"}[lang]
        assert page_.get_by_role("link", name=name, exact=True).count() == 1
    finally:
        watched.context.close()
    assert watched.problems == []
