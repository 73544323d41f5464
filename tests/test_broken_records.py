"""A record with a mistake still takes part in the rules across records: one mistake does not hide another."""

from __future__ import annotations

from conftest import START, event


def test_a_source_whose_language_is_wrong_still_has_its_date_checked_against_the_events_citing_it(check):
    text = START.replace("    language: en\n", "    language: english\n") + event(date="2026-01-15")

    result = check(text)

    assert result.lines == [
        "events.yaml:8:15: error: source 'cnbc-report', language: 'english' is not a language code. "
        "Write a BCP 47 code such as 'ar', 'en' or 'zh-Hans'.",
        "events.yaml:22:17: warning: event 'llama-4-release', citations[0].source: the source was published (2025-12-10) "
        "before the event's date (2026-01-15). Check the event's date; if the source announced it in advance, "
        "set the status to 'planned' (or 'disputed' when sources conflict about it).",
        "1 error, 1 warning",
    ]
