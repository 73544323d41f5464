"""The rules about time across events: open dates (`../2025-12-10`, `after`) and expectations whose window has passed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from .dates import FuzzyDate
from .expectations import is_overdue, window_end
from .readers import Record, Written
from .reporting import Reporter, did_you_mean


def open_dates(reporter: Reporter, events: Sequence[Record]) -> None:
    """An open date has no `end`; `after` goes with an open date and names an earlier event whose date is not open."""
    by_id = {written.value: event for event in events if (written := event.values.get("id")) is not None}
    for event in events:
        date: FuzzyDate | None = event.values.get("date")
        if date is not None and date.open_start and "end" in event.nodes:
            reporter.error(
                event.nodes["end"], f"{event.where}, end", f"an open date ({date}) has no end",
                "Remove 'end', or write the date itself if the event's start is known.",
            )
        after: Written | None = event.values.get("after")
        if after is None:
            continue
        if date is not None and not date.open_start:
            reporter.error(
                after.node, after.where, f"'after' goes with an open date, and this event is dated {date}",
                f"Remove 'after', or write the date as on or before the report's day: ../{date}.",
            )
            continue
        other = by_id.get(after.value)
        if other is None:
            reporter.error(after.node, after.where, f"unknown event '{after.value}'", f"Use the id of the event this one followed{did_you_mean(after.value, list(by_id))}")
            continue
        earlier: FuzzyDate | None = other.values.get("date")
        if earlier is None or date is None:
            continue
        if earlier.open_start:
            reporter.error(after.node, after.where, f"event '{after.value}' has an open date too ({earlier})", "Name an event whose own date is known.")
        elif earlier.start > date.end:
            reporter.error(
                after.node, after.where, f"event '{after.value}' ({earlier}) is dated after this event's bound ({date})",
                "Check both dates: 'after' names an earlier event.",
            )


def expired_expectations(reporter: Reporter, events: Sequence[Record], sources: Mapping[str, Record], today: dt.date) -> None:
    """Warn about each expected event whose window passed before `today` with no update or report since."""
    dates = [published for source in sources.values() if (published := source.values.get("published")) is not None]
    newest = max((published.end for published in dates), default=None)
    for event in events:
        date: FuzzyDate | None = event.values.get("date")
        status: str | None = event.values.get("status")
        if date is None or status is None:
            continue
        end: FuzzyDate | None = event.values.get("end")
        news = [update.built.date.start for update in event.values.get("updates", ()) if update.built is not None]
        for citation in event.values.get("citations", ()):
            source = sources.get(citation.built.source) if citation.built is not None else None
            if source is not None and (published := source.values.get("published")) is not None:
                news.append(published.start)
        # A claim that is not forward-looking (happened, reported) dated after its sources has a warning of its own.
        if status in ("planned", "disputed") and is_overdue(status, date, end, news, newest, today):
            reporter.warning(
                event.nodes["date"], f"{event.where}, date",
                f"the event was expected by {window_end(date, end).isoformat()} ({status}), and nothing since says it happened (checked on {today.isoformat()})",
                "Add an entry under 'updates' saying what is known now, or change the status and cite the report that settles it;"
                " until then the site shows it as overdue",
            )
