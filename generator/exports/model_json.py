"""events.json: the whole checked model, for programs, with a JSON Schema that describes it.

This is the typed `Timeline` as data, not the maintainers' YAML: ids are
resolved and checked, events are in timeline order, and every date is an
object with what was written, its precision, its ISO 8601 form at that
precision and the first and last days it may stand for. The schema ships
next to this module (`events.schema.json`) and is published with the file.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from generator.data.dates import FuzzyDate
from generator.data.iso import iso8601
from generator.data.model import Citation, Entity, Event, Localized, Source, Timeline, Update

Json = dict[str, object]
FORMAT_VERSION = 1
SCHEMA_ID = "events.schema.json"


@cache
def schema() -> Json:
    """The JSON Schema (draft 2020-12) of events.json."""
    text = (resources.files("generator") / "exports" / "events.schema.json").read_text(encoding="utf-8")
    loaded: Json = json.loads(text)
    return loaded


def events_json(timeline: Timeline) -> Json:
    return {
        "$schema": SCHEMA_ID,
        "version": FORMAT_VERSION,
        "languages": list(timeline.languages),
        "site": {"title": texts(timeline.site.title), "description": texts(timeline.site.description)},
        "sources": [_source(source) for _, source in sorted(timeline.sources.items())],
        "entities": [_entity(entity) for _, entity in sorted(timeline.entities.items())],
        "events": [_event(timeline, event) for event in timeline.events],
    }


def texts(text: Localized) -> dict[str, str]:
    return dict(text.items())


def date(value: FuzzyDate) -> Json:
    return {
        "written": str(value),
        "iso": iso8601(value),
        "precision": value.precision.value,
        "circa": value.circa,
        "earliest": value.start.isoformat(),
        "latest": value.end.isoformat(),
    }


def _optional_date(value: FuzzyDate | None) -> Json | None:
    return None if value is None else date(value)


def _source(source: Source) -> Json:
    return {
        "id": source.id,
        "outlet": None if source.outlet is None else texts(source.outlet),
        "title": source.title,
        "title_translated": texts(source.title_translated),
        "language": source.language,
        "published": _optional_date(source.published),
        "url": source.url,
        "archive_url": source.archive_url,
        "accessed": _optional_date(source.accessed),
        "via": list(source.via),
        "notes": None if source.notes is None else texts(source.notes),
    }


def _entity(entity: Entity) -> Json:
    return {"id": entity.id, "kind": entity.kind, "label": texts(entity.label), "aliases": list(entity.aliases)}


def _citation(citation: Citation) -> Json:
    return {
        "source": citation.source,
        "quote": citation.quote,
        "quote_translated": texts(citation.quote_translated),
        "note": None if citation.note is None else texts(citation.note),
    }


def _update(update: Update) -> Json:
    return {"date": date(update.date), "note": texts(update.note)}


def _event(timeline: Timeline, event: Event) -> Json:
    return {
        "id": event.id,
        "date": date(event.date),
        "end": _optional_date(event.end),
        "span": iso8601(event.date, event.end),
        "status": event.status,
        "title": texts(event.title),
        "summary": texts(event.summary),
        "entities": list(event.entities),
        "citations": [_citation(citation) for citation in event.citations],
        "first_reported": _optional_date(timeline.first_reported(event)),
        "updates": [_update(update) for update in event.updates],
    }
