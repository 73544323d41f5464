"""Events are in one order everywhere, the rule guide/data-model.md states under "Dates" (`Event.sort_key`).

A timeline of dates of every precision, written in the file in no particular order, is built once; the
timeline page, previous and next, the exports, the year pages, and read backwards the embed and the feed all
list its events in the same order. (The home page's "What happened last" answers another question, the latest
day an event can be known to have happened: tests/test_reading.py.)
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest

from generator.data.checker import check_text
from generator.languages.localize import Localizer
from generator.languages.settings import Settings
from generator.site.language_pages import render_language

from conftest import START, Run, build_args, built_once, copy_fixture, event, run

# In the file in this order: what the site shows must not depend on it (except among events with the same date).
DATES = {
    "dec-day": "2026-12-10",
    "march-day": "2026-03-10",
    "july-circa": "~2026-07",
    "july-again": "2026-07",  # the same place as july-circa: the file's order settles it, in both directions
    "march-month": "2026-03",
    "spring": "spring 2026",
    "q1": "2026-Q1",
    "year": "2026",
    "winter-2025": "winter 2025",
    "late-2025": "2025-11-20",
    "year-2025": "2025",
    "by-dec": "../2026-12-10",  # on or before 10 December 2026, after march-day
}
# The rule (generator/data/order.py, guide/data-model.md "Order"): by year, then month; in a month the days,
# then the month-only dates; an open date just before its bound's month; then the quarters and seasons of
# the year, the year-only dates last. Newest first reverses years, months and days, never that rule.
ORDER = [
    "late-2025", "winter-2025", "year-2025",
    "march-day", "march-month", "july-circa", "july-again", "by-dec", "dec-day", "q1", "spring", "year",
]
NEWEST_FIRST = [
    "dec-day", "by-dec", "july-circa", "july-again", "march-day", "march-month", "spring", "q1", "year",
    "late-2025", "winter-2025", "year-2025",
]

# Reported in 2027, so that every event has happened: none is "expected".
TEXT = (
    START.replace("published: 2025-12-10", "published: 2027-01-05")
    + "".join(event(event_id, date) for event_id, date in DATES.items())
).replace("    date: ../2026-12-10\n", "    date: ../2026-12-10\n    after: march-day\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(project: Path) -> Run:
        copy_fixture(project)
        (project / "events.yaml").write_text(TEXT, encoding="utf-8")
        return run(*build_args(project))

    built = built_once(tmp_path_factory, "event-order", make)
    assert built.result.code == 0, built.result.out + built.result.err
    return built.project / "site"


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_the_timeline_page_previous_and_next_and_the_exports_follow_the_rule(site: Path):
    assert re.findall(r'<li class="tl-item[^"]*" id="event-([a-z0-9-]+)"', read(site, "en/timeline/index.html")) == ORDER
    assert [item["id"] for item in json.loads(read(site, "data/events.json"))["events"]] == ORDER
    assert [row["id"] for row in csv.DictReader(io.StringIO(read(site, "data/events.csv").removeprefix("\ufeff")))] == ORDER
    assert [slide["unique_id"] for slide in json.loads(read(site, "en/data/timeline.json"))["events"]] == ORDER
    # What the dates span is another matter: from the first day one can be (2025) to the last (2026), whatever their order.
    assert '"temporalCoverage":"2025/2026"' in read(site, "en/index.html")
    # Following "Next event" from the first event's page visits every event in the same order.
    visited, page = [ORDER[0]], read(site, f"en/events/{ORDER[0]}/index.html")
    while found := re.search(r'rel="next" href="\.\./([a-z0-9-]+)/"', page):
        visited.append(found.group(1))
        page = read(site, f"en/events/{found.group(1)}/index.html")
    assert visited == ORDER


def test_newest_first_lists_keep_the_rule_in_both_directions(site: Path):
    assert re.findall(r'data-event-id="([a-z0-9-]+)"', read(site, "en/embed/index.html")) == NEWEST_FIRST
    # Every event was first reported the same day (its source's date): the feed's order is left to the rule.
    assert re.findall(r"<link href=\"events/([a-z0-9-]+)/\"/>", read(site, "en/feed.xml")) == NEWEST_FIRST
    # The home page's latest events: the first five, never "sometime in 2026" above December.
    home = read(site, "en/index.html").split('id="latest-events"')[1].split("</ol>")[0]
    assert re.findall(r'id="event-([a-z0-9-]+)"', home) == NEWEST_FIRST[:5]


def test_year_pages_list_the_same_order_under_headings_that_never_overlap():
    timeline = check_text(TEXT).timeline
    assert timeline is not None
    pages = {page.path: page.text for page in render_language(timeline, Localizer("en", Settings(year_pages_above=2)))}
    years = [pages["timeline/2025.md"], pages["timeline/2026.md"]]
    assert [event_id for text in years for event_id in re.findall(r'id="event-([a-z0-9-]+)"', text)] == ORDER
    assert re.findall(r'<h2 id="[a-z0-9-]+">([^<]+)<', years[1]) == ["March", "July", "By 10 December 2026", "December", "Sometime in 2026"]


def test_the_overview_draws_the_open_date_as_a_span_back_to_the_event_it_followed(site: Path):
    timeline = read(site, "en/timeline/index.html")
    span = re.search(r'<a href="[^"]*by-dec/"[^>]*data-event="by-dec">.*?</a>', timeline, re.S)
    assert span, "the open date has its mark"
    rect = re.search(r'<rect class="tl-ov__span tl-ov__span--reported tl-ov__span--open" x="([0-9.]+)%"[^>]* mask="url\(#overview-fade\)"', span.group())
    assert rect, span.group()
    # The axis runs from 2025 to the end of 2026; the span starts at march-day (10 March 2026), which it followed.
    assert float(rect.group(1)) == pytest.approx(1.5 + 97 * (date(2026, 3, 10) - date(2025, 1, 1)).days / 730, abs=0.001)
    # December's column holds dec-day only: the open date is never counted in its bound's month.
    assert "By 10 December 2026" in timeline and 'id="year-2026-12-by-10"' in timeline
