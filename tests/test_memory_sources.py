"""A date from the public record, remembered: it supports the date only, is never quoted, and readers see it unchecked."""

from __future__ import annotations

from generator.data.checker import check_text
from generator.languages.localize import Localizer
from generator.site.language_pages import render_language

from conftest import START, event

REMEMBERED = """\
  meta-announcement:
    outlet: {en: Meta AI blog, ar: مدونة ميتا}
    title: The Llama 4 herd
    language: en
    published: 2025-04-05
    url: https://www.example.com/llama-4
    known_from: memory
"""


def remembered(citation: str, basis: str = "{kind: record, source: meta-announcement}") -> str:
    text = START.replace("entities:\n", REMEMBERED + "entities:\n", 1) + event(date="2025-04-05")
    return text.replace("date_basis: {kind: stated, source: cnbc-report}", f"date_basis: {basis}") + citation


def test_a_remembered_source_dates_the_event_without_a_quote_and_readers_see_it_unchecked():
    result = check_text(remembered("      - source: meta-announcement\n        quote: null\n"))
    assert result.problems == ()
    page = {page.path: page.text for page in render_language(result.timeline, Localizer("en"))}["events/llama-4-release.md"]
    assert page.count("recorded from memory, not yet checked online: it supports the date only") == 2  # date basis, reference
    assert page.count('class="tl-quote"') == 1  # the article's quote; the remembered source has none
    assert result.timeline.first_reported(result.timeline.events[0]).start.isoformat() == "2025-12-10"  # the article's day
    timeline_page = {page.path: page.text for page in render_language(result.timeline, Localizer("en"))}["timeline.md"]
    assert "date from Meta AI blog, recorded from memory, not yet checked online" in timeline_page


def test_once_the_links_tool_found_it_the_mark_goes():
    text = remembered("      - source: meta-announcement\n        quote: null\n").replace("    known_from: memory\n", "    known_from: memory\n    checked_online: 2026-01-10\n")
    result = check_text(text)
    assert result.problems == ()
    page = {page.path: page.text for page in render_language(result.timeline, Localizer("en"))}["events/llama-4-release.md"]
    assert "not yet checked online" not in page


def test_a_remembered_source_cannot_be_quoted_nor_support_a_claim(check):
    quoted = check(remembered("      - source: meta-announcement\n        quote: Today we release Llama 4.\n"))
    assert quoted.code == 1
    assert (
        "events.yaml:32:16: error: event 'llama-4-release', citations[1].quote: source 'meta-announcement' is known from memory"
        " (known_from: memory): nobody here has read it, so it cannot be quoted. Write 'quote: null': the citation supports"
        " only the event's date, and the claims stay cited to the articles."
    ) in quoted.lines
    claim = check(remembered("      - source: meta-announcement\n", basis="{kind: stated, source: cnbc-report}"))
    assert claim.code == 1
    assert any("source 'meta-announcement' is known from memory and may support only the event's date" in line for line in claim.lines)


def test_an_article_still_needs_its_quote(check):
    result = check(START + event().replace("        quote: Meta is moving away from open models.\n", "        quote: null\n"))
    assert result.code == 1
    assert (
        "events.yaml:23:16: error: event 'llama-4-release', citations[0].quote: the quote is null, but only a source known"
        " from memory (known_from: memory) is cited without a quote. Copy the sentence that supports the event, verbatim from the article."
    ) in result.lines, result.out
