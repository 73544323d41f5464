"""events.json: the whole checked model, for programs, and the JSON Schema that describes it.

This is the typed `Timeline` as data, not the maintainers' YAML: ids are
resolved and checked, events are in timeline order, and every date is an
object with what was written, its precision, its ISO 8601 form at that
precision and the first and last days it may stand for.

Both the file and its schema are written from the field description of
generator/data/fields.py, each field by its kind: a field added there is in
events.json, and described by its schema, with no change here. Every field is
always present, `null` (or empty) when the event has no value for it. Besides
the fields, each event carries two values worked out from the timeline: its
`span` and its `first_reported` date.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from functools import cache
from typing import Any

from generator.data.dates import FuzzyDate, Precision
from generator.data.fields import EVENT, FILE, SECTIONS, STATUS_MEANINGS, Field, Kind, Section, plain
from generator.data.iso import iso8601
from generator.data.load import collection_paused
from generator.data.model import Localized, Timeline

Json = dict[str, Any]
Writer = Callable[[Any], Any]  # a value (never None) -> its JSON
FORMAT_VERSION = 1  # changes only when a field changes meaning or goes away
SCHEMA_ID = "events.schema.json"  # as published beside events.json (paths.EVENTS_SCHEMA)


def events_json(timeline: Timeline) -> Json:
    # Tens of thousands of small dicts and lists, none in a cycle: the collector, run again and again while they
    # are made, would only walk the whole timeline each time (a third of the time at 5,000 events).
    with collection_paused():
        data: Json = {"$schema": SCHEMA_ID, "version": FORMAT_VERSION, "languages": list(timeline.languages)}
        data.update(_record(FILE, timeline))  # site, sources, entities, events
        for item, event in zip(data["events"], timeline.events, strict=True):
            item["span"] = iso8601(event.date, event.end)
            item["first_reported"] = _date_or_none(timeline.first_reported(event))
    return data


def texts(text: Localized) -> dict[str, str]:
    return dict(text.items())


def date(value: FuzzyDate) -> Json:
    return {
        "written": str(value),
        "iso": iso8601(value),
        "precision": value.precision.value,
        "circa": value.circa,
        "open_start": value.open_start,
        "earliest": None if value.open_start else value.start.isoformat(),
        "latest": value.end.isoformat(),
    }


def _date_or_none(value: FuzzyDate | None) -> Json | None:
    return None if value is None else date(value)


def _keyed(section: Section) -> bool:
    """Whether the section's records are keyed by an id that is not one of their fields (sources, entities)."""
    return "id" in section.model_fields and "id" not in section.by_name


def _record(section: Section, record: Any) -> Json:
    """A model object as JSON: its id when it is keyed by one, then each field of its section, by its kind."""
    return _record_writer(section)(record)


def _section_of(field: Field) -> Section:
    assert field.section is not None
    return field.section


def _records(field: Field) -> Writer:
    section = _section_of(field)
    return lambda records: [_record_writer(section)(record) for record in records]


def _keyed_records(field: Field) -> Writer:
    section = _section_of(field)
    return lambda records: [_record_writer(section)(record) for _, record in sorted(records.items())]  # by id


# What each kind of field is in JSON: the writer of a field of that kind (None: the value as it is; None stays null).
_WRITERS: dict[Kind, Callable[[Field], Writer | None]] = {
    Kind.TEXT: lambda field: None,
    Kind.LOCALIZED: lambda field: texts,
    Kind.DATE: lambda field: date,
    Kind.DATE_OR_UNKNOWN: lambda field: date,
    Kind.URL: lambda field: None,
    Kind.LANGUAGE: lambda field: None,
    Kind.CHOICE: lambda field: None,
    Kind.TEXTS: lambda field: list,
    Kind.ID: lambda field: None,
    Kind.IDS: lambda field: list,
    Kind.PAGE_ID: lambda field: None,
    Kind.RECORD: lambda field: _record_writer(_section_of(field)),
    Kind.RECORDS: _records,
    Kind.KEYED: _keyed_records,
}
assert set(_WRITERS) == set(Kind), "every kind of field is written"
_RECORD_WRITERS: dict[int, Writer] = {}  # by id(section): the constants of fields.py


def _record_writer(section: Section) -> Writer:
    """The writer of a section's records, made once rather than for each of thousands of them."""
    writer = _RECORD_WRITERS.get(id(section))
    if writer is None:
        names = tuple(field.name for field in section.fields)
        get = operator.attrgetter(*names)  # a tuple of the values (the value itself, of one name)
        values_of = get if len(names) > 1 else lambda record: (get(record),)
        writers = tuple(_WRITERS[field.kind](field) for field in section.fields)
        keyed = _keyed(section)

        def writer(record: Any) -> Json:
            data: Json = {"id": record.id} if keyed else {}
            for name, write, value in zip(names, writers, values_of(record), strict=True):
                data[name] = value if value is None or write is None else write(value)
            return data

        _RECORD_WRITERS[id(section)] = writer
    return writer


# -- the schema --------------------------------------------------------------------------------


def _ref(name: str) -> Json:
    return {"$ref": f"#/$defs/{name}"}


# The kinds of value the fields share.
_BASE_DEFS: Json = {
    "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "A lowercase ASCII slug, stable forever."},
    "language": {"type": "string", "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", "description": "A BCP 47 language code."},
    "texts": {
        "type": "object",
        "description": "A text in some of the site's languages: language code to text.",
        "propertyNames": _ref("language"),
        "additionalProperties": {"type": "string"},
    },
    "url": {"type": "string", "pattern": "^https?://", "format": "uri"},
    "iso_day": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"},
    "date": {
        "type": "object",
        "description": "A date at the precision it is known.",
        "required": ["written", "iso", "precision", "circa", "open_start", "earliest", "latest"],
        "additionalProperties": False,
        "properties": {
            "written": {"type": "string", "description": "The canonical written form: 2025-12-10, 2025-12, 2025, 2026-Q1, spring 2026, with a leading ~ for circa."},
            "iso": {
                "type": "string", "pattern": "^(\\.\\./)?[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?(/[0-9]{4}-[0-9]{2})?$",
                "description": "ISO 8601 at its precision; a quarter or season as a range of months (2026-01/2026-03).",
            },
            "precision": {"enum": [precision.value for precision in Precision]},
            "circa": {"type": "boolean"},
            "open_start": {"type": "boolean", "description": "On or before the date (written ../2025-12-10), its start unknown."},
            "earliest": {"oneOf": [_ref("iso_day"), {"type": "null"}], "description": "The first day the date may stand for; null when its start is unknown (open_start)."},
            "latest": {**_ref("iso_day"), "description": "The last day the date may stand for."},
        },
    },
}

# What each kind of field's value is, as the schema says it.
_VALUE_SCHEMAS: dict[Kind, Callable[[Field], Json]] = {
    Kind.TEXT: lambda field: {"type": "string"},
    Kind.LOCALIZED: lambda field: _ref("texts"),
    Kind.DATE: lambda field: _ref("date"),
    Kind.DATE_OR_UNKNOWN: lambda field: _ref("date"),
    Kind.URL: lambda field: _ref("url"),
    Kind.LANGUAGE: lambda field: _ref("language"),
    Kind.CHOICE: lambda field: {"enum": list(field.values)},
    Kind.TEXTS: lambda field: {"type": "array", "items": {"type": "string"}},
    Kind.ID: lambda field: _ref("id"),
    Kind.IDS: lambda field: {"type": "array", "items": _ref("id")},
    Kind.PAGE_ID: lambda field: _ref("id"),
    Kind.RECORD: lambda field: _ref(_section_of(field).name),
    Kind.RECORDS: lambda field: {"type": "array", "items": _ref(_section_of(field).name), **({"minItems": field.min_items} if field.min_items else {})},
    Kind.KEYED: lambda field: {"type": "array", "items": _ref(_section_of(field).name)},  # sorted by id
}
assert set(_VALUE_SCHEMAS) == set(Kind), "every kind of field is described"


def _may_be_null(section: Section, field: Field) -> bool:
    """Null where the model may hold None: a value recorded as unknown, `unknown` dates, and optional fields without one.

    Never a list: the model holds an empty one (a part of the file left empty has no sources, no entities).
    """
    if field.kind in (Kind.TEXTS, Kind.IDS, Kind.RECORDS, Kind.KEYED):
        return False
    if field.nullable or field.kind is Kind.DATE_OR_UNKNOWN:
        return True
    if field.required or section.model is None:
        return False
    default = next(model_field.default for model_field in dataclasses.fields(section.model) if model_field.name == field.name)
    return default is None


def _field_schema(section: Section, field: Field) -> Json:
    value = _VALUE_SCHEMAS[field.kind](field)
    if _may_be_null(section, field):
        value = {"oneOf": [value, {"type": "null"}]}
    return {**value, "description": plain(field.help)}


def _section_schema(section: Section) -> Json:
    properties = {"id": _ref("id")} if _keyed(section) else {}
    properties.update((field.name, _field_schema(section, field)) for field in section.fields)
    return {"type": "object", "required": list(properties), "additionalProperties": False, "properties": properties}


@cache
def schema() -> Json:
    """The JSON Schema (draft 2020-12) of events.json."""
    defs: Json = {**_BASE_DEFS, **{section.name: _section_schema(section) for section in SECTIONS if section is not FILE}}
    event = defs[EVENT.name]
    event["properties"]["status"]["description"] = "; ".join(f"{value}: {plain(meaning)}" for value, meaning in STATUS_MEANINGS.items()) + "."
    event["properties"]["span"] = {"type": "string", "description": "From the date to the end (or the date alone) in ISO 8601 at its precision, as schema.org's temporalCoverage."}
    event["properties"]["first_reported"] = {
        "oneOf": [_ref("date"), {"type": "null"}], "description": "The earliest publication date among the cited sources; null when none is dated.",
    }
    event["required"] += ["span", "first_reported"]
    top = _section_schema(FILE)
    # The parts of the file, as this file holds them (the field description speaks of events.yaml).
    for name, description in (("sources", "Sorted by id."), ("entities", "Sorted by id."), ("events", "In timeline order.")):
        top["properties"][name]["description"] = description
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Timeline events (events.json)",
        "description": (
            "The whole checked timeline: site texts, sources, entities and events in timeline order. Texts are objects of language code "
            "to text; dates are objects with their precision. Generated from the field description of the generator (generator/data/fields.py)."
        ),
        "type": "object",
        "required": ["version", "languages", *top["required"]],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "version": {"const": FORMAT_VERSION, "description": "The format's version; it changes only when a field changes meaning or goes away."},
            "languages": {"type": "array", "items": _ref("language"), "minItems": 1, "uniqueItems": True, "description": "The site's languages in order, the first the default."},
            **top["properties"],
        },
        "$defs": defs,
    }
