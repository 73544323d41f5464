"""Check events.yaml node by node and build the typed timeline from it.

Each record is read on its own, by the field description of fields.py (which
fields are allowed and required, their kinds and allowed values); the rules
across records (references, duplicate ids, dates against citations,
conflicts) then run in rules.py over what was read. Every problem is
collected (never raised), with the place it was found, so a maintainer sees
all of them in one run. The timeline is built only when no error was found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import yaml

from generator.data.language_names import DEFAULT_LANGUAGES, language_name

from .addresses import id_problem
from .aliases import AliasUse, settle
from .characters import character_problems
from .corruption import explain
from .dates import DateError, FuzzyDate, parse_date
from .fields import CITATION, DATE_BASIS, ENTITY, EVENT, FILE, SITE, SOURCE, UPDATE, Field, Kind, Section
from .load import collection_paused, load_nodes, position
from .model import Citation, Entity, Localized, Site, Source, Timeline, Update, build_timeline
from .problems import Problem
from .reporting import Reporter, did_you_mean, quoted_list
from .rules import SINGULAR, BasisDraft, EventDraft, Written, check_across, relayed_outlets

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BCP47 = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_NULL_TAG = "tag:yaml.org,2002:null"
_TRANSLATIONS = "the translations"
_EXPLAIN_NULL = "If it is unknown on purpose, say why under 'unknown_because' in each language; the warning then stops."


@dataclass(frozen=True)
class CheckResult:
    timeline: Timeline | None  # None when there is any error
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


def check_text(text: str, file: str = "events.yaml", languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> CheckResult:
    """Check the text of an events file; `file` is the name used in messages, `languages` the site's (mkdocs.yml)."""
    # The model is thousands of small objects that live as long as the build: collecting them while they
    # are made only costs time (a third of the check at 5,000 events).
    with collection_paused():
        return _check_text(text, file, languages)


def _check_text(text: str, file: str, languages: tuple[str, ...]) -> CheckResult:
    loaded = load_nodes(text, file)
    found = loaded.problems + tuple(character_problems(loaded.root, text, file))
    if loaded.root is None or loaded.checked is None:
        return CheckResult(None, tuple(sorted(found, key=lambda p: p.sort_key)))
    checker = _Checker(file, languages, loaded.reached)
    timeline = checker.timeline(loaded.checked)
    settled = settle(checker.problems, checker.through_alias)
    checked = tuple(p for p in explain(settled, loaded.root, text, file) if (p.line, p.column) not in loaded.explained)
    problems = tuple(sorted(found + checked, key=lambda p: p.sort_key))
    has_errors = any(p.severity == "error" for p in problems)
    return CheckResult(None if has_errors else timeline, problems)


def _kind_of(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
        return "nothing"
    if isinstance(node, yaml.MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"'{node.value}'"


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG


def _slug_suggestion(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _field_path(where: str, name: str) -> str:
    """"event 'x'" + "summary" -> "event 'x', summary"; "event 'x', citations[0]" + "quote" -> "…citations[0].quote"."""
    if not where:
        return name
    return f"{where}.{name}" if ", " in where or where.endswith("]") else f"{where}, {name}"


@dataclass
class _Fields:
    """The fields of one YAML mapping, read once, with the place each was found."""

    node: yaml.MappingNode
    keys: dict[str, yaml.Node] = field(default_factory=dict)
    values: dict[str, yaml.Node] = field(default_factory=dict)

    def __contains__(self, name: str) -> bool:
        return name in self.values


class _Checker(Reporter):
    """The node walk: each record read on its own, by the description in fields.py; rules across records are in rules.py."""

    def __init__(self, file: str, languages: tuple[str, ...], reached: Mapping[int, AliasUse] | None = None) -> None:
        super().__init__(file, reached)
        self.languages = languages
        self.relayed: list[Written] = []  # every `via` outlet of every source, as written
        # The hint of a localized text written wrong, the same for all of the file's tens of thousands of them.
        self._localized_hint = "Write it as one line per language under the field: " + ", ".join(f"'{lang}: …'" for lang in languages) + "."

    # -- generic readers -----------------------------------------------------

    def fields(self, node: yaml.Node, where: str, section: Section) -> _Fields | None:
        """Read a record of `section`: duplicate keys, unknown fields and missing required fields are reported."""
        return self.mapping(node, where, section.allowed, section.required, section.what)

    def mapping(
        self,
        node: yaml.Node,
        where: str,
        allowed: tuple[str, ...],
        required: tuple[str, ...],
        what: str,
    ) -> _Fields | None:
        """Read a mapping: duplicate keys, unknown fields and missing required fields are reported."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, where, f"expected {what} as a mapping of fields, found {_kind_of(node)}", f"Write {what} as 'field: value' lines; fields: {', '.join(allowed)}.")
            return None
        result = _Fields(node)
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.error(key, where, "a field name must be plain text", "Write the field name as a word followed by a colon.")
                continue
            name = key.value
            if name in result.keys:
                self.error(
                    key, _field_path(where, name),
                    f"'{name}' appears twice (first on line {position(result.keys[name])[0]})",
                    "Keep only one: YAML would silently use the last one and lose the other.",
                )
                continue
            result.keys[name] = key
            if name not in allowed:
                if what == _TRANSLATIONS and BCP47.match(name):
                    self.error(
                        key, _field_path(where, name),
                        f"'{name}' is not one of the site's languages ({', '.join(allowed)})",
                        f"Add '{name}' to extra.timeline.languages in mkdocs.yml to publish it, or remove this text.",
                    )
                else:
                    self.error(
                        key, _field_path(where, name),
                        f"unknown field '{name}'",
                        f"Allowed fields here: {', '.join(allowed)}{did_you_mean(name, list(allowed))}",
                    )
                continue
            result.values[name] = value
        for name in required:
            if name not in result.keys:
                self.error(
                    node, _field_path(where, name),
                    f"the required field '{name}' is missing",
                    f"Add '{name}:' to {what}.",
                )
        return result

    def text(self, node: yaml.Node, where: str, *, nullable: bool = False) -> str | None:
        """The text exactly as written; None for an explicit null (an error unless nullable)."""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, where, f"expected text, found {_kind_of(node)}", "Write a single line of text, in quotes if it contains a colon.")
            return None
        if node.tag == _NULL_TAG:
            if not nullable:
                self.error(node, where, "the value is empty", "Write the value after the colon.")
            return None
        value = node.value.strip()
        if not value:
            self.error(node, where, "the text is empty", "Write the text, or remove the field if it is optional.")
            return None
        return value

    def localized(self, node: yaml.Node, where: str, *, partial_ok: bool = False) -> Localized | None:
        """A text in each of the site's languages; a missing language is a warning unless `partial_ok`."""
        hint = self._localized_hint
        if not isinstance(node, yaml.MappingNode):
            if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
                self.error(node, where, "the value is empty", hint)
            else:
                self.error(node, where, f"expected texts in each language, found {_kind_of(node)}", hint)
            return None
        texts = self.mapping(node, where, self.languages, (), _TRANSLATIONS)
        if texts is None:
            return None
        values = {lang: self.text(texts.values[lang], f"{where}.{lang}") for lang in self.languages if lang in texts.values}
        if not any(value is not None for value in values.values()):
            if not texts.keys:
                self.error(node, where, "no text in any language", hint)
            return None
        if not partial_ok:
            for lang in self.languages:
                if lang not in texts.keys:
                    name = language_name(lang)
                    self.warning(
                        node, f"{where}.{lang}",
                        f"the {name} text is missing",
                        f"Add '{lang}: …' with the {name} translation; until then the site shows another language, labelled 'not yet translated'.",
                    )
        return Localized({lang: value for lang, value in values.items() if value is not None})

    def date(self, node: yaml.Node, where: str) -> FuzzyDate | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL_TAG:
            self.error(node, where, "expected a date", "Write a date such as 2025-12-10, 2025-12, 2025, 2026-Q1 or spring 2026.")
            return None
        try:
            return parse_date(node.value)
        except DateError as error:
            self.error(node, where, error.message, error.hint)
            return None

    def url(self, node: yaml.Node, where: str, *, nullable: bool) -> str | None:
        value = self.text(node, where, nullable=nullable)
        if value is None:
            return None
        try:
            parts = urlsplit(value)
        except ValueError as error:  # an unclosed [IPv6] host, a host that NFKC turns into '/' or '#'
            self.error(node, where, f"'{value}' is not a usable address ({error})", "Copy the full address from the browser's address bar.")
            return None
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or re.search(r"\s", value):
            self.error(
                node, where,
                f"'{value}' is not an absolute http(s) address",
                "Copy the full address from the browser's address bar; it starts with https:// or http://.",
            )
            return None
        return value

    def text_list(self, node: yaml.Node, where: str) -> list[tuple[yaml.Node, str]]:
        """A list of texts; a single text is taken as a list of one."""
        if isinstance(node, yaml.ScalarNode) and node.tag != _NULL_TAG:
            items = [node]
        elif isinstance(node, yaml.SequenceNode):
            items = list(node.value)
        else:
            self.error(node, where, f"expected a list, found {_kind_of(node)}", "Write a list in brackets: [first, second].")
            return []
        result: list[tuple[yaml.Node, str]] = []
        for index, item in enumerate(items):
            value = self.text(item, f"{where}[{index}]")
            if value is not None:
                result.append((item, value))
        return result

    def sequence(self, node: yaml.Node, where: str) -> list[yaml.Node]:
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        self.error(node, where, f"expected a list, found {_kind_of(node)}", "Write each item on its own line starting with '- '.")
        return []

    def keyed(self, node: yaml.Node, where: str, what: str) -> Iterator[tuple[yaml.Node, str, yaml.Node]]:
        """Items of a mapping keyed by slug ids: (key node, id, value node)."""
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
            return
        if not isinstance(node, yaml.MappingNode):
            self.error(node, where, f"expected {what} keyed by id, found {_kind_of(node)}", f"Write each {SINGULAR[what]} as 'an-id:' followed by its indented fields.")
            return
        seen: dict[str, yaml.Node] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.error(key, where, "an id must be plain text", "Write the id as a lowercase slug such as 'meta-ai'.")
                continue
            item_id = key.value
            if item_id in seen:
                self.error(
                    key, f"{SINGULAR[what]} '{item_id}'",
                    f"the id '{item_id}' is defined twice (first on line {position(seen[item_id])[0]})",
                    "Give each one its own id, or merge them: YAML would silently keep only the last.",
                )
                continue
            seen[item_id] = key
            if not SLUG.fullmatch(item_id):
                self.error(key, f"{SINGULAR[what]} '{item_id}'", f"the id '{item_id}' is not a slug", self._slug_hint(item_id))
            else:
                self.address(key, f"{SINGULAR[what]} '{item_id}'", item_id, is_page=what != "sources")
            yield key, item_id, value

    def address(self, node: yaml.Node, where: str, item_id: str, *, is_page: bool) -> bool:
        """Refuse an id that cannot become a page address (see addresses.py); True when it can."""
        problem = id_problem(item_id, is_page=is_page)
        if problem:
            self.error(node, where, *problem)
        return problem is None

    @staticmethod
    def _slug_hint(item_id: str) -> str:
        suggestion = _slug_suggestion(item_id)
        hint = "Use lowercase ASCII letters, digits and single hyphens only"
        if suggestion and suggestion != item_id:
            hint += f", e.g. '{suggestion}'"
        return hint + "; the id becomes part of the page address and must never change."

    def read(self, section: Section, found: _Fields, where: str, name: str) -> object:
        """A field's value read by its kind (fields.py); None, or () for a list, when absent or wrong."""
        field = section.field(name)
        listed = field.kind in (Kind.TEXTS, Kind.IDS)
        if name not in found:
            return () if listed else None
        node, path = found.values[name], _field_path(where, name)
        if field.kind is Kind.LOCALIZED:
            return self.localized(node, path, partial_ok=field.partial)
        if field.kind in (Kind.TEXT, Kind.ID):
            return self.text(node, path, nullable=field.nullable)
        if field.kind is Kind.DATE:
            return self.date(node, path)
        if field.kind is Kind.URL:
            return self.url(node, path, nullable=field.nullable)
        if field.kind is Kind.LANGUAGE:
            return self.language(node, path)
        if field.kind is Kind.CHOICE:
            return self.choice(field, node, path)
        if listed:
            return tuple(text for _, text in self.text_list(node, path))
        raise TypeError(f"{section.name}.{name}: a {field.kind.value} field has a reader of its own")

    def choice(self, field: Field, node: yaml.Node, where: str) -> str | None:
        value = self.text(node, where)
        if value is not None and value not in field.values:
            self.error(node, where, f"'{value}' is not {field.value_noun}", f"Use one of: {', '.join(field.values)}{did_you_mean(value, list(field.values))}")
            return None
        return value

    def written(self, node: yaml.Node, where: str) -> tuple[Written, ...]:
        """Ids as written in a list (a single id is a list of one), each with its node, for rules.py."""
        return tuple(Written(value, item, where) for item, value in self.text_list(node, where))

    # -- the four parts --------------------------------------------------------

    def timeline(self, root: yaml.Node) -> Timeline | None:
        if not isinstance(root, yaml.MappingNode):
            self.error(
                root, "file", f"expected the parts of the file (site, sources, entities, events), found {_kind_of(root)}",
                "Start from the complete example in guide/data-model.md: the file begins with 'site:' at the left margin, with no '- ' before it.",
            )
            return None
        top = self.fields(root, "", FILE)
        if top is None:
            return None
        site = self.site(top.values["site"]) if "site" in top else None
        sources_node = top.values.get("sources")
        entities_node = top.values.get("entities")
        sources = self.sources(sources_node) if sources_node is not None else {}
        entities = self.entities(entities_node) if entities_node is not None else {}
        source_keys = self.ids_in(sources_node)
        entity_keys = self.ids_in(entities_node)
        drafts = self.events(top.values["events"]) if "events" in top else []
        relayed = relayed_outlets(self, self.relayed, entities)
        check_across(self, drafts, sources, source_keys, entity_keys, relayed)
        events = [event for draft in drafts if (event := draft.event(source_keys, entity_keys)) is not None]
        if site is None:
            return None
        return build_timeline(site, sources, entities, events, self.languages)

    @staticmethod
    def ids_in(node: yaml.Node | None) -> dict[str, yaml.Node]:
        """All ids defined in a part, even those whose fields have errors (for the rules across records)."""
        if not isinstance(node, yaml.MappingNode):
            return {}
        return {key.value: key for key, _ in node.value if isinstance(key, yaml.ScalarNode)}

    def site(self, node: yaml.Node) -> Site | None:
        fields = self.fields(node, "site", SITE)
        if fields is None:
            return None
        title = self.read(SITE, fields, "site", "title")
        description = self.read(SITE, fields, "site", "description")
        if not isinstance(title, Localized) or not isinstance(description, Localized):
            return None
        return Site(title=title, description=description)

    def sources(self, node: yaml.Node) -> dict[str, Source]:
        result: dict[str, Source] = {}
        for _key, source_id, value in self.keyed(node, "sources", "sources"):
            where = f"source '{source_id}'"
            fields = self.fields(value, where, SOURCE)
            if fields is None:
                continue
            source = self.source(source_id, fields, where)
            if source is not None:
                result[source_id] = source
        return result

    def source(self, source_id: str, fields: _Fields, where: str) -> Source | None:
        values = fields.values
        outlet = title = url = None
        unknown_because = self.read(SOURCE, fields, where, "unknown_because")
        explained = "unknown_because" in fields  # a null on purpose, with its reason: no warning
        unknown: list[str] = []  # the fields recorded as unknown (null)
        if "outlet" in fields:
            outlet_node = values["outlet"]
            if _is_null(outlet_node):
                unknown.append("outlet")
                if not explained:
                    self.warning(outlet_node, f"{where}, outlet", "the outlet is recorded as unknown (null)", f"Add the outlet's name in {quoted_list(self.languages)} when it is found; until then the site shows 'outlet unknown'. {_EXPLAIN_NULL}")
            else:
                outlet = self.localized(outlet_node, f"{where}, outlet")
        if "title" in fields:
            title = self.text(values["title"], f"{where}, title", nullable=True)
            if _is_null(values["title"]):
                unknown.append("title")
                if not explained:
                    self.warning(values["title"], f"{where}, title", "the title is recorded as unknown (null)", f"Add the headline as published when it is found; until then the site shows 'title unknown'. {_EXPLAIN_NULL}")
        if "url" in fields:
            url = self.url(values["url"], f"{where}, url", nullable=True)
            if _is_null(values["url"]):
                unknown.append("url")
                if not explained:
                    self.warning(values["url"], f"{where}, url", "the URL is recorded as unknown (null)", f"Add the article's address when it is found; until then the site shows 'link unknown'. {_EXPLAIN_NULL}")
        if explained and not unknown:
            self.warning(
                fields.keys["unknown_because"], f"{where}, unknown_because",
                "nothing in this source is recorded as unknown (null), so there is nothing to explain",
                "Remove 'unknown_because', or set the outlet, title or url it explains to null",
            )
        title_translated = self.read(SOURCE, fields, where, "title_translated")
        language = self.read(SOURCE, fields, where, "language")
        published = None
        if "published" in fields:
            published_node = values["published"]
            if isinstance(published_node, yaml.ScalarNode) and published_node.value.strip().lower() == "unknown":
                published = None
            else:
                published = self.date(published_node, f"{where}, published")
        archive_url = self.read(SOURCE, fields, where, "archive_url")
        accessed = self.read(SOURCE, fields, where, "accessed")
        # Each relayed outlet with its node: rules.py finds the entity it names once entities are read.
        relayed = self.written(values["via"], _field_path(where, "via")) if "via" in fields else ()
        self.relayed.extend(relayed)
        via = tuple(written.value for written in relayed)
        notes = self.read(SOURCE, fields, where, "notes")
        if not isinstance(language, str):
            return None
        return Source(
            id=source_id,
            outlet=outlet,
            title=title,
            title_translated=title_translated if isinstance(title_translated, Localized) else Localized(),
            language=language,
            published=published,
            url=url,
            archive_url=archive_url if isinstance(archive_url, str) else None,
            accessed=accessed if isinstance(accessed, FuzzyDate) else None,
            via=via,
            notes=notes if isinstance(notes, Localized) else None,
            unknown_because=unknown_because if isinstance(unknown_because, Localized) else None,
        )

    def language(self, node: yaml.Node, where: str) -> str | None:
        value = self.text(node, where)
        if value is None:
            return None
        if not BCP47.fullmatch(value):
            self.error(node, where, f"'{value}' is not a language code", "Write a BCP 47 code such as 'ar', 'en' or 'zh-Hans'.")
            return None
        return value

    def entities(self, node: yaml.Node) -> dict[str, Entity]:
        result: dict[str, Entity] = {}
        for _key, entity_id, value in self.keyed(node, "entities", "entities"):
            where = f"entity '{entity_id}'"
            fields = self.fields(value, where, ENTITY)
            if fields is None:
                continue
            kind = self.read(ENTITY, fields, where, "kind")
            label = self.read(ENTITY, fields, where, "label")
            aliases = self.read(ENTITY, fields, where, "aliases")
            if isinstance(kind, str) and isinstance(label, Localized):
                result[entity_id] = Entity(id=entity_id, kind=kind, label=label, aliases=aliases if isinstance(aliases, tuple) else ())
        return result

    def events(self, node: yaml.Node) -> list[EventDraft]:
        return [draft for index, item in enumerate(self.sequence(node, "events")) if (draft := self.event(index, item)) is not None]

    def event(self, index: int, node: yaml.Node) -> EventDraft | None:
        where = f"events[{index}]"
        if isinstance(node, yaml.MappingNode):
            # Name the event by its id in every message, even before the id is checked.
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode) and value.value.strip():
                    where = f"event '{value.value.strip()}'"
                    break
        fields = self.fields(node, where, EVENT)
        if fields is None:
            return None
        values = fields.values
        event_id = self.event_id(values["id"], where) if "id" in fields else None
        date = self.read(EVENT, fields, where, "date")
        end = self.read(EVENT, fields, where, "end")
        if isinstance(date, FuzzyDate) and isinstance(end, FuzzyDate) and end.end < date.start:
            self.error(values["end"], f"{where}, end", f"the end ({end}) is before the date ({date})", "Swap them, or correct the end date.")
        status = self.read(EVENT, fields, where, "status")
        title = self.read(EVENT, fields, where, "title")
        summary = self.read(EVENT, fields, where, "summary")
        entities = self.written(values["entities"], f"{where}, entities") if "entities" in fields else ()
        citations, cited = self.citations(values["citations"], where) if "citations" in fields else ((), ())
        updates = self.updates(values["updates"], where) if "updates" in fields else ()
        conflicts = self.written(values["conflicts_with"], f"{where}, conflicts_with") if "conflicts_with" in fields else ()
        return EventDraft(
            where=where, id=event_id,
            date=date if isinstance(date, FuzzyDate) else None,
            end=end if isinstance(end, FuzzyDate) else None,
            status=status if isinstance(status, str) else None,
            title=title if isinstance(title, Localized) else None,
            summary=summary if isinstance(summary, Localized) else None,
            entities=entities, citations=citations, cited=cited,
            written_sources=frozenset(self.cited_ids(fields)),
            basis=self.date_basis(fields, where), updates=updates,
            conflicts_with=conflicts, conflicts_node=values.get("conflicts_with"), node=node,
        )

    _DATE_BASIS_SHAPE = (
        "'date_basis: {kind: stated, source: <id>}' when a cited article states the date; "
        "kind 'report' when the event is dated by a cited article's report because its own date is not established; "
        "kind 'record' when another public record gives the date (list it under 'sources:' and cite it)"
    )

    def date_basis(self, fields: _Fields, where: str) -> BasisDraft | None:
        """Where the date comes from: a kind, and a source (a date is a claim too); rules.py checks that the event cites it."""
        place = f"{where}, date_basis"
        if "date_basis" not in fields.keys:
            self.error(fields.node, place, "the required field 'date_basis' is missing: the reader cannot tell where the date comes from", f"Add {self._DATE_BASIS_SHAPE}")
            return None
        if "date_basis" not in fields:
            return None  # reported already (e.g. a duplicate key)
        basis = self.fields(fields.values["date_basis"], place, DATE_BASIS)
        if basis is None:
            return None
        kind = self.read(DATE_BASIS, basis, place, "kind")
        source_id = self.read(DATE_BASIS, basis, place, "source")
        note = self.read(DATE_BASIS, basis, place, "note")
        source = Written(source_id, basis.values["source"], f"{place}.source") if isinstance(source_id, str) else None
        return BasisDraft(kind=kind if isinstance(kind, str) else None, source=source, note=note if isinstance(note, Localized) else None, where=place)

    @staticmethod
    def cited_ids(fields: _Fields) -> set[str]:
        """Every source id written under the event's citations, known or not."""
        node = fields.values.get("citations")
        if not isinstance(node, yaml.SequenceNode):
            return set()
        return {
            value.value.strip()
            for item in node.value if isinstance(item, yaml.MappingNode)
            for key, value in item.value
            if isinstance(key, yaml.ScalarNode) and key.value == "source" and isinstance(value, yaml.ScalarNode)
        }

    def event_id(self, node: yaml.Node, where: str) -> Written | None:
        """The event's own id, when it can be a page address; rules.py checks that no other event has it."""
        value = self.text(node, f"{where}, id")
        if value is None:
            return None
        if not SLUG.fullmatch(value):
            self.error(node, f"{where}, id", f"the id '{value}' is not a slug", self._slug_hint(value))
            return None
        if not self.address(node, f"{where}, id", value, is_page=True):
            return None
        return Written(value, node, f"{where}, id")

    def citations(self, node: yaml.Node, where: str) -> tuple[tuple[Citation, ...], tuple[Written, ...]]:
        """The complete citations, and the source of every citation as written (for rules.py)."""
        items = self.sequence(node, f"{where}, citations")
        if isinstance(node, yaml.SequenceNode) and not items:
            self.error(node, f"{where}, citations", "the event has no citation", "Add at least one citation with 'source' and 'quote'.")
        result: list[Citation] = []
        cited: list[Written] = []
        for index, item in enumerate(items):
            place = f"{where}, citations[{index}]"
            fields = self.fields(item, place, CITATION)
            if fields is None:
                continue
            source_id = self.read(CITATION, fields, place, "source")
            if isinstance(source_id, str):
                cited.append(Written(source_id, fields.values["source"], f"{place}.source"))
            quote = self.read(CITATION, fields, place, "quote")
            translated = self.read(CITATION, fields, place, "quote_translated")
            note = self.read(CITATION, fields, place, "note")
            if isinstance(source_id, str) and isinstance(quote, str):
                result.append(Citation(
                    source=source_id, quote=quote,
                    quote_translated=translated if isinstance(translated, Localized) else Localized(),
                    note=note if isinstance(note, Localized) else None,
                ))
        return tuple(result), tuple(cited)

    def updates(self, node: yaml.Node, where: str) -> tuple[Update, ...]:
        result = []
        for index, item in enumerate(self.sequence(node, f"{where}, updates")):
            place = f"{where}, updates[{index}]"
            fields = self.fields(item, place, UPDATE)
            if fields is None:
                continue
            date = self.read(UPDATE, fields, place, "date")
            note = self.read(UPDATE, fields, place, "note")
            if isinstance(date, FuzzyDate) and isinstance(note, Localized):
                result.append(Update(date=date, note=note))
        return tuple(result)
