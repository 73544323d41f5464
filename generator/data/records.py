"""The walk over the records of events.yaml: each mapping read field by field, by its Section (fields.py).

A record's fields are checked as a whole here (a field written twice, an
unknown field, a required one missing); each field's value is then read by the
reader of its kind (readers.py), and the record becomes the object of model.py
its Section names: `Event(**values)`, the values under the fields' own names
(`Section.model`). It becomes none when a required field could not be read; the
rules over records (rules.py) read `Record.values` then, so one mistake does
not hide another. Every problem is collected, never raised.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from .aliases import AliasUse
from .fields import Field, Kind, Section
from .load import position
from .messages import t, tr
from .readers import BCP47, INVALID, NULL_TAG, READERS, TRANSLATIONS, Reader, Record, kind_of
from .reporting import Reporter, did_you_mean


def field_path(where: str, name: str) -> str:
    """"event 'x'" + "summary" -> "event 'x', summary"; "event 'x', citations[0]" + "quote" -> "…citations[0].quote"."""
    if not where:
        return name
    return f"{where}.{name}" if ", " in where or where.endswith("]") else f"{where}, {name}"


# The fields whose place messages have always written "<record>, <field>" rather than `field_path`'s, even
# where the record is named by its place ("events[3], citations[0]" beside "events[3].title") or by an id
# holding ", ": the fields of these kinds, and the nullable ones (a source's outlet, title and url). Kept so,
# so that every message names the place it always has.
_NAMED_AFTER_THEIR_RECORD = frozenset({Kind.PAGE_ID, Kind.IDS, Kind.RECORD, Kind.RECORDS, Kind.DATE_OR_UNKNOWN})


@dataclass(frozen=True)
class _Step:
    """How the walk reads one field of a section: worked out once per field, not for each of the file's values."""

    field: Field
    reader: Reader
    after_record: bool  # its place is "<record>, <field>" (see _NAMED_AFTER_THEIR_RECORD)


_STEPS: dict[int, dict[str, _Step]] = {}  # by id(section): the sections are the constants of fields.py


def _steps(section: Section) -> dict[str, _Step]:
    steps = _STEPS.get(id(section))
    if steps is None:
        steps = _STEPS[id(section)] = {
            field.name: _Step(field, READERS[field.kind], field.kind in _NAMED_AFTER_THEIR_RECORD or field.nullable)
            for field in section.fields
        }
    return steps


class Walker(Reporter):
    """Reads records by their sections and makes their model objects; the readers of readers.py call back into it."""

    def __init__(self, file: str, languages: tuple[str, ...], reached: Mapping[int, AliasUse] | None = None) -> None:
        super().__init__(file, reached)
        self.languages = languages
        # The hint of a localized text written wrong, the same for all of the file's tens of thousands of them.
        self.localized_hint = tr("Write it as one line per language under the field: {lines}.", lines=", ".join(f"'{lang}: …'" for lang in languages))

    def mapping(
        self, node: yaml.Node, where: str, allowed: tuple[str, ...], required: tuple[str, ...], what: str,
    ) -> tuple[dict[str, yaml.Node], dict[str, yaml.Node]] | None:
        """A mapping's key nodes and value nodes by name; a field written twice, an unknown one and a missing required one are reported."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, where, t("expected-mapping", "expected {what} as a mapping of fields, found {found}", what=what, found=kind_of(node)),
                tr("Write {what} as 'field: value' lines; fields: {fields}.", what=what, fields=", ".join(allowed)),
            )
            return None
        keys: dict[str, yaml.Node] = {}
        values: dict[str, yaml.Node] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.error(key, where, t("field-name-not-text", "a field name must be plain text"), tr("Write the field name as a word followed by a colon."))
                continue
            name = key.value
            if name in keys:
                self.error(
                    key, field_path(where, name),
                    t("duplicate-field", "'{name}' appears twice (first on line {line})", name=name, line=position(keys[name])[0]),
                    tr("Keep only one: YAML would silently use the last one and lose the other."),
                )
                continue
            keys[name] = key
            if name not in allowed:
                if what == TRANSLATIONS and BCP47.match(name):
                    self.error(
                        key, field_path(where, name),
                        t("not-site-language", "'{name}' is not one of the site's languages ({languages})", name=name, languages=", ".join(allowed)),
                        tr("Add '{name}' to extra.timeline.languages in mkdocs.yml to publish it, or remove this text.", name=name),
                    )
                else:
                    self.error(
                        key, field_path(where, name),
                        t("unknown-field", "unknown field '{name}'", name=name),
                        tr("Allowed fields here: {fields}{did_you_mean}", fields=", ".join(allowed), did_you_mean=did_you_mean(name, list(allowed))),
                    )
                continue
            values[name] = value
        for name in required:
            if name not in keys:
                self.error(node, field_path(where, name), t("missing-field", "the required field '{name}' is missing", name=name), tr("Add '{name}:' to {what}.", name=name, what=what))
        return keys, values

    def record(self, section: Section, node: yaml.Node, where: str, key: str | None = None) -> Record | None:
        """A record of `section` read field by field, with its model object when every required field was read."""
        found = self.mapping(node, where, section.allowed, section.required, section.what)
        if found is None:
            return None
        keys, nodes = found
        steps = _steps(section)
        values: dict[str, Any] = {}
        held: dict[str, Any] = {}  # what the model object takes: the values, each as the model holds it
        complete = True
        nested = ", " in where or where.endswith("]")  # as field_path tells, once for the record's fields
        for name, value_node in nodes.items():
            step = steps[name]
            field, reader = step.field, step.reader
            if field.nullable and isinstance(value_node, yaml.ScalarNode) and value_node.tag == NULL_TAG:
                values[name] = held[name] = None  # recorded as unknown, or a part of the file left empty
                continue
            path = (f"{where}.{name}" if nested and not step.after_record else f"{where}, {name}") if where else name
            value = reader.read(self, field, value_node, path)
            if value is INVALID:
                continue
            values[name] = value
            if reader.held is None:
                held[name] = value
            elif (kept := reader.held(field, value)) is not INVALID:
                held[name] = kept
            elif field.required:
                complete = False
        assert isinstance(node, yaml.MappingNode)
        record = Record(section, node, where, keys, nodes, values, key)
        if complete and section.model is not None and section.needed <= held.keys():
            record.built = _made(section, record, held)
        return record


def _made(section: Section, record: Record, held: dict[str, Any]) -> Any:
    """The model object: its fields take the values of the fields of the same names; absent optional ones their default."""
    assert section.model is not None
    if record.key is not None:
        held["id"] = record.key
    if "line" in section.model_fields:  # where the record starts (1-based), for "edit this event"
        held["line"] = record.node.start_mark.line + 1
    return section.model(**held)
