"""Time told honestly: open dates ("by 10 December 2025"), expectations that expire, "as of", feeds without false precision.

Each story writes a tiny events.yaml and reads what a reader or a maintainer gets: a page, a feed, a message.
"""

from __future__ import annotations

import datetime as dt
import re

import feedparser

from generator.data.checker import check_text
from generator.data.model import Timeline
from generator.exports.feeds import atom_feed
from generator.exports.jsonld import home_jsonld
from generator.languages.localize import Localizer
from generator.site.language_pages import render_embed, render_language

from conftest import START, event, run

# Reported on 10 December 2025 (START's source): "things in the past months", dated by the report.
OPEN = event("vibes-launch", "../2025-12-10").replace("kind: stated", "kind: report")
# Expected in the first quarter of 2026: planned, its window ends on 31 March 2026.
PLANNED = event("avocado-q1", "2026-Q1").replace("status: reported", "status: planned")


def timeline_of(*events: str) -> Timeline:
    result = check_text(START + "".join(events))
    assert result.timeline is not None, [problem.text for problem in result.problems]
    return result.timeline


def page(timeline: Timeline, path: str, lang: str = "en", today: dt.date | None = None) -> str:
    return {item.path: item.text for item in render_language(timeline, Localizer(lang), today=today)}[path]


# -- open dates ------------------------------------------------------------------------------


def test_an_open_date_is_shown_as_by_the_report_and_listed_in_a_group_of_its_own():
    timeline = timeline_of(event("early-december", "2025-12-02"), OPEN, event("november", "2025-11-20"))
    assert [item.id for item in timeline.events] == ["november", "vibes-launch", "early-december"]

    text = page(timeline, "timeline.md")
    headings = re.findall(r"^### (.+?) \{#([a-z0-9-]+)\}$", text, re.M)
    assert headings == [("November", "year-2025-11"), ("By 10 December 2025", "year-2025-12-by-10"), ("December", "year-2025-12")]
    group = text.split("{#year-2025-12-by-10}")[1].split("### December")[0]
    assert 'id="event-vibes-launch"' in group
    assert '<time datetime="2025-12-10">by 10 December 2025 (date of the report)</time>' in group
    # Never under the report's month, nor counted in it.
    assert "vibes-launch" not in text.split("{#year-2025-12}")[1]
    arabic = page(timeline, "timeline.md", "ar")
    assert "### بحلول 10 ديسمبر 2025 {#year-2025-12-by-10}" in arabic
    assert "بحلول 10 ديسمبر 2025 (تاريخ التقرير)" in arabic


def test_the_overview_fades_an_open_date_back_to_its_years_start_and_counts_it_apart():
    timeline = timeline_of(OPEN, event("early-december", "2025-12-02"))
    svg = page(timeline, "timeline.md")
    span = re.search(r'<rect class="tl-ov__span tl-ov__span--reported tl-ov__span--open" x="([0-9.]+)%" width="([0-9.]+)%"', svg)
    assert span, "an open date is drawn as a span"
    # From 1 January 2025 (the year's start: no earlier bound known) to the end of 10 December.
    assert float(span.group(1)) == 1.5
    assert float(span.group(1)) + float(span.group(2)) == round(1.5 + 97 * 344 / 365, 3)
    assert '<mask id="overview-fade"' in svg


def test_open_dates_are_checked_with_their_place_in_the_file(check):
    wrong = (
        event("a-bound-by-year", "../2025")
        + event("with-an-end", "../2025-12-10").replace("    status:", "    end: 2025-12-20\n    status:", 1)
        + event("after-nothing", "../2025-12-10").replace("    status:", "    after: no-such-event\n    status:", 1)
        + event("closed-after", "2025-12-01").replace("    status:", "    after: with-an-end\n    status:", 1)
    )
    result = check(START + wrong)
    assert result.code == 1
    assert result.lines[:4] == [
        "events.yaml:15:11: error: event 'a-bound-by-year', date: '../2025' is bounded by a year."
        " Bound an open date by a day or a month, the report's date: ../2025-12-10 or ../2025-12.",
        "events.yaml:26:10: error: event 'with-an-end', end: an open date (../2025-12-10) has no end."
        " Remove 'end', or write the date itself if the event's start is known.",
        "events.yaml:37:12: error: event 'after-nothing', after: unknown event 'no-such-event'. Use the id of the event this one followed.",
        "events.yaml:48:12: error: event 'closed-after', after: 'after' goes with an open date, and this event is dated 2025-12-01."
        " Remove 'after', or write the date as on or before the report's day: ../2025-12-01.",
    ]
    assert run("check", "events.yaml").code == 1  # and without the fixture's help too


def test_a_source_cannot_have_an_open_date(check):
    result = check(START.replace("published: 2025-12-10", "published: ../2025-12-10") + event())
    assert result.lines[0] == (
        "events.yaml:9:16: error: source 'cnbc-report', published: '../2025-12-10' is an open date (on or before a day),"
        " which only an event's date may be. Write the date itself, as one of: 2025-12-10 (day), 2025-12 (month), 2025 (year),"
        " 2026-Q1 (quarter), spring 2026 (season), with a leading ~ for circa (~2025-07)."
    )


# -- expectations that expire ------------------------------------------------------------------


def test_an_expectation_is_still_expected_before_its_window_ends_and_overdue_after():
    timeline = timeline_of(event("past", "2025-04-05"), PLANNED)

    before = page(timeline, "index.md", today=dt.date(2026, 3, 31))
    assert "## Still expected" in before and "Overdue" not in before
    assert 'id="event-avocado-q1"' in before.split("## Still expected")[1]

    after = page(timeline, "index.md", today=dt.date(2026, 4, 1))
    assert 'id="event-avocado-q1"' not in after.split("## Overdue")[0].split("## What happened last")[1]
    overdue = after.split("## Overdue: expected, no report since {#overdue-events}")[1]
    assert 'id="event-avocado-q1"' in overdue
    assert '<p class="tl-period-note">checked on 1 April 2026</p>' in overdue  # the build's day; "as of" stays the data's
    assert '<span class="tl-overdue" data-overdue="2026-03-31">expected by the end of Q1 2026; no report since</span>' in overdue
    # The same note on the timeline and in the embed, in Arabic too.
    assert "expected by the end of Q1 2026; no report since" in page(timeline, "timeline.md", today=dt.date(2026, 4, 1))
    assert "no report since" in render_embed(timeline, Localizer("en"), today=dt.date(2026, 4, 1))
    assert "كان متوقَّعًا بحلول نهاية" in page(timeline, "index.md", "ar", today=dt.date(2026, 4, 1))


def test_an_update_after_the_window_ends_the_overdue_state():
    updated = PLANNED.replace("    status: planned\n", "    status: planned\n    updates:\n      - {date: 2026-04-10, note: {en: Still not released., ar: لم يُطرح بعد.}}\n")
    text = page(timeline_of(updated), "index.md", today=dt.date(2026, 12, 7))
    assert "## Overdue" not in text and "no report since" not in text


def test_check_warns_when_a_window_has_passed_on_the_day_it_is_run(check):
    assert check(START + PLANNED, "--today", "2026-03-31").lines == ["no problems found (1 event, 1 source, 1 entity)"]
    assert check(START + PLANNED, "--today", "2026-04-01").lines == [
        "events.yaml:15:11: warning: event 'avocado-q1', date: the event was expected by 2026-03-31 (planned), and nothing since says"
        " it happened (checked on 2026-04-01). Add an entry under 'updates' saying what is known now, or change the status and"
        " cite the report that settles it; until then the site shows it as overdue.",
        "0 errors, 1 warning (1 event, 1 source, 1 entity)",
    ]


def test_check_takes_its_day_from_source_date_epoch(check, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 4, 1, tzinfo=dt.UTC).timestamp())))
    from pathlib import Path

    Path("events.yaml").write_text(START + PLANNED, encoding="utf-8")
    assert "(checked on 2026-04-01)" in run("check", "events.yaml").out


# -- as of --------------------------------------------------------------------------------------


def test_as_of_is_the_latest_change_in_the_data_on_every_kind_of_page():
    corrected = event("one", "2025-04-05").replace("    status:", "    updates:\n      - {date: 2026-01-05, note: {en: Fixed., ar: صُحّح.}}\n    status:", 1)
    timeline = timeline_of(corrected)
    said = '<time datetime="2026-01-05">5 January 2026</time>'
    for path in ("index.md", "timeline.md", "events/one.md"):
        assert f"As of {said}" in page(timeline, path, today=dt.date(2026, 12, 7)), path  # not the build's day
    assert f"As of {said}" in render_embed(timeline, Localizer("en"))
    assert "محدَّث حتى <time datetime=\"2026-01-05\">" in page(timeline, "index.md", "ar")
    graph = home_jsonld(timeline, "en", None)["@graph"]
    assert [item["dateModified"] for item in graph] == ["2026-01-05", "2026-01-05"]


# -- feeds ----------------------------------------------------------------------------------------


def test_feed_entries_say_the_date_as_written_and_stamp_only_days_really_known():
    undated = START.replace("published: 2025-12-10", "published: unknown")
    result = check_text(undated + event("whole-year", "2025"))
    assert result.timeline is not None
    feed = feedparser.parse(atom_feed(result.timeline, Localizer("en"), "https://example.org/en/"))
    entry = feed.entries[0]
    assert "published" not in entry  # first reported on an unknown day: left out, never 1 January
    assert not entry.updated.startswith("2025-01-01")
    content = entry.content[0].value
    assert "Date: 2025 · Status: reported" in content
    assert "CNBC" in content and 'href="https://www.example.com/meta"' in content

    timeline = timeline_of(OPEN)
    entry = feedparser.parse(atom_feed(timeline, Localizer("en"), "https://example.org/en/")).entries[0]
    assert entry.published.startswith("2025-12-10") and entry.updated.startswith("2025-12-10")
    assert "by 10 December 2025 (date of the report)" in entry.content[0].value


def test_a_crowded_overview_counts_open_dates_apart_from_their_bounds_month():
    from generator.site.overview import COMPACT, Links, Overview

    december = "".join(event(f"day-{day}", f"2025-12-{day:02d}") for day in range(1, 8))
    opened = OPEN + OPEN.replace("vibes-launch", "job-cuts")
    timeline = timeline_of(december, opened)
    svg = Overview(timeline.events, Localizer("en"), Links(lambda item: "x", lambda anchor: "#" + anchor), COMPACT).svg()
    groups = dict(re.findall(r'<a href="#([a-z0-9-]+)" class="tl-ov__link tl-ov__group" data-count="([0-9]+)">', svg))
    assert groups == {"year-2025-12": "7", "year-2025-12-by-10": "2"}
    assert "<title>By 10 December 2025: 2 events</title>" in svg
    assert 'class="tl-ov__span tl-ov__span--open"' in svg and 'mask="url(#overview-fade)"' in svg
