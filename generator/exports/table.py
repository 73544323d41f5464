"""events.csv: one row per event, every site language side by side, for spreadsheets and newsroom tools.

RFC 4180 (the csv module, CRLF line ends) in UTF-8 with a byte-order mark,
without which spreadsheet programs read Arabic as mojibake. Lists (entities,
sources, addresses) are joined with spaces: ids and URLs hold none.

Text comes from pull requests: a cell that a spreadsheet would run as a
formula (starting with =, +, -, @, a tab or a carriage return) is prefixed
with an apostrophe, which spreadsheets show as text (OWASP's advice).
"""

from __future__ import annotations

import csv
import io

from generator.data.model import Event, Timeline

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def columns(languages: tuple[str, ...]) -> list[str]:
    """The header row: fixed columns, then title and summary for each language, then the references."""
    per_language = [f"{field}_{lang}" for lang in languages for field in ("title", "summary")]
    return ["id", "date", "precision", "circa", "earliest", "latest", "end", "status", *per_language, "entities", "source_ids", "source_urls"]


def events_csv(timeline: Timeline) -> bytes:
    """The whole table, ready to publish as data/events.csv."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns(timeline.languages))
    for event in timeline.events:
        writer.writerow([defused(cell) for cell in _row(timeline, event)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def defused(cell: str) -> str:
    """A cell no spreadsheet runs as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _row(timeline: Timeline, event: Event) -> list[str]:
    date = event.date
    texts = [text.get(lang) or "" for lang in timeline.languages for text in (event.title, event.summary)]
    sources = [timeline.sources[reference.source] for reference in event.references]
    return [
        event.id,
        str(date),  # as written in events.yaml, with ~ for circa (also its own column)
        date.precision.value,
        "yes" if date.circa else "",
        "" if date.open_start else date.start.isoformat(),  # on or before a day: the earliest is unknown
        (event.end or date).end.isoformat(),
        str(event.end) if event.end else "",
        event.status,
        *texts,
        " ".join(event.entities),
        " ".join(source.id for source in sources),
        " ".join(source.url for source in sources if source.url),
    ]
