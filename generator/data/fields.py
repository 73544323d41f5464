"""The fields of events.yaml, described once.

Each part of the file (the file itself, `site`, a source, an entity, an event,
its date basis, a citation, an update) is a `Section` of `Field`s: its name,
whether it is required, the kind of value it takes, the values it allows and a
help text; and the class of model.py that the section's records become, whose
fields have the same names. From this description alone:

- the checker reads each field by its kind, one reader per kind (readers.py),
  record by record (records.py), and makes the model objects from the values read;
- the JSON Schema for editors (schema.py, shipped as events-yaml.schema.json)
  and the field tables of the guide (field_tables.py) are generated;
- the export events.json and its published JSON Schema (exports/model_json.py)
  write each field by its kind.

A new field is added here and in its model class; nothing else needs a copy of it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Any

from .model import DATE_BASES, ENTITY_KINDS, STATUSES, Citation, DateBasis, Entity, Event, Site, Source, Update


class Kind(Enum):
    """What a field's value is, as the checker reads it."""

    TEXT = "text"  # one line of text, exactly as written
    LOCALIZED = "localized"  # a text in each of the site's languages
    DATE = "date"  # a date at its known precision (dates.py)
    DATE_OR_UNKNOWN = "date or unknown"  # a date, or the word `unknown`
    URL = "url"  # an absolute http(s) address
    LANGUAGE = "language"  # a BCP 47 code
    CHOICE = "choice"  # one of `Field.values`
    TEXTS = "texts"  # a list of texts; one text is a list of one
    ID = "id"  # the id of a record elsewhere in the file (`Field.refers_to`)
    IDS = "ids"  # a list of such ids; one id is a list of one
    PAGE_ID = "page id"  # the record's own id, which becomes a page address
    RECORD = "record"  # a mapping of the fields of `Field.section`
    RECORDS = "records"  # a list of such mappings
    KEYED = "keyed"  # a mapping of ids to such mappings


def plain(markdown: str) -> str:
    """A help text without its Markdown marks, for the descriptions of the JSON Schemas (editors' tooltips)."""
    return re.sub(r"\*\*|\*|`", "", markdown)


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    help: str  # Markdown, as in the guide's field tables; the schema gets it without the marks
    required: bool = False
    # `null` is allowed: the value is recorded as unknown (a source's outlet, title, url),
    # or a part of the file is empty (no sources yet).
    nullable: bool = False
    values: tuple[str, ...] = ()  # CHOICE: the allowed values, in the order messages list them
    value_noun: str = ""  # CHOICE: "a status", as in "'rumoured' is not a status"
    section: Section | None = None  # RECORD, RECORDS, KEYED
    key_kind: Kind = Kind.ID  # KEYED: ID, or PAGE_ID when each record gets a page
    min_items: int = 0  # RECORDS
    partial: bool = False  # LOCALIZED: a missing language is no warning (a translation of a text in one language)
    refers_to: str = ""  # ID, IDS: the part of the file that defines the ids ("sources", "entities", "events")
    # TEXT, LOCALIZED: the most characters a text may have (0: no limit), so that it fits its place on the page and
    # on the share card; the guide's tables say it and the checker's message gives the limit and the length.
    max_length: int = 0
    open_start: bool = False  # DATE: `../BOUND` (on or before a day or a month) is allowed too
    # Required, but its absence gets a message of its own (it says why the field matters).
    missing_has_own_message: bool = False

    @property
    def help_with_limit(self) -> str:
        """The help text of the guide's tables and the schema, with the length limit when there is one."""
        return f"{self.help}; at most {self.max_length:,} characters" if self.max_length else self.help

    @property
    def required_text(self) -> str:
        """The "required" column of the guide's field tables."""
        if not self.required:
            return "no"
        if self.nullable:
            return "yes, may be `null`"
        if self.min_items == 1:
            return "yes, at least one"
        return "yes"


@dataclass(frozen=True)
class Section:
    name: str  # the schema's $defs name and the guide's table marker: <!-- fields:NAME -->
    what: str  # in messages: "expected an event as a mapping of fields", "Add 'title:' to an event."
    fields: tuple[Field, ...]
    help: str = ""
    # The frozen dataclass of model.py a record becomes: one keyword per field read, by the field's name,
    # plus `id` (the key of a keyed record) and `line` (where the record starts) when the class has them.
    # An optional field that is absent takes the class's default. None: the file itself (checker.py).
    model: type[Any] | None = None

    # Cached: the checker asks for these for every record and field of the file (a section never changes).
    @cached_property
    def allowed(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)

    @cached_property
    def required(self) -> tuple[str, ...]:
        """The required fields whose absence the generic message reports."""
        return tuple(field.name for field in self.fields if field.required and not field.missing_has_own_message)

    @cached_property
    def needed(self) -> frozenset[str]:
        """Every required field: a record lacking one of them (or whose value is wrong) makes no model object."""
        return frozenset(field.name for field in self.fields if field.required)

    @cached_property
    def by_name(self) -> dict[str, Field]:
        return {field.name: field for field in self.fields}

    @cached_property
    def page_id(self) -> Field | None:
        """The field whose value names each record in messages ("event 'x'" rather than "events[3]")."""
        return next((field for field in self.fields if field.kind is Kind.PAGE_ID), None)

    @cached_property
    def model_fields(self) -> frozenset[str]:
        return frozenset(field.name for field in dataclasses.fields(self.model)) if self.model is not None else frozenset()

    def field(self, name: str) -> Field:
        return self.by_name[name]


SITE = Section("site", "the site", model=Site, fields=(
    Field("title", Kind.LOCALIZED, "the site's title, `en` and `ar`", required=True),
    Field("description", Kind.LOCALIZED, "one sentence on what the timeline covers, `en` and `ar`", required=True),
))

SOURCE = Section("source", "a source", model=Source, fields=(
    Field("outlet", Kind.LOCALIZED, "the publication, `en` and `ar`; `null` when not recorded (a warning, unless `unknown_because` says why)", required=True, nullable=True),
    Field("title", Kind.TEXT, "the headline **as published, in its own language**; `null` when not recorded (a warning, unless `unknown_because` says why)", required=True, nullable=True),
    Field("title_translated", Kind.LOCALIZED, "the headline translated, `en` and/or `ar`", partial=True),
    Field("language", Kind.LANGUAGE, "the article's language as a BCP 47 code: `ar`, `en`, `fr`, `zh-Hans`…", required=True),
    Field("published", Kind.DATE_OR_UNKNOWN, "the publication date, at the precision known (see *Dates*); `unknown` when nothing is known", required=True),
    Field("url", Kind.URL, "the article's absolute `http(s)` address; `null` when not recorded (a warning, unless `unknown_because` says why)", required=True, nullable=True),
    Field("archive_url", Kind.URL, "an archived copy (e.g. the Wayback Machine)"),
    Field("accessed", Kind.DATE, "when the maintainer last read the article (a date)"),
    Field("via", Kind.TEXTS, "the outlet(s) whose reporting the article relays, as a list: `[Reuters]`; each is the name (label or alias) of an entity, whose label pages show in their language"),
    Field("notes", Kind.LOCALIZED, "anything a reader should know about the source, `en` and `ar`", max_length=400),
    Field("known_from", Kind.CHOICE, "`memory`: a source of the public record (the company's own announcement or a major outlet's report) whose address, title and date were written from memory; it may support only an event's date (`date_basis` kind `record`), is cited without a quote, and readers see it as not yet checked online until `checked_online` is set", values=("memory",), value_noun="a way a source is known"),
    Field("checked_online", Kind.DATE, "the day the links tool found the page online, with its title and date as recorded; until then a `known_from: memory` source is shown as not yet checked online"),
    Field("unknown_because", Kind.LOCALIZED, "why its `outlet`, `title` or `url` is `null`, `en` and `ar`: \"the saved text has no headline\". With it, those `null`s are not warned about (a source with no `null` and a reason is)"),
), help="Modelled on Wikipedia's `{{cite news}}`.")

ENTITY = Section("entity", "an entity", model=Entity, fields=(
    Field("kind", Kind.CHOICE, "one of " + ", ".join(f"`{kind}`" for kind in ENTITY_KINDS), required=True, values=ENTITY_KINDS, value_noun="a kind of entity"),
    Field("label", Kind.LOCALIZED, "the display name, `en` and `ar`", required=True),
    Field("aliases", Kind.TEXTS, "every other spelling, in any script: `[Gaddafi, Qaddafi, القذافي]`. Search uses them so that any recorded spelling finds the entity's events"),
))

DATE_BASIS = Section("date_basis", "the date basis", model=DateBasis, fields=(
    Field(
        "kind", Kind.CHOICE,
        "`stated`: the cited article states the date (or a relative one, such as \"next spring\", read against its publication date); "
        "`report`: the event's own date is not established, so it is dated by the report of the cited article, at the precision the report supports; "
        "`record`: another public record gives the date, listed under `sources` like any article (outlet, title, URL, published, with the quote that gives the date)",
        required=True, values=DATE_BASES, value_noun="a date basis",
    ),
    Field("source", Kind.ID, "the id of the source the date rests on; the event must cite it", required=True, refers_to="sources"),
    Field("note", Kind.LOCALIZED, "how the date was read from the source, `en` and `ar`: \"the article says only 'earlier this year'\"", max_length=400),
), help="Where the event's date comes from. The source must be one the event cites.")

CITATION = Section("citation", "a citation", model=Citation, fields=(
    Field("source", Kind.ID, "a source id", required=True, refers_to="sources"),
    Field("quote", Kind.TEXT, "the sentence that supports the event, **copied verbatim** from the article in its own language; `null` only when the source is `known_from: memory`, which nobody here has read", required=True, nullable=True, max_length=600),
    Field("quote_translated", Kind.LOCALIZED, "the quote translated, `en` and/or `ar`", partial=True),
    Field("note", Kind.LOCALIZED, "what this citation adds (e.g. \"the denial\"), `en` and `ar`", max_length=400),
))

UPDATE = Section("update", "an update", model=Update, fields=(
    Field("date", Kind.DATE, "when the correction or change was made", required=True),
    Field("note", Kind.LOCALIZED, "what changed, `en` and `ar`", required=True, max_length=400),
))

EVENT = Section("event", "an event", model=Event, fields=(
    Field("id", Kind.PAGE_ID, "a lowercase ASCII slug, stable forever: it becomes the URL", required=True),
    Field(
        "date", Kind.DATE,
        "when it happened (or is expected to), at its true precision (see *Dates*); `../2025-12-10` when it is known only to have happened "
        "**on or before** that day (the report's date), its start unknown (see *Open dates*)",
        required=True, open_start=True,
    ),
    Field("date_basis", Kind.RECORD, "where the date comes from: its `kind`, and the cited `source` it rests on", required=True, section=DATE_BASIS, missing_has_own_message=True),
    Field("end", Kind.DATE, "the end of a range; not before `date`; never with an open date"),
    Field(
        "after", Kind.ID,
        "with an open date only: the id of an earlier event the text says this one followed; its date is the earliest bound known "
        "(the overview's span fades back to it, else to the start of the bound's year)",
        refers_to="events",
    ),
    Field("status", Kind.CHOICE, "one of the statuses below", required=True, values=STATUSES, value_noun="a status"),
    Field("title", Kind.LOCALIZED, "`en` and `ar`", required=True, max_length=140),
    Field("summary", Kind.LOCALIZED, "two to four sentences, `en` and `ar`", required=True, max_length=700),
    Field("entities", Kind.IDS, "a list of entity ids", refers_to="entities"),
    Field("citations", Kind.RECORDS, "the articles that support the event, each with the `quote` that does", required=True, section=CITATION, min_items=1),
    Field("updates", Kind.RECORDS, "a dated log of corrections and changes: each item has `date` and `note` (`en` and `ar`)", section=UPDATE),
    Field("conflicts_with", Kind.IDS, "the ids of the events that make other claims about the same thing (usually `disputed`); each of them must list this event too", refers_to="events"),
    Field("moved_from", Kind.IDS, "the event's former ids, written by `python -m generator rename`: each old address stays a page that leads to this one (in every language), so links to it keep working; keep them"),
))

FILE = Section("file", "the file", (
    Field("site", Kind.RECORD, "the site's title and description", required=True, section=SITE),
    Field("sources", Kind.KEYED, "the articles, keyed by a stable id", required=True, nullable=True, section=SOURCE),
    Field("entities", Kind.KEYED, "people, organizations, models, products and topics, keyed by id", nullable=True, section=ENTITY, key_kind=Kind.PAGE_ID),
    Field("events", Kind.RECORDS, "the events, in any order", required=True, section=EVENT),
))

# Every section, in the order the guide and the schema present them.
SECTIONS: tuple[Section, ...] = (FILE, SITE, SOURCE, ENTITY, EVENT, DATE_BASIS, CITATION, UPDATE)

# The meaning of each status, for the guide's table and the schema.
STATUS_MEANINGS: dict[str, str] = {
    "happened": "it happened; the sources report it as fact",
    "reported": "reported by the sources, not confirmed by the party",
    "planned": "an expected future step",
    "denied": "reported, and denied by the party concerned",
    "disputed": "the sources conflict (e.g. on when a step will happen): each claim is its own event with its own citation, each summary names the other, and `conflicts_with` pairs them",
}
assert tuple(STATUS_MEANINGS) == STATUSES
