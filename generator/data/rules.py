"""Rules across records: what one record says about another.

The node walk (checker.py) reads each record on its own into an `EventDraft`
(the typed values it could read, with the nodes messages point at); these
rules then run over the drafts and the typed sources: unknown or duplicate
ids, dates before citations, the source a date rests on, conflicts that name
each other, sources and entities nobody uses. Drafts of broken events take
part too, so one mistake in an event does not hide another.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import yaml

from .corruption import ARABIC_COMMA
from .dates import FuzzyDate
from .load import position
from .model import Citation, DateBasis, Entity, Event, Localized, Source, Update, by_name, name_key
from .reporting import Reporter, did_you_mean

# A source may report these before their date: a plan, or conflicting claims about a plan.
FORWARD_LOOKING = ("planned", "disputed")
SINGULAR = {"sources": "source", "entities": "entity", "events": "event"}


@dataclass(frozen=True)
class Written:
    """A value as written in the file, the node holding it, and the place messages name."""

    value: str
    node: yaml.Node
    where: str


@dataclass(frozen=True)
class BasisDraft:
    kind: str | None  # one of DATE_BASES, or None when it is missing or wrong
    source: Written | None
    note: Localized | None
    where: str  # "event 'x', date_basis"


@dataclass(frozen=True)
class EventDraft:
    """One event as the walk read it: every value it could read, None (or empty) where it could not."""

    where: str  # "event 'x'" or "events[3]"
    id: Written | None  # a valid id (a slug that can be a page address)
    date: FuzzyDate | None
    end: FuzzyDate | None
    status: str | None
    title: Localized | None
    summary: Localized | None
    entities: tuple[Written, ...]
    citations: tuple[Citation, ...]  # the complete ones
    cited: tuple[Written, ...]  # the source of every citation, known or not
    written_sources: frozenset[str]  # every source id written under citations, even in a broken citation
    basis: BasisDraft | None
    updates: tuple[Update, ...]
    conflicts_with: tuple[Written, ...]
    conflicts_node: yaml.Node | None  # the conflicts_with field's value, when present
    node: yaml.Node  # the event's mapping

    @property
    def date_basis(self) -> DateBasis | None:
        if self.basis is None or self.basis.kind is None or self.basis.source is None:
            return None
        return DateBasis(kind=self.basis.kind, source=self.basis.source.value, note=self.basis.note)

    def event(self, known_sources: Mapping[str, object], known_entities: Mapping[str, object]) -> Event | None:
        """The typed event, when every required value was read (the file may still have errors elsewhere)."""
        basis = self.date_basis
        citations = tuple(citation for citation in self.citations if citation.source in known_sources)
        if self.id is None or self.date is None or self.status is None or self.title is None or self.summary is None or basis is None or not citations:
            return None
        entities = tuple(dict.fromkeys(written.value for written in self.entities if written.value in known_entities))
        return Event(
            id=self.id.value, date=self.date, end=self.end, status=self.status, title=self.title, summary=self.summary,
            entities=entities, citations=citations, date_basis=basis, updates=self.updates,
            conflicts_with=tuple(dict.fromkeys(written.value for written in self.conflicts_with)),
            line=self.node.start_mark.line + 1,
        )


def check_across(
    reporter: Reporter,
    drafts: Sequence[EventDraft],
    sources: Mapping[str, Source],
    source_keys: Mapping[str, yaml.Node],
    entity_keys: Mapping[str, yaml.Node],
    relayed: frozenset[str] = frozenset(),
) -> None:
    """Report every rule across records; `*_keys` are all ids defined, even those of records with errors.

    `relayed`: the entities that sources name as outlets they relay (`via`), which pages show even if no event lists them.
    """
    unique_events(reporter, drafts)
    for draft in drafts:
        citation_sources(reporter, draft, sources, source_keys)
        entity_references(reporter, draft, entity_keys)
        date_basis(reporter, draft, sources, source_keys)
    conflicts(reporter, drafts)
    cited = {written.value for draft in drafts for written in draft.cited}
    mentioned = {written.value for draft in drafts for written in draft.entities} | relayed
    unused(reporter, source_keys, cited, "sources")
    unused(reporter, entity_keys, mentioned, "entities")


def unique_events(reporter: Reporter, drafts: Sequence[EventDraft]) -> None:
    seen: dict[str, yaml.Node] = {}
    for draft in drafts:
        if draft.id is None:
            continue
        value, node = draft.id.value, draft.id.node
        if value in seen:
            reporter.error(
                node, draft.id.where,
                f"another event already has the id '{value}' (line {position(seen[value])[0]})",
                "Give each event its own id: the id is the event's web address.",
            )
            continue
        seen[value] = node


def citation_sources(reporter: Reporter, draft: EventDraft, sources: Mapping[str, Source], source_keys: Mapping[str, yaml.Node]) -> None:
    """Each citation names a defined source, published no earlier than the event (unless it announced it)."""
    for written in draft.cited:
        source_id = written.value
        if source_id not in source_keys:
            reporter.error(written.node, written.where, f"unknown source '{source_id}'", f"Use an id defined under 'sources:'{did_you_mean(source_id, list(source_keys))}")
        elif source_id in sources and draft.date is not None and draft.status not in FORWARD_LOOKING:
            published = sources[source_id].published
            if published is not None and published.end < draft.date.start:
                reporter.warning(
                    written.node, written.where,
                    f"the source was published ({published}) before the event's date ({draft.date})",
                    "Check the event's date; if the source announced it in advance, set the status to 'planned' (or 'disputed' when sources conflict about it).",
                )


def entity_references(reporter: Reporter, draft: EventDraft, entity_keys: Mapping[str, yaml.Node]) -> None:
    for written in draft.entities:
        if written.value not in entity_keys:
            reporter.error(
                written.node, written.where, f"unknown entity '{written.value}'",
                f"Use an id defined under 'entities:'{did_you_mean(written.value, list(entity_keys))}",
            )


def date_basis(reporter: Reporter, draft: EventDraft, sources: Mapping[str, Source], source_keys: Mapping[str, yaml.Node]) -> None:
    """The date rests on a source the event cites; a report's date lies within the event's date."""
    basis = draft.basis
    if basis is None or basis.source is None:
        return
    source_id, node, place = basis.source.value, basis.source.node, basis.source.where
    cited = list(dict.fromkeys(citation.source for citation in draft.citations if citation.source in source_keys))
    if source_id not in source_keys:
        if source_id not in draft.written_sources:  # else the citation's own message names the unknown source once
            reporter.error(node, place, f"unknown source '{source_id}'", f"Use the id of a source this event cites{did_you_mean(source_id, cited or list(source_keys))}")
        return
    if cited and source_id not in cited:
        reporter.error(
            node, place,
            f"the date rests on source '{source_id}', which this event does not cite",
            f"Cite it under 'citations' with the passage that gives the date, or name a cited source: {', '.join(cited)}",
        )
        return
    date = draft.date
    if basis.kind == "report" and source_id in sources and date is not None:
        published = sources[source_id].published
        if published is not None and not (date.start <= published.start and published.end <= date.end):
            reporter.warning(
                node, place,
                f"the event is dated by the report of '{source_id}', published {published}, but its date ({date}) does not include that",
                f"Write the report's date ({published}, or a coarser one that includes it), or use kind 'stated' or 'record' if a source gives the event's own date",
            )


def conflicts(reporter: Reporter, drafts: Sequence[EventDraft]) -> None:
    """`conflicts_with` names other events, and each of them names this one back."""
    by_id: dict[str, EventDraft] = {}
    for draft in drafts:
        if draft.id is not None:
            by_id.setdefault(draft.id.value, draft)
    for draft in drafts:
        if draft.id is None:
            continue
        own = draft.id.value
        for written in draft.conflicts_with:
            other = by_id.get(written.value)
            if written.value == own:
                reporter.error(written.node, written.where, "an event cannot conflict with itself", "Name the other events that make claims about the same thing, or remove this id.")
            elif other is None:
                reporter.error(
                    written.node, written.where, f"unknown event '{written.value}'",
                    f"Use the id of another event{did_you_mean(written.value, [event_id for event_id in by_id if event_id != own])}",
                )
            elif own not in {back.value for back in other.conflicts_with}:
                _missing_back_reference(reporter, other, own)


def _missing_back_reference(reporter: Reporter, event: EventDraft, missing: str) -> None:
    """Reported where the list lacks the id: its conflicts_with, or the event's id when it has none."""
    assert event.id is not None
    where = f"event '{event.id.value}', conflicts_with"
    listed = list(dict.fromkeys(written.value for written in event.conflicts_with))
    if event.conflicts_node is not None:
        node = event.conflicts_node
        hint = f"Add it to this event's list: conflicts_with: [{', '.join([*listed, missing])}]"
    else:
        node = event.id.node
        hint = f"Add 'conflicts_with: [{missing}]' to this event"
    reporter.error(
        node, where,
        f"event '{missing}' lists this event under conflicts_with, but this event does not list '{missing}'",
        hint + "; conflicting claims name each other, so that each page leads to the other",
    )


def unused(reporter: Reporter, keys: Mapping[str, yaml.Node], used: set[str], section: str) -> None:
    if section == "sources":
        message, hint = "no event cites this source", "Cite it from an event, or remove it."
    else:
        message, hint = "no event mentions this entity", "List it in an event's 'entities', or remove it."
    for item_id, key in keys.items():
        if item_id not in used:
            reporter.warning(key, f"{SINGULAR[section]} '{item_id}'", message, hint)


def relayed_outlets(reporter: Reporter, relayed: Sequence[Written], entities: Mapping[str, Entity]) -> frozenset[str]:
    """Each outlet a source relays (`via`) is an entity's name, so that every language's pages can name it in their own words.

    Returns the ids of the entities so named.
    """
    named: set[str] = set()
    index = by_name(entities.values())
    names = [name for known in entities.values() for name in known.names]
    suggestions: dict[str, str] = {}  # difflib is slow, and a relayed outlet is usually named many times
    for written in relayed:
        if ARABIC_COMMA in written.value and not getattr(written.node, "style", None):
            continue  # two outlets read as one: corruption.py says so, and the fix is the comma
        entity = index.get(name_key(written.value))
        if entity is not None:
            named.add(entity.id)
        else:
            if written.value not in suggestions:  # not setdefault: its argument would be computed every time
                suggestions[written.value] = did_you_mean(written.value, names)
            reporter.warning(
                written.node, written.where, f"via '{written.value}' names no entity",
                "Add an entity with this name among its aliases so that Arabic pages can name it" + suggestions[written.value],
            )
    return frozenset(named)
