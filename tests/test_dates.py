"""Every accepted date form keeps its precision; unreadable dates say how to write them."""

from __future__ import annotations

import pytest

from generator.data.dates import DateError, parse_date


@pytest.mark.parametrize(
    ("written", "precision", "start", "end", "canonical"),
    [
        ("2025-12-10", "day", "2025-12-10", "2025-12-10", "2025-12-10"),
        ("10 December 2025", "day", "2025-12-10", "2025-12-10", "2025-12-10"),
        ("December 10, 2025", "day", "2025-12-10", "2025-12-10", "2025-12-10"),
        ("2025-12", "month", "2025-12-01", "2025-12-31", "2025-12"),
        ("December 2025", "month", "2025-12-01", "2025-12-31", "2025-12"),
        ("2024-02", "month", "2024-02-01", "2024-02-29", "2024-02"),
        ("2025", "year", "2025-01-01", "2025-12-31", "2025"),
        ("2026-Q1", "quarter", "2026-01-01", "2026-03-31", "2026-Q1"),
        ("Q4 2025", "quarter", "2025-10-01", "2025-12-31", "2025-Q4"),
        ("spring 2026", "season", "2026-03-01", "2026-05-31", "spring 2026"),
        ("Fall 2025", "season", "2025-09-01", "2025-11-30", "autumn 2025"),
        ("winter 2025", "season", "2025-12-01", "2026-02-28", "winter 2025"),
        ("~2025-07", "month", "2025-07-01", "2025-07-31", "~2025-07"),
        ("~ spring 2026", "season", "2026-03-01", "2026-05-31", "~spring 2026"),
    ],
)
def test_accepted_forms_keep_their_precision(written, precision, start, end, canonical):
    date = parse_date(written)
    assert (date.precision.value, date.start.isoformat(), date.end.isoformat(), str(date)) == (precision, start, end, canonical)
    assert parse_date(str(date)) == date  # the canonical form reads back the same


def test_circa_is_kept():
    assert parse_date("~2025-07").circa and not parse_date("2025-07").circa


@pytest.mark.parametrize(
    ("written", "message", "hint"),
    [
        ("11/12/2025", "'11/12/2025' is ambiguous: day and month could be either way round", "Write it in ISO form, year first: 2025-12-11 or 2025-11-12."),
        ("13.12.2025", "'13.12.2025' is a numbers-only date, which readers in different countries read differently", "Write it in ISO form, year first: 2025-12-13."),
        ("2025-13", "'2025-13' has no month 13", "Write a month from 01 to 12, as in 2025-07."),
        ("2025-02-29", "'2025-02-29' is not a real day", "Check the month (01-12) and the day of the month."),
        ("10 December", "'10 December' has no year", "Add the year, e.g. 10 December 2025, or write 2025-12-10."),
        ("soon", "'soon' is not a date this tool can read", "Write it as one of: 2025-12-10 (day), 2025-12 (month), 2025 (year), 2026-Q1 (quarter), spring 2026 (season), with a leading ~ for circa (~2025-07)."),
    ],
)
def test_unreadable_dates_explain_the_fix(written, message, hint):
    with pytest.raises(DateError) as caught:
        parse_date(written)
    assert (caught.value.message, caught.value.hint) == (message, hint)


def test_html_datetime_is_never_more_precise_than_known():
    assert [parse_date(text).machine for text in ("2025-12-10", "2025-12", "2026-Q1", "spring 2026", "2025")] == [
        "2025-12-10", "2025-12", "2026", "2026", "2025",
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("Dec 11/12 2025", "'Dec 11/12 2025' is not a date this tool can read"),
        ("10 Dec 25", "'10 Dec 25' has no year"),
        ("December 2025 10:00", "'December 2025 10:00' is not a date this tool can read"),
        ("0000", "'0000' has no usable year"),
        ("winter 9999", "'winter 9999' has no usable year"),
    ],
)
def test_nothing_is_guessed_and_nothing_crashes(written, message):
    with pytest.raises(DateError) as caught:
        parse_date(written)
    assert caught.value.message == message
