"""What the timeline still expects, and which expectations have expired ("overdue").

An event is expected when its status is `planned`, or when it is dated after the newest report the timeline
cites. Its window is its date (or its range, to `end`): "Q1 2026" is expected by 31 March 2026. Once the window
has passed on the build date with no update and no cited report dated after it, the expectation is overdue: the
site says "expected by the end of March 2026; no report since", and `check` warns the maintainer.

The build date is always given (never the clock read here): a build is dated by SOURCE_DATE_EPOCH, else by
the data's own latest date (build/build_date.py), so two builds of one file stay byte-identical, and a
scheduled weekly build (.github/workflows/deploy.yml) keeps "overdue" true without an edit to the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .dates import FuzzyDate
from .model import Event, Timeline

FORWARD_STATUSES = ("planned",)


def window_end(date: FuzzyDate, end: FuzzyDate | None = None) -> dt.date:
    """The last day an expected event may happen and still be on time."""
    return (end or date).end


def is_expected(status: str, date: FuzzyDate, newest_report: dt.date | None) -> bool:
    """Still to come when the timeline was last reported on: planned, or dated after the newest report."""
    return status in FORWARD_STATUSES or (newest_report is not None and not date.open_start and date.start > newest_report)


def is_overdue(
    status: str, date: FuzzyDate, end: FuzzyDate | None, news: Iterable[dt.date], newest_report: dt.date | None, today: dt.date
) -> bool:
    """Expected, its window passed before `today`, and nothing (`news`: updates, reports) dated after the window."""
    if not is_expected(status, date, newest_report):
        return False
    last_day = window_end(date, end)
    return last_day < today and not any(day > last_day for day in news)


def newest_report(timeline: Timeline) -> dt.date | None:
    """The last day the newest cited report can be from."""
    return max((source.published.end for source in timeline.sources.values() if source.published), default=None)


class Expectations:
    """The expected events of a timeline on a build date, still expected or overdue, each found once."""

    def __init__(self, timeline: Timeline, today: dt.date) -> None:
        self.timeline = timeline
        self.today = today
        self.newest_report = newest_report(timeline)

    def expected(self, event: Event) -> bool:
        return is_expected(event.status, event.date, self.newest_report)

    def overdue(self, event: Event) -> bool:
        return is_overdue(event.status, event.date, event.end, self._news(event), self.newest_report, self.today)

    def _news(self, event: Event) -> list[dt.date]:
        reports = [published.start for citation in event.citations if (published := self.timeline.sources[citation.source].published)]
        return [update.date.start for update in event.updates] + reports

    def still_expected(self) -> tuple[Event, ...]:
        """Soonest first."""
        return tuple(event for event in self.timeline.events if self.expected(event) and not self.overdue(event))

    def past_due(self) -> tuple[Event, ...]:
        """Longest overdue first."""
        return tuple(event for event in self.timeline.events if self.overdue(event))
