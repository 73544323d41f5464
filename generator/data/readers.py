"""One reader for each kind of field (fields.Kind): a YAML node in, a typed value out, or the problems it has.

`READERS` holds the `Reader` of every kind. Its `read` turns the value node of
one field into the value the field holds, reporting through the walk that
calls it (records.py) what is wrong, and returns `INVALID` when no value could
be read. Its `held`, when the model holds something else than what was read,
turns the one into the other: an id is read as `Written` (the text, with the
node a message points at, for the rules across records in rules.py) and held
as its text; a record (RECORD, RECORDS, KEYED) is read as the `Record` the walk
made of it and held as its model object.

A null is read here only where the field does not allow it: the walk reads the
null of a nullable field as None before any reader sees it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol
from urllib.parse import urlsplit

import yaml

from .addresses import id_problem
from .dates import DateError, parse_date
from .fields import Field, Kind, Section
from .load import position
from .messages import LanguageName, Text, t, tr, verbatim
from .model import Localized
from .reporting import did_you_mean
from .text_checks import check_text_value

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BCP47 = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
NULL_TAG = "tag:yaml.org,2002:null"
TRANSLATIONS = "the translations"  # what a localized text's mapping is called in messages


class Invalid(Enum):
    INVALID = "invalid"


INVALID = Invalid.INVALID  # a value that could not be read (why has been reported)


@dataclass(frozen=True, slots=True)
class Written:
    """A value as written in the file, the node holding it, and the place messages name."""

    value: str
    node: yaml.Node
    where: str


@dataclass(slots=True, eq=False)
class Record:
    """One mapping of the file read by its Section: what each field holds, and the nodes messages point at."""

    section: Section
    node: yaml.MappingNode
    where: str  # how messages name it: "event 'x'", "events[3]", "event 'x', citations[0]", "source 'x'"
    keys: dict[str, yaml.Node]  # every field name as written, once (unknown ones too)
    nodes: dict[str, yaml.Node]  # each field of the section that is present: its value as written
    values: dict[str, Any]  # each field read without error: its value as read (None: a nullable field's null)
    key: str | None = None  # the id a keyed record is filed under (a source's, an entity's)
    built: Any = field(default=None)  # the model object (Section.model); None when a required field was not read


class Walk(Protocol):
    """What a reader needs of the walk that calls it (records.Walker)."""

    languages: tuple[str, ...]  # the site's (mkdocs.yml)
    localized_hint: Text  # the hint of a localized text written wrong

    def error(self, node: yaml.Node, where: str, message: str | Text, hint: str | Text) -> None: ...

    def warning(self, node: yaml.Node, where: str, message: str | Text, hint: str | Text) -> None: ...

    def mapping(
        self, node: yaml.Node, where: str, allowed: tuple[str, ...], required: tuple[str, ...], what: str,
    ) -> tuple[dict[str, yaml.Node], dict[str, yaml.Node]] | None: ...

    def record(self, section: Section, node: yaml.Node, where: str, key: str | None = None) -> Record | None: ...


ReadFunction = Callable[[Walk, Field, yaml.Node, str], Any]  # (walk, field, value node, place) -> value or INVALID
HeldFunction = Callable[[Field, Any], Any]  # (field, value as read) -> what the model holds, or INVALID


@dataclass(frozen=True)
class Reader:
    read: ReadFunction
    held: HeldFunction | None = None  # None: the model holds the value as read


def kind_of(node: yaml.Node) -> Text:
    """What a node is, as messages say it: "found a list"."""
    if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
        return tr("nothing")
    if isinstance(node, yaml.MappingNode):
        return tr("a mapping (key: value lines)")
    if isinstance(node, yaml.SequenceNode):
        return tr("a list")
    return verbatim(f"'{node.value}'")  # the value as written: no words to translate


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG


def slug_hint(item_id: str) -> Text:
    suggestion = re.sub(r"[^a-z0-9]+", "-", item_id.lower()).strip("-")
    if suggestion and suggestion != item_id:
        return tr(
            "Use lowercase ASCII letters, digits and single hyphens only, e.g. '{suggestion}'; the id becomes part of the page address and must never change.",
            suggestion=suggestion,
        )
    return tr("Use lowercase ASCII letters, digits and single hyphens only; the id becomes part of the page address and must never change.")


def _address(walk: Walk, node: yaml.Node, where: str, item_id: str, *, is_page: bool) -> bool:
    """Refuse an id that cannot become a page address (see addresses.py); True when it can."""
    problem = id_problem(item_id, is_page=is_page)
    if problem:
        walk.error(node, where, *problem)
    return problem is None


# -- texts -------------------------------------------------------------------------------


def _text(walk: Walk, node: yaml.Node, where: str, field: Field | None = None) -> str | None:
    """The text exactly as written (outer spaces aside); None, reported, when there is none (text_checks.py: what else)."""
    if not isinstance(node, yaml.ScalarNode):
        walk.error(node, where, t("expected-text", "expected text, found {found}", found=kind_of(node)), tr("Write a single line of text, in quotes if it contains a colon."))
        return None
    if node.tag == NULL_TAG:
        walk.error(node, where, t("empty-value", "the value is empty"), tr("Write the value after the colon."))
        return None
    value = node.value.strip()
    if not value:
        walk.error(node, where, t("empty-text", "the text is empty"), tr("Write the text, or remove the field if it is optional."))
        return None
    check_text_value(walk, field, node, where, value)
    return value


def read_text(walk: Walk, field: Field, node: yaml.Node, where: str) -> str | Invalid:
    value = _text(walk, node, where, field)
    return INVALID if value is None else value


def read_localized(walk: Walk, field: Field, node: yaml.Node, where: str) -> Localized | Invalid:
    """A text in each of the site's languages; a missing language is a warning unless the field is `partial`."""
    hint = walk.localized_hint
    if not isinstance(node, yaml.MappingNode):
        if is_null(node):
            walk.error(node, where, t("empty-value", "the value is empty"), hint)
        else:
            walk.error(node, where, t("expected-translations", "expected texts in each language, found {found}", found=kind_of(node)), hint)
        return INVALID
    languages = walk.languages
    found = walk.mapping(node, where, languages, (), TRANSLATIONS)
    if found is None:
        return INVALID
    keys, nodes = found
    values = {lang: _text(walk, nodes[lang], f"{where}.{lang}", field) for lang in languages if lang in nodes}
    if not any(value is not None for value in values.values()):
        if not keys:
            walk.error(node, where, t("no-translation", "no text in any language"), hint)
        return INVALID
    if not field.partial:
        for lang in languages:
            if lang not in keys:
                name = LanguageName(lang)
                walk.warning(
                    node, f"{where}.{lang}",
                    t("missing-translation", "the {language} text is missing", language=name),
                    tr("Add '{code}: …' with the {language} translation; until then the site shows another language, labelled 'not yet translated'.", code=lang, language=name),
                )
    return Localized({lang: value for lang, value in values.items() if value is not None})


def _written_list(walk: Walk, field: Field, node: yaml.Node, where: str) -> tuple[Written, ...]:
    """Texts in a list (a single text is a list of one), each with its node; an item that is no text is reported and left out."""
    if isinstance(node, yaml.ScalarNode) and node.tag != NULL_TAG:
        items: list[yaml.Node] = [node]
    elif isinstance(node, yaml.SequenceNode):
        items = node.value
    else:
        walk.error(node, where, t("expected-list", "expected a list, found {found}", found=kind_of(node)), tr("Write a list in brackets: [first, second]."))
        return ()
    result: list[Written] = []
    for index, item in enumerate(items):
        value = _text(walk, item, f"{where}[{index}]")
        if value is not None:
            result.append(Written(value, item, where))
    return tuple(result)


def _texts_held(field: Field, written: tuple[Written, ...]) -> tuple[str, ...]:
    return tuple(item.value for item in written)


def _ids_held(field: Field, written: tuple[Written, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item.value for item in written))  # each id once


# -- values of a known form ----------------------------------------------------------------


def read_date(walk: Walk, field: Field, node: yaml.Node, where: str) -> Any:
    if not isinstance(node, yaml.ScalarNode) or node.tag == NULL_TAG:
        walk.error(node, where, t("expected-date", "expected a date"), tr("Write a date such as 2025-12-10, 2025-12, 2025, 2026-Q1 or spring 2026."))
        return INVALID
    try:
        return parse_date(node.value, open_start=field.open_start)
    except DateError as error:
        walk.error(node, where, *error.words)
        return INVALID


def read_date_or_unknown(walk: Walk, field: Field, node: yaml.Node, where: str) -> Any:
    """A date, or None for the word `unknown`."""
    if isinstance(node, yaml.ScalarNode) and node.value.strip().lower() == "unknown":
        return None
    return read_date(walk, field, node, where)


def read_url(walk: Walk, field: Field, node: yaml.Node, where: str) -> str | Invalid:
    value = _text(walk, node, where)
    if value is None:
        return INVALID
    try:
        parts = urlsplit(value)
    except ValueError as error:  # an unclosed [IPv6] host, a host that NFKC turns into '/' or '#'
        walk.error(node, where, t("unusable-address", "'{value}' is not a usable address ({error})", value=value, error=error), tr("Copy the full address from the browser's address bar."))
        return INVALID
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or re.search(r"\s", value):
        walk.error(
            node, where,
            t("not-http-address", "'{value}' is not an absolute http(s) address", value=value),
            tr("Copy the full address from the browser's address bar; it starts with https:// or http://."),
        )
        return INVALID
    return value


def read_language(walk: Walk, field: Field, node: yaml.Node, where: str) -> str | Invalid:
    value = _text(walk, node, where)
    if value is None:
        return INVALID
    if not BCP47.fullmatch(value):
        walk.error(node, where, t("not-language-code", "'{value}' is not a language code", value=value), tr("Write a BCP 47 code such as 'ar', 'en' or 'zh-Hans'."))
        return INVALID
    return value


def read_choice(walk: Walk, field: Field, node: yaml.Node, where: str) -> str | Invalid:
    value = _text(walk, node, where)
    if value is None:
        return INVALID
    if value not in field.values:
        walk.error(
            node, where, t("not-allowed-value", "'{value}' is not {noun}", value=value, noun=field.value_noun),
            tr("Use one of: {values}{did_you_mean}", values=", ".join(field.values), did_you_mean=did_you_mean(value, list(field.values))),
        )
        return INVALID
    return value


# -- ids -----------------------------------------------------------------------------------


def read_id(walk: Walk, field: Field, node: yaml.Node, where: str) -> Written | Invalid:
    """The id of a record elsewhere: rules.py checks that it is defined, once every record is read."""
    value = _text(walk, node, where)
    return INVALID if value is None else Written(value, node, where)


def read_page_id(walk: Walk, field: Field, node: yaml.Node, where: str) -> Written | Invalid:
    """The record's own id, when it can be a page address; rules.py checks that no other record has it."""
    value = _text(walk, node, where)
    if value is None:
        return INVALID
    if not SLUG.fullmatch(value):
        walk.error(node, where, t("not-slug", "the id '{id}' is not a slug", id=value), slug_hint(value))
        return INVALID
    if not _address(walk, node, where, value, is_page=True):
        return INVALID
    return Written(value, node, where)


def _id_held(field: Field, written: Written) -> str:
    return written.value


# -- records -------------------------------------------------------------------------------


def read_record(walk: Walk, field: Field, node: yaml.Node, where: str) -> Record | Invalid:
    assert field.section is not None
    record = walk.record(field.section, node, where)
    return INVALID if record is None else record


def read_records(walk: Walk, field: Field, node: yaml.Node, where: str) -> tuple[Record, ...] | Invalid:
    """A list of records, each named by its id when its section has one ("event 'x'"), else by its place ("events[3]")."""
    section = field.section
    assert section is not None
    if not isinstance(node, yaml.SequenceNode):
        walk.error(node, where, t("expected-list", "expected a list, found {found}", found=kind_of(node)), tr("Write each item on its own line starting with '- '."))
        return INVALID
    named_by = section.page_id.name if section.page_id is not None else None
    result: list[Record] = []
    for index, item in enumerate(node.value):
        place = f"{where}[{index}]"
        if named_by is not None and isinstance(item, yaml.MappingNode):
            # Named by its id in every message, even before the id is checked.
            for key, value in item.value:
                if isinstance(key, yaml.ScalarNode) and key.value == named_by and isinstance(value, yaml.ScalarNode) and value.value.strip():
                    place = f"{section.name} '{value.value.strip()}'"
                    break
        record = walk.record(section, item, place)
        if record is not None:
            result.append(record)
    return tuple(result)


def read_keyed(walk: Walk, field: Field, node: yaml.Node, where: str) -> dict[str, Record] | Invalid:
    """Records keyed by their ids: each id is checked here (a slug, an address when it gets a page), then its record."""
    section = field.section
    assert section is not None
    if not isinstance(node, yaml.MappingNode):
        walk.error(
            node, where, t("expected-keyed", "expected {name} keyed by id, found {found}", name=field.name, found=kind_of(node)),
            tr("Write each {section} as 'an-id:' followed by its indented fields.", section=section.name),
        )
        return INVALID
    result: dict[str, Record] = {}
    seen: dict[str, yaml.Node] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            walk.error(key, where, t("id-not-text", "an id must be plain text"), tr("Write the id as a lowercase slug such as 'meta-ai'."))
            continue
        item_id = key.value
        named = f"{section.name} '{item_id}'"
        if item_id in seen:
            walk.error(
                key, named,
                t("duplicate-id", "the id '{id}' is defined twice (first on line {line})", id=item_id, line=position(seen[item_id])[0]),
                tr("Give each one its own id, or merge them: YAML would silently keep only the last."),
            )
            continue
        seen[item_id] = key
        if not SLUG.fullmatch(item_id):
            walk.error(key, named, t("not-slug", "the id '{id}' is not a slug", id=item_id), slug_hint(item_id))
        else:
            _address(walk, key, named, item_id, is_page=field.key_kind is Kind.PAGE_ID)
        record = walk.record(section, value, named, key=item_id)
        if record is not None:
            result[item_id] = record
    return result


def _record_held(field: Field, record: Record) -> Any:
    return INVALID if record.built is None else record.built


def _records_held(field: Field, records: tuple[Record, ...]) -> Any:
    built = tuple(record.built for record in records if record.built is not None)
    return INVALID if len(built) < field.min_items else built


def _keyed_held(field: Field, records: dict[str, Record]) -> dict[str, Any]:
    return {item_id: record.built for item_id, record in records.items() if record.built is not None}


READERS: dict[Kind, Reader] = {
    Kind.TEXT: Reader(read_text),
    Kind.LOCALIZED: Reader(read_localized),
    Kind.DATE: Reader(read_date),
    Kind.DATE_OR_UNKNOWN: Reader(read_date_or_unknown),
    Kind.URL: Reader(read_url),
    Kind.LANGUAGE: Reader(read_language),
    Kind.CHOICE: Reader(read_choice),
    Kind.TEXTS: Reader(_written_list, _texts_held),
    Kind.ID: Reader(read_id, _id_held),
    Kind.IDS: Reader(_written_list, _ids_held),
    Kind.PAGE_ID: Reader(read_page_id, _id_held),
    Kind.RECORD: Reader(read_record, _record_held),
    Kind.RECORDS: Reader(read_records, _records_held),
    Kind.KEYED: Reader(read_keyed, _keyed_held),
}
assert set(READERS) == set(Kind), "every kind of field has its reader"
