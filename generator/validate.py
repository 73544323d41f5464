"""Check events.yaml node by node and build the typed timeline from it.

Every problem is collected (never raised), with the place it was found, so a
maintainer sees all of them in one run. The timeline is built only when no
error was found.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import yaml

from .addresses import id_problem
from .characters import character_problems
from .corruption import explain
from .dates import DateError, FuzzyDate, parse_date
from .load import collection_paused, load_nodes, position
from .localize import DEFAULT_LANGUAGES, language_name
from .model import (
    DATE_BASES,
    ENTITY_KINDS,
    STATUSES,
    Citation,
    DateBasis,
    Entity,
    Event,
    Localized,
    Site,
    Source,
    Timeline,
    Update,
    build_timeline,
)
from .problems import Problem, Severity

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BCP47 = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_NULL_TAG = "tag:yaml.org,2002:null"
_TRANSLATIONS = "the translations"
# A source may report these before their date: a plan, or conflicting claims about a plan.
FORWARD_LOOKING = ("planned", "disputed")
SINGULAR = {"sources": "source", "entities": "entity", "events": "event"}


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
    with collection_paused():
        return _check_text(text, file, languages)


def _check_text(text: str, file: str, languages: tuple[str, ...]) -> CheckResult:
    loaded = load_nodes(text, file)
    found = loaded.problems + tuple(character_problems(loaded.root, text, file))
    if loaded.root is None:
        return CheckResult(None, tuple(sorted(found, key=lambda p: p.sort_key)))
    checker = _Checker(file, languages)
    timeline = checker.timeline(loaded.root)
    problems = tuple(sorted(found + explain(checker.problems, loaded.root, text, file), key=lambda p: p.sort_key))
    has_errors = any(p.severity == "error" for p in problems)
    return CheckResult(None if has_errors else timeline, problems)


def _quoted_list(words: tuple[str, ...]) -> str:
    quoted = [f"'{word}'" for word in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _closest(word: str, candidates: list[str]) -> str:
    """'; did you mean 'x'?' or '' — for hints."""
    # Long ids (outlet-date-topic) are often typed in part: an id that begins
    # with the word is as likely a match as one spelled alike.
    started = [candidate for candidate in candidates if word and candidate.startswith(word) and candidate != word]
    matches = list(dict.fromkeys([*started[:2], *difflib.get_close_matches(word, candidates, n=2, cutoff=0.5)]))[:2]
    if not matches:
        return ""
    return "; did you mean " + " or ".join(f"'{match}'" for match in matches) + "?"


def _kind_of(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
        return "nothing"
    if isinstance(node, yaml.MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"'{node.value}'"


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


class _Checker:
    def __init__(self, file: str, languages: tuple[str, ...]) -> None:
        self.file = file
        self.languages = languages
        self.problems: list[Problem] = []
        # Every id referred to anywhere, even from an event with errors, so that
        # one broken event does not make its sources look unused.
        self.referenced: dict[str, set[str]] = {"sources": set(), "entities": set()}

    # -- reporting ---------------------------------------------------------

    def report(self, severity: Severity, node: yaml.Node, where: str, message: str, hint: str) -> None:
        line, column = position(node)
        if not hint.endswith((".", "?", "!")):
            hint += "."
        self.problems.append(Problem(severity, self.file, line, column, where, message, hint))

    def error(self, node: yaml.Node, where: str, message: str, hint: str) -> None:
        self.report("error", node, where, message, hint)

    def warning(self, node: yaml.Node, where: str, message: str, hint: str) -> None:
        self.report("warning", node, where, message, hint)

    # -- generic readers -----------------------------------------------------

    def fields(
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
                        f"Allowed fields here: {', '.join(allowed)}{_closest(name, list(allowed))}",
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
        hint = "Write it as one line per language under the field: " + ", ".join(f"'{lang}: …'" for lang in self.languages) + "."
        if not isinstance(node, yaml.MappingNode):
            if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
                self.error(node, where, "the value is empty", hint)
            else:
                self.error(node, where, f"expected texts in each language, found {_kind_of(node)}", hint)
            return None
        texts = self.fields(node, where, self.languages, (), _TRANSLATIONS)
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

    # -- the four parts --------------------------------------------------------

    def timeline(self, root: yaml.Node) -> Timeline | None:
        if not isinstance(root, yaml.MappingNode):
            self.error(
                root, "file", f"expected the parts of the file (site, sources, entities, events), found {_kind_of(root)}",
                "Start from the example in the README: the file begins with 'site:' at the left margin, with no '- ' before it.",
            )
            return None
        top = self.fields(root, "", ("site", "sources", "entities", "events"), ("site", "sources", "events"), "the file")
        if top is None:
            return None
        site = self.site(top.values["site"]) if "site" in top else None
        sources_node = top.values.get("sources")
        entities_node = top.values.get("entities")
        sources = self.sources(sources_node) if sources_node is not None else {}
        entities = self.entities(entities_node) if entities_node is not None else {}
        source_ids = self.ids_in(sources_node, "sources")
        entity_ids = self.ids_in(entities_node, "entities")
        events = self.events(top.values["events"], source_ids, entity_ids, sources) if "events" in top else []
        self.unused(sources_node, "sources")
        self.unused(entities_node, "entities")
        if site is None:
            return None
        return build_timeline(site, sources, entities, events, self.languages)

    def ids_in(self, node: yaml.Node | None, section: str) -> dict[str, yaml.Node]:
        """All ids defined in a section, even those whose fields have errors (for reference checks)."""
        if not isinstance(node, yaml.MappingNode):
            return {}
        return {key.value: key for key, _ in node.value if isinstance(key, yaml.ScalarNode)}

    def unused(self, node: yaml.Node | None, section: str) -> None:
        if section == "sources":
            message, hint = "no event cites this source", "Cite it from an event, or remove it."
        else:
            message, hint = "no event mentions this entity", "List it in an event's 'entities', or remove it."
        for item_id, key in self.ids_in(node, section).items():
            if item_id not in self.referenced[section]:
                self.warning(key, f"{SINGULAR[section]} '{item_id}'", message, hint)

    def site(self, node: yaml.Node) -> Site | None:
        fields = self.fields(node, "site", ("title", "description"), ("title", "description"), "the site")
        if fields is None:
            return None
        title = self.localized(fields.values["title"], "site, title") if "title" in fields else None
        description = self.localized(fields.values["description"], "site, description") if "description" in fields else None
        if title is None or description is None:
            return None
        return Site(title=title, description=description)

    def sources(self, node: yaml.Node) -> dict[str, Source]:
        allowed = ("outlet", "title", "title_translated", "language", "published", "url", "archive_url", "accessed", "via", "notes")
        required = ("outlet", "title", "language", "published", "url")
        result: dict[str, Source] = {}
        for _key, source_id, value in self.keyed(node, "sources", "sources"):
            where = f"source '{source_id}'"
            fields = self.fields(value, where, allowed, required, "a source")
            if fields is None:
                continue
            source = self.source(source_id, fields, where)
            if source is not None:
                result[source_id] = source
        return result

    def source(self, source_id: str, fields: _Fields, where: str) -> Source | None:
        values = fields.values
        outlet = title = url = None
        if "outlet" in fields:
            outlet_node = values["outlet"]
            if isinstance(outlet_node, yaml.ScalarNode) and outlet_node.tag == _NULL_TAG:
                self.warning(outlet_node, f"{where}, outlet", "the outlet is recorded as unknown (null)", f"Add the outlet's name in {_quoted_list(self.languages)} when it is found; until then the site shows 'outlet unknown'.")
            else:
                outlet = self.localized(outlet_node, f"{where}, outlet")
        if "title" in fields:
            title = self.text(values["title"], f"{where}, title", nullable=True)
            if title is None and values["title"].tag == _NULL_TAG:
                self.warning(values["title"], f"{where}, title", "the title is recorded as unknown (null)", "Add the headline as published when it is found; until then the site shows 'title unknown'.")
        if "url" in fields:
            url = self.url(values["url"], f"{where}, url", nullable=True)
            if url is None and isinstance(values["url"], yaml.ScalarNode) and values["url"].tag == _NULL_TAG:
                self.warning(values["url"], f"{where}, url", "the URL is recorded as unknown (null)", "Add the article's address when it is found; until then the site shows 'link unknown'.")
        title_translated = self.localized(values["title_translated"], f"{where}, title_translated", partial_ok=True) if "title_translated" in fields else None
        language = self.language(values["language"], f"{where}, language") if "language" in fields else None
        published = None
        if "published" in fields:
            published_node = values["published"]
            if isinstance(published_node, yaml.ScalarNode) and published_node.value.strip().lower() == "unknown":
                published = None
            else:
                published = self.date(published_node, f"{where}, published")
        archive_url = self.url(values["archive_url"], f"{where}, archive_url", nullable=False) if "archive_url" in fields else None
        accessed = self.date(values["accessed"], f"{where}, accessed") if "accessed" in fields else None
        via = tuple(text for _, text in self.text_list(values["via"], f"{where}, via")) if "via" in fields else ()
        notes = self.localized(values["notes"], f"{where}, notes") if "notes" in fields else None
        if language is None:
            return None
        return Source(
            id=source_id,
            outlet=outlet,
            title=title,
            title_translated=title_translated or Localized(),
            language=language,
            published=published,
            url=url,
            archive_url=archive_url,
            accessed=accessed,
            via=via,
            notes=notes,
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
            fields = self.fields(value, where, ("kind", "label", "aliases"), ("kind", "label"), "an entity")
            if fields is None:
                continue
            kind = None
            if "kind" in fields:
                kind = self.text(fields.values["kind"], f"{where}, kind")
                if kind is not None and kind not in ENTITY_KINDS:
                    self.error(fields.values["kind"], f"{where}, kind", f"'{kind}' is not a kind of entity", f"Use one of: {', '.join(ENTITY_KINDS)}{_closest(kind, list(ENTITY_KINDS))}")
                    kind = None
            label = self.localized(fields.values["label"], f"{where}, label") if "label" in fields else None
            aliases = tuple(text for _, text in self.text_list(fields.values["aliases"], f"{where}, aliases")) if "aliases" in fields else ()
            if kind is not None and label is not None:
                result[entity_id] = Entity(id=entity_id, kind=kind, label=label, aliases=aliases)
        return result

    def events(
        self,
        node: yaml.Node,
        source_ids: dict[str, yaml.Node],
        entity_ids: dict[str, yaml.Node],
        sources: dict[str, Source],
    ) -> list[Event]:
        result: list[Event] = []
        seen: dict[str, yaml.Node] = {}
        for index, item in enumerate(self.sequence(node, "events")):
            event = self.event(index, item, seen, source_ids, entity_ids, sources)
            if event is not None:
                result.append(event)
        return result

    def event(
        self,
        index: int,
        node: yaml.Node,
        seen: dict[str, yaml.Node],
        source_ids: dict[str, yaml.Node],
        entity_ids: dict[str, yaml.Node],
        sources: dict[str, Source],
    ) -> Event | None:
        allowed = ("id", "date", "date_basis", "end", "status", "title", "summary", "entities", "citations", "updates")
        # date_basis is required too, with its own message (see `date_basis`).
        required = ("id", "date", "status", "title", "summary", "citations")
        where = f"events[{index}]"
        event_id: str | None = None
        if isinstance(node, yaml.MappingNode):
            # Name the event by its id in every message, even before the id is checked.
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode) and value.value.strip():
                    event_id = value.value.strip()
                    where = f"event '{event_id}'"
                    break
        fields = self.fields(node, where, allowed, required, "an event")
        if fields is None:
            return None
        values = fields.values
        if "id" in fields:
            event_id = self.event_id(values["id"], where, seen)
        date = self.date(values["date"], f"{where}, date") if "date" in fields else None
        end = self.date(values["end"], f"{where}, end") if "end" in fields else None
        if date is not None and end is not None and end.end < date.start:
            self.error(values["end"], f"{where}, end", f"the end ({end}) is before the date ({date})", "Swap them, or correct the end date.")
        status = self.status(values["status"], f"{where}, status") if "status" in fields else None
        title = self.localized(values["title"], f"{where}, title") if "title" in fields else None
        summary = self.localized(values["summary"], f"{where}, summary") if "summary" in fields else None
        entities = self.references(values["entities"], f"{where}, entities", entity_ids, "entity", "entities") if "entities" in fields else ()
        citations = self.citations(values["citations"], where, source_ids, sources, date, status) if "citations" in fields else ()
        updates = self.updates(values["updates"], where) if "updates" in fields else ()
        date_basis = self.date_basis(fields, where, source_ids, sources, date, citations)
        if None in (event_id, date, status, title, summary, date_basis) or not citations:
            return None
        assert event_id and date and status and title and summary and date_basis
        return Event(
            id=event_id, date=date, end=end, status=status, title=title, summary=summary,
            entities=entities, citations=citations, date_basis=date_basis, updates=updates,
        )

    _DATE_BASIS_SHAPE = (
        "'date_basis: {kind: stated, source: <id>}' when a cited article states the date; "
        "kind 'report' when the event is dated by a cited article's report because its own date is not established; "
        "kind 'record' when another public record gives the date (list it under 'sources:' and cite it)"
    )

    def date_basis(
        self,
        fields: _Fields,
        where: str,
        source_ids: dict[str, yaml.Node],
        sources: dict[str, Source],
        date: FuzzyDate | None,
        citations: tuple[Citation, ...],
    ) -> DateBasis | None:
        """Where the date comes from: a kind, and a source the event cites (a date is a claim too)."""
        place = f"{where}, date_basis"
        if "date_basis" not in fields.keys:
            self.error(fields.node, place, "the required field 'date_basis' is missing: the reader cannot tell where the date comes from", f"Add {self._DATE_BASIS_SHAPE}")
            return None
        if "date_basis" not in fields:
            return None  # reported already (e.g. a duplicate key)
        basis = self.fields(fields.values["date_basis"], place, ("kind", "source", "note"), ("kind", "source"), "the date basis")
        if basis is None:
            return None
        kind = self.text(basis.values["kind"], f"{place}.kind") if "kind" in basis else None
        if kind is not None and kind not in DATE_BASES:
            self.error(basis.values["kind"], f"{place}.kind", f"'{kind}' is not a date basis", f"Use one of: {', '.join(DATE_BASES)}{_closest(kind, list(DATE_BASES))}")
            kind = None
        source_id = self.text(basis.values["source"], f"{place}.source") if "source" in basis else None
        cited = list(dict.fromkeys(citation.source for citation in citations))
        if source_id is not None:
            node = basis.values["source"]
            if source_id not in source_ids and source_id in self.cited_ids(fields):
                source_id = None  # the citation's own message names the unknown source once
            elif source_id not in source_ids:
                self.error(node, f"{place}.source", f"unknown source '{source_id}'", f"Use the id of a source this event cites{_closest(source_id, cited or list(source_ids))}")
                source_id = None
            elif cited and source_id not in cited:
                self.error(
                    node, f"{place}.source",
                    f"the date rests on source '{source_id}', which this event does not cite",
                    f"Cite it under 'citations' with the passage that gives the date, or name a cited source: {', '.join(cited)}",
                )
                source_id = None
        note = self.localized(basis.values["note"], f"{place}.note") if "note" in basis else None
        if kind == "report" and source_id in sources and date is not None:
            published = sources[source_id].published
            if published is not None and not (date.start <= published.start and published.end <= date.end):
                self.warning(
                    basis.values["source"], f"{place}.source",
                    f"the event is dated by the report of '{source_id}', published {published}, but its date ({date}) does not include that",
                    f"Write the report's date ({published}, or a coarser one that includes it), or use kind 'stated' or 'record' if a source gives the event's own date",
                )
        if kind is None or source_id is None:
            return None
        return DateBasis(kind=kind, source=source_id, note=note)

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

    def event_id(self, node: yaml.Node, where: str, seen: dict[str, yaml.Node]) -> str | None:
        value = self.text(node, f"{where}, id")
        if value is None:
            return None
        if not SLUG.fullmatch(value):
            self.error(node, f"{where}, id", f"the id '{value}' is not a slug", self._slug_hint(value))
            return None
        if not self.address(node, f"{where}, id", value, is_page=True):
            return None
        if value in seen:
            self.error(
                node, f"{where}, id",
                f"another event already has the id '{value}' (line {position(seen[value])[0]})",
                "Give each event its own id: the id is the event's web address.",
            )
            return None
        seen[value] = node
        return value

    def status(self, node: yaml.Node, where: str) -> str | None:
        value = self.text(node, where)
        if value is None:
            return None
        if value not in STATUSES:
            self.error(node, where, f"'{value}' is not a status", f"Use one of: {', '.join(STATUSES)}{_closest(value, list(STATUSES))}")
            return None
        return value

    def references(self, node: yaml.Node, where: str, known: dict[str, yaml.Node], what: str, section: str) -> tuple[str, ...]:
        result = []
        for item, value in self.text_list(node, where):
            self.referenced[section].add(value)
            if value in known:
                result.append(value)
            else:
                self.error(
                    item, where, f"unknown {what} '{value}'",
                    f"Use an id defined under '{section}:'{_closest(value, list(known))}",
                )
        return tuple(dict.fromkeys(result))

    def citations(
        self,
        node: yaml.Node,
        where: str,
        source_ids: dict[str, yaml.Node],
        sources: dict[str, Source],
        date: FuzzyDate | None,
        status: str | None,
    ) -> tuple[Citation, ...]:
        items = self.sequence(node, f"{where}, citations")
        if isinstance(node, yaml.SequenceNode) and not items:
            self.error(node, f"{where}, citations", "the event has no citation", "Add at least one citation with 'source' and 'quote'.")
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
            return ()
        result = []
        for index, item in enumerate(items):
            place = f"{where}, citations[{index}]"
            fields = self.fields(item, place, ("source", "quote", "quote_translated", "note"), ("source", "quote"), "a citation")
            if fields is None:
                continue
            source_id = None
            if "source" in fields:
                source_node = fields.values["source"]
                source_id = self.text(source_node, f"{place}.source")
                if source_id is not None:
                    self.referenced["sources"].add(source_id)
                if source_id is not None and source_id not in source_ids:
                    self.error(source_node, f"{place}.source", f"unknown source '{source_id}'", f"Use an id defined under 'sources:'{_closest(source_id, list(source_ids))}")
                    source_id = None
                elif source_id is not None and source_id in sources and date is not None and status not in FORWARD_LOOKING:
                    published = sources[source_id].published
                    if published is not None and published.end < date.start:
                        self.warning(
                            source_node, f"{place}.source",
                            f"the source was published ({published}) before the event's date ({date})",
                            "Check the event's date; if the source announced it in advance, set the status to 'planned' (or 'disputed' when sources conflict about it).",
                        )
            quote = self.text(fields.values["quote"], f"{place}.quote") if "quote" in fields else None
            translated = self.localized(fields.values["quote_translated"], f"{place}.quote_translated", partial_ok=True) if "quote_translated" in fields else None
            note = self.localized(fields.values["note"], f"{place}.note") if "note" in fields else None
            if source_id is not None and quote is not None:
                result.append(Citation(source=source_id, quote=quote, quote_translated=translated or Localized(), note=note))
        return tuple(result)

    def updates(self, node: yaml.Node, where: str) -> tuple[Update, ...]:
        result = []
        for index, item in enumerate(self.sequence(node, f"{where}, updates")):
            place = f"{where}, updates[{index}]"
            fields = self.fields(item, place, ("date", "note"), ("date", "note"), "an update")
            if fields is None:
                continue
            date = self.date(fields.values["date"], f"{place}.date") if "date" in fields else None
            note = self.localized(fields.values["note"], f"{place}.note") if "note" in fields else None
            if date is not None and note is not None:
                result.append(Update(date=date, note=note))
        return tuple(result)
