"""The one order of events, oldest first and newest first, for dates of every precision (guide/data-model.md, "Order").

Every list of the site and every export takes its order from here: the timeline and its year pages, the
overview, previous/next (oldest first, `Timeline.events`); the embed, the home page's latest events and the
feeds' ties (newest first, `Timeline.newest_first`).

The rule, the same in both directions: events are placed in their year, then in their month; within any
period, what is known less precisely comes after what is known more precisely. So in a month the events
known to the day come first (by day: ascending oldest first, descending newest first), then those known
only to the month; in a year the months come first, then one last group of the events known only to a
quarter, a season or the year ("sometime in 2025"), quarters and seasons by their start, the year-only
ones last. Newest first reverses the years, the months and the days, never that rule: a list never puts an
event known only to its year above the events known to fall in one of its months. An open date (on or
before a day, `../2025-12-10`) is placed just before its bound's month, oldest first (just after it, newest
first), in a group of its own: it may be earlier, it is never later. Events with the same place keep the
order of events.yaml (the maintainer's), in both directions: never the order of their ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from .dates import FuzzyDate, Precision

VAGUE = frozenset({Precision.QUARTER, Precision.SEASON, Precision.YEAR})
SOMETIME = 13  # the place after the twelve months of a year: events known less precisely than a month


class Rank(IntEnum):
    """Where in its month a date is placed, oldest first."""

    OPEN = 0  # on or before a day of the month: before the month's own events
    DAY = 1
    MONTH = 2


@dataclass(frozen=True, order=True)
class Place:
    """Where a date is listed: its year, its month (SOMETIME for a quarter, season or year) and its rank there."""

    year: int
    month: int
    rank: Rank

    @property
    def sometime(self) -> bool:
        return self.month == SOMETIME

    @property
    def open(self) -> bool:
        return self.rank is Rank.OPEN


def place(date: FuzzyDate) -> Place:
    start = date.start
    if date.precision in VAGUE:
        return Place(start.year, SOMETIME, Rank.MONTH)
    if date.open_start:
        return Place(start.year, start.month, Rank.OPEN)
    return Place(start.year, start.month, Rank.DAY if date.precision is Precision.DAY else Rank.MONTH)


def oldest_first_key(date: FuzzyDate, line: int = 0) -> tuple[int, ...]:
    """The key of `sorted` for the timeline's order of a date; `line`, the event's place in events.yaml, settles ties."""
    where = place(date)
    year_only = date.precision is Precision.YEAR
    return (where.year, where.month, where.rank, year_only, date.start.toordinal(), date.end.toordinal(), line)


def newest_first_key(date: FuzzyDate, line: int = 0) -> tuple[int, ...]:
    """The key of `sorted` for newest first: years, months and days reversed; within a period the less precise
    still after the more precise (a month's open group last, after its month-only events)."""
    where = place(date)
    month = -where.month if not where.sometime else 1  # the "sometime" group stays after January
    rank = {Rank.DAY: 0, Rank.MONTH: 1, Rank.OPEN: 2}[where.rank]
    year_only = date.precision is Precision.YEAR
    return (-where.year, month, rank, year_only, -date.start.toordinal(), -date.end.toordinal(), line)
