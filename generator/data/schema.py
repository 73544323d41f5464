"""The JSON Schema for editors (events-yaml.schema.json), generated from the field description in fields.py.

yaml-language-server reads it to complete and check events.yaml while it is
typed. It is shipped in the package; `python -m generator schema --write`
regenerates it (and the field tables of guide/data-model.md), and a test fails when the
shipped file differs from what this module generates.
"""

from __future__ import annotations

import argparse
import functools
import json
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from generator.data.language_names import DEFAULT_LANGUAGES, language_name

from .addresses import MAX_ID_LENGTH, RESERVED_IDS
from .fields import EVENT, FILE, SECTIONS, STATUS_MEANINGS, Field, Kind, Section, plain

SCHEMA_FILE = "data/events-yaml.schema.json"
# The guide's page of the field tables (field_tables.py), from the repository's root.
TABLES_PAGE = "guide/data-model.md"
_LANGUAGE_CODE = "^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
_MONTH = r"[Jj]an(uary)?|[Ff]eb(ruary)?|[Mm]ar(ch)?|[Aa]pr(il)?|[Mm]ay|[Jj]une?|[Jj]uly?|[Aa]ug(ust)?|[Ss]ep(t(ember)?)?|[Oo]ct(ober)?|[Nn]ov(ember)?|[Dd]ec(ember)?"
_DATE = (
    r"^~?\s*([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|[0-9]{4}-?[Qq][1-4]|[Qq][1-4][ -][0-9]{4}"
    r"|([Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s+[0-9]{4}"
    rf"|(([0-9]{{1,2}}\s+)?({_MONTH})\.?,?\s+([0-9]{{1,2}},?\s+)?[0-9]{{4}}))$"
)

# The kinds of value every section uses: what a schema can say of them (the checker says more).
_BASE_DEFS: dict[str, Any] = {
    "slug": {
        "type": "string",
        "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
        "maxLength": MAX_ID_LENGTH,
        "description": f"Lowercase ASCII letters, digits and single hyphens, at most {MAX_ID_LENGTH} characters; stable forever (it becomes a web address).",
    },
    "page_id": {
        "$ref": "#/$defs/slug",
        "not": {"enum": sorted(RESERVED_IDS)},
        "description": f"The id of an event or entity: a slug that is not a name the site uses for its own pages ({', '.join(sorted(RESERVED_IDS))}).",
    },
    "text": {
        "type": ["string", "number", "boolean"],
        "description": (
            "Text. YAML may read unquoted 'no' or '1e3' as other types; the checker keeps what was written. No control characters "
            "(except tab and line feed), line or paragraph separators, bidirectional embeddings or overrides, or noncharacters; "
            "the checker also refuses those beyond the first plane and unclosed isolates."
        ),
        "minLength": 1,
        "pattern": "^[^\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\uFDD0-\\uFDEF\\uFFFE\\uFFFF]*$",
    },
    "localized": {
        "type": "object",
        "additionalProperties": False,
        "minProperties": 1,
        "properties": {code: {"$ref": "#/$defs/text", "description": language_name(code)} for code in DEFAULT_LANGUAGES},
        "description": (
            "A text per site language (BCP 47 code: text). The site's languages are set in mkdocs.yml "
            "(extra.timeline.languages, en and ar by default); the checker accepts exactly those."
        ),
        "patternProperties": {_LANGUAGE_CODE: {"$ref": "#/$defs/text"}},
    },
    "date": {
        "description": "A date at its known precision: 2025-12-10, 10 December 2025, 2025-12, December 2025, 2025, 2026-Q1, spring 2026; a leading ~ means circa.",
        "oneOf": [{"type": "integer", "minimum": 1000, "maximum": 9999}, {"type": "string", "pattern": _DATE}],
    },
    "open_date": {
        "description": "A date as for 'date', or on or before a day or a month, its start unknown: ../2025-12-10, ../2025-12.",
        "oneOf": [{"$ref": "#/$defs/date"}, {"type": "string", "pattern": "^\\.\\./[0-9]{4}-[0-9]{2}(-[0-9]{2})?$"}],
    },
    "url": {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+[^\\s]*$", "description": "An absolute http(s) address."},
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _one_or_list(item: dict[str, Any]) -> dict[str, Any]:
    # The checker takes a single value as a list of one.
    return {"oneOf": [item, {"type": "array", "items": item}]}


def _value(field: Field) -> dict[str, Any]:
    kind = field.kind
    if kind is Kind.TEXT:
        value = _ref("text")
    elif kind is Kind.LOCALIZED:
        value = _ref("localized")
    elif kind is Kind.DATE:
        value = _ref("open_date" if field.open_start else "date")
    elif kind is Kind.DATE_OR_UNKNOWN:
        value = {"oneOf": [_ref("date"), {"const": "unknown"}]}
    elif kind is Kind.URL:
        value = _ref("url")
    elif kind is Kind.LANGUAGE:
        # YAML 1.1 reads `no` (Norwegian) as false; the checker keeps the text.
        value = {"type": ["string", "boolean"], "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"}
    elif kind is Kind.CHOICE:
        value = {"enum": list(field.values)}
    elif kind is Kind.TEXTS:
        value = _one_or_list(_ref("text"))
    elif kind is Kind.ID:
        value = _ref("slug")
    elif kind is Kind.IDS:
        value = _one_or_list(_ref("slug"))
    elif kind is Kind.PAGE_ID:
        value = _ref("page_id")
    elif kind is Kind.RECORD:
        assert field.section is not None
        value = _ref(field.section.name)
    elif kind is Kind.RECORDS:
        assert field.section is not None
        value = {"type": "array", "items": _ref(field.section.name)}
        if field.min_items:
            value["minItems"] = field.min_items
    else:  # KEYED
        assert field.section is not None
        value = {
            "type": "object",
            "propertyNames": _ref("page_id" if field.key_kind is Kind.PAGE_ID else "slug"),
            "additionalProperties": _ref(field.section.name),
        }
    if field.nullable:
        value = {**value, "type": [value["type"], "null"]} if "type" in value and kind is Kind.KEYED else {"oneOf": [value, {"type": "null"}]}
    return {**value, "description": plain(field.help_with_limit)}


def _section(section: Section) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "additionalProperties": False}
    required = [field.name for field in section.fields if field.required]
    if required:
        schema["required"] = required
    if section.help:
        schema["description"] = plain(section.help)
    schema["properties"] = {field.name: _value(field) for field in section.fields}
    return schema


def events_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of events.yaml, from the field description."""
    status = EVENT.field("status")
    defs = {**_BASE_DEFS, **{section.name: _section(section) for section in SECTIONS if section is not FILE}}
    defs["event"]["properties"]["status"]["description"] = "; ".join(f"{value}: {plain(STATUS_MEANINGS[value])}" for value in status.values) + "."
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://timeline-generator.invalid/events-yaml.schema.json",
        "title": "events.yaml: a sourced, bilingual news timeline",
        "description": (
            "The data file of the timeline site generator, generated from generator/data/fields.py (python -m generator schema --write). "
            "The checker (python -m generator check) enforces everything here plus what a schema cannot express: references between ids, "
            "duplicate ids and keys, ambiguous dates, end before date, conflicts named on both sides, and the warnings."
        ),
        **_section(FILE),
        "$defs": defs,
    }


def schema_text() -> str:
    return json.dumps(events_schema(), ensure_ascii=False, indent=2) + "\n"


def shipped_schema_text() -> str:
    return resources.files("generator").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser], more_tables: Sequence[Callable[[], str | None]] = ()) -> None:
    """The `schema` command; `more_tables` are the guide's other generated tables, which `--write` rewrites too.

    Each writes its tables and says what it wrote (None: no page to write). The command line gives them (the
    tables of the site settings, languages/settings_table.py): this layer imports nothing from above.
    """
    parser = commands.add_parser(
        "schema", help="print the JSON Schema of events.yaml (--write: regenerate the shipped file and the guide's tables)",
        description=f"Print the JSON Schema of events.yaml, generated from generator/data/fields.py. With --write, write it to generator/data/events-yaml.schema.json and regenerate the field tables between the <!-- fields:… --> markers of the guide's page (--tables-in, default {TABLES_PAGE}) and the tables of the site settings in guide/operators.md.",
    )
    parser.add_argument("--write", action="store_true", help="write generator/data/events-yaml.schema.json and the guide's tables")
    parser.add_argument(
        "--tables-in", default=TABLES_PAGE, type=Path, metavar="PAGE",
        help=f"the Markdown page whose field tables --write regenerates (default: {TABLES_PAGE})",
    )
    parser.set_defaults(handler=functools.partial(_command, more_tables=tuple(more_tables)))


def _command(args: argparse.Namespace, more_tables: tuple[Callable[[], str | None], ...] = ()) -> int:
    from .field_tables import write_tables

    if not args.write:
        print(schema_text(), end="")
        return 0
    target = Path(str(resources.files("generator").joinpath(SCHEMA_FILE)))
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")
    if args.tables_in.is_file():
        write_tables(args.tables_in)
        print(f"wrote the field tables of {args.tables_in}")
    for write in more_tables:
        if (wrote := write()) is not None:
            print(wrote)
    return 0
