"""Fuzzy dates in ISO 8601 at their own precision, and the dates a page was published and revised."""

from __future__ import annotations

import datetime as dt

from .dates import FuzzyDate, Precision
from .model import Event, Timeline


def iso_first(date: FuzzyDate) -> str:
    """The start of a date, no more precise than known: a quarter or season starts with its first month."""
    if date.precision in (Precision.QUARTER, Precision.SEASON):
        return date.start.strftime("%Y-%m")
    return date.machine


def _last(date: FuzzyDate) -> str:
    if date.precision in (Precision.QUARTER, Precision.SEASON):
        return date.end.strftime("%Y-%m")
    return date.machine


def iso8601(date: FuzzyDate, end: FuzzyDate | None = None) -> str:
    """'2025-12-10', '2025-12', '2025'; a quarter or season as its months ('2026-01/2026-03');
    a range from its first part to its last ('2025-07/2026-03').

    ISO 8601 has no mark for 'circa' (EDTF's '~' is not understood by schema.org
    readers), so circa is kept apart, as `FuzzyDate.circa`.
    """
    if date.open_start:  # on or before a day, its start unknown: ISO 8601-2's open interval
        return f"../{date.machine}"
    first, last = iso_first(date), _last(end or date)
    return first if first == last else f"{first}/{last}"


def first_reported(timeline: Timeline, event: Event) -> FuzzyDate:
    """When the event was first reported: the earliest publication date among its sources, else its own date."""
    return timeline.first_reported(event) or event.date


def last_revised(timeline: Timeline, event: Event) -> FuzzyDate:
    """When the event was added or last corrected.

    The date of the latest entry of its `updates` log when it has one (a
    correction is news to a reader who saw the first version); otherwise the
    date it was first reported, the earliest publication date among its cited
    sources, since a maintainer adds an event once it is reported; otherwise,
    with no source dated, the event's own date.
    """
    return latest_update(event) or first_reported(timeline, event)


def latest_update(event: Event) -> FuzzyDate | None:
    """The date of the latest entry of the event's `updates` log; None when it has none."""
    return max((update.date for update in event.updates), key=lambda date: (date.start, date.end), default=None)


def as_of(timeline: Timeline) -> dt.date | None:
    """The latest change in the data, what "as of" says: the newest date among the sources' publication and
    access dates and the events' updates (event dates are not used: a planned event may lie in the future).
    None when the data records no such date."""
    dates = [date.start for source in timeline.sources.values() for date in (source.published, source.accessed) if date]
    dates += [update.date.start for event in timeline.events for update in event.updates]
    return max(dates, default=None)
