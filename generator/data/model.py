"""The typed timeline: what `events.yaml` means once it has been checked.

Everything downstream (rendering, search, exports) reads these frozen objects,
never the raw YAML, so a rule enforced by the checker holds everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from .dates import FuzzyDate
from .order import VAGUE, newest_first_key, oldest_first_key

STATUSES: tuple[str, ...] = ("happened", "reported", "planned", "denied", "disputed")
ENTITY_KINDS: tuple[str, ...] = ("person", "organization", "model", "product", "topic")
# Where an event's date comes from: a cited article states it; it is the date
# of a cited article's report (the event's own date is not established); or it
# comes from another public record, itself a cited source.
DATE_BASES: tuple[str, ...] = ("stated", "report", "record")


class Localized:
    """A text in some of the site's languages, in the site's order of languages.

    Which languages a site has is a setting (mkdocs.yml); the checker accepts
    exactly those, so a Localized holds no other. Immutable and hashable.
    """

    __slots__ = ("_texts",)
    _texts: tuple[tuple[str, str], ...]

    def __init__(self, texts: Mapping[str, str] | Iterable[tuple[str, str]] = (), /, **by_language: str) -> None:
        pairs = tuple(texts.items()) if isinstance(texts, Mapping) else tuple(texts)
        object.__setattr__(self, "_texts", (*pairs, *by_language.items()))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Localized is immutable")

    def __reduce__(self) -> tuple[type[Localized], tuple[tuple[tuple[str, str], ...]]]:
        # Pickled (for the build's worker processes) through __init__, which may set the slot.
        return Localized, (self._texts,)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Localized) and dict(self._texts) == dict(other._texts)

    def __hash__(self) -> int:
        return hash(frozenset(self._texts))

    def __repr__(self) -> str:
        return f"Localized({dict(self._texts)!r})"

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self._texts)

    def items(self) -> tuple[tuple[str, str], ...]:
        return self._texts

    def get(self, lang: str) -> str | None:
        return next((text for code, text in self._texts if code == lang), None)

    def best(self, lang: str) -> tuple[str, str] | None:
        """The text in `lang`, or else in the first language that has it: (text, its language)."""
        own = self.get(lang)
        if own is not None:
            return own, lang
        return (self._texts[0][1], self._texts[0][0]) if self._texts else None


# The classes a record of events.yaml becomes (fields.py names each one in its Section): their fields have
# the names of the file's fields, and an optional field's default is its value when the file leaves it out.
# Keyword-only where a required field follows an optional one: the checker makes them by keyword.


@dataclass(frozen=True, kw_only=True)
class Source:
    id: str
    outlet: Localized | None  # None: recorded as unknown
    title: str | None  # as published, in `language`; None: unknown
    title_translated: Localized = Localized()
    language: str  # BCP 47
    published: FuzzyDate | None  # None: unknown
    url: str | None  # None: unknown
    archive_url: str | None = None
    accessed: FuzzyDate | None = None
    via: tuple[str, ...] = ()
    notes: Localized | None = None
    unknown_because: Localized | None = None  # why outlet, title or url is None: recorded as unknown on purpose
    known_from: str | None = None  # "memory": a public record remembered, for a date only, never quoted (memory_sources.py)
    checked_online: FuzzyDate | None = None  # when the links tool found it online; None: not yet

    @property
    def unchecked(self) -> bool:
        """Remembered and not yet found online: readers are told so wherever the source is shown."""
        return self.known_from == "memory" and self.checked_online is None


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str
    label: Localized
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every recorded name, once each: the labels in every language, then the aliases (what search matches)."""
        labels = (text for _, text in self.label.items())
        return tuple(dict.fromkeys(name for name in (*labels, *self.aliases) if name))


def by_name(entities: Iterable[Entity]) -> dict[str, Entity]:
    """Each entity under every one of its names, written as `name_key` writes them (the first entity wins a shared name).

    Sources name the outlets they relay (`via`) as plain text in the article's
    words; this is how a page finds the entity, and so that outlet's name in
    the page's language.
    """
    named: dict[str, Entity] = {}
    for entity in entities:
        for name in entity.names:
            named.setdefault(name_key(name), entity)
    return named


def name_key(name: str) -> str:
    """A name as lookups compare it: letter case and outer spaces aside."""
    return name.strip().casefold()


@dataclass(frozen=True)
class Citation:
    source: str  # a Source id
    quote: str | None = None  # verbatim, in the source's language; None only for a source known from memory
    quote_translated: Localized = Localized()
    note: Localized | None = None


@dataclass(frozen=True)
class Reference:
    """One article in an event's reference list, with every passage the event quotes from it."""

    source: str  # a Source id
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Update:
    date: FuzzyDate
    note: Localized


@dataclass(frozen=True)
class DateBasis:
    """Where the event's date comes from: one of DATE_BASES, and the cited source it rests on."""

    kind: str
    source: str  # a Source id, always one the event cites
    note: Localized | None = None  # how the date was read from the source


@dataclass(frozen=True)
class Event:
    id: str
    date: FuzzyDate
    status: str
    title: Localized
    summary: Localized
    citations: tuple[Citation, ...]
    date_basis: DateBasis
    end: FuzzyDate | None = None
    entities: tuple[str, ...] = ()
    updates: tuple[Update, ...] = ()
    # Where the event starts in events.yaml (1-based), for "edit this event"; 0 when not read from a file.
    # Not part of what the event says: moving it in the file changes nothing (compare=False).
    line: int = field(default=0, compare=False)
    conflicts_with: tuple[str, ...] = ()  # ids of events with other claims about the same thing; each names this one too
    moved_from: tuple[str, ...] = ()  # former ids: their addresses redirect to this event's page (tools/rename.py)
    after: str | None = None  # with an open date: the id of an earlier event it followed (the earliest bound known)

    @property
    def vague(self) -> bool:
        """Known only to a quarter, a season or a year: less precisely than a month."""
        return self.date.precision in VAGUE

    @property
    def sort_key(self) -> tuple[int, ...]:
        """The one order of events, oldest first (order.py): `build_timeline` sorts by it."""
        return oldest_first_key(self.date, self.line)

    @property
    def open(self) -> bool:
        """Known only to have happened on or before a day (`../2025-12-10`)."""
        return self.date.open_start

    @property
    def date_basis_reference(self) -> int:
        """The number (from 1) of the reference the date rests on, in the event's reference list."""
        return 1 + [reference.source for reference in self.references].index(self.date_basis.source)

    @cached_property
    def references(self) -> tuple[Reference, ...]:
        """The cited articles, once each, in the order first cited: an article quoted twice is one reference, as in Wikipedia's named references."""
        quoted: dict[str, list[Citation]] = {}
        for citation in self.citations:
            quoted.setdefault(citation.source, []).append(citation)
        return tuple(Reference(source, tuple(citations)) for source, citations in quoted.items())


@dataclass(frozen=True)
class Site:
    title: Localized
    description: Localized


def _frozen(mapping: Mapping[str, object]) -> Mapping[str, object]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Timeline:
    site: Site
    sources: Mapping[str, Source]
    entities: Mapping[str, Entity]
    events: tuple[Event, ...]  # always in timeline order, see `build_timeline`
    languages: tuple[str, ...] = ("en", "ar")  # the site's, in order, the first the default (mkdocs.yml)

    # Lookups are precomputed once: rendering asks them for every page, and a
    # linear scan per page would make the build quadratic in the number of events.
    @cached_property
    def _position(self) -> Mapping[str, int]:
        return {event.id: index for index, event in enumerate(self.events)}

    @cached_property
    def _citing(self) -> Mapping[str, tuple[Event, ...]]:
        citing: dict[str, list[Event]] = {source_id: [] for source_id in self.sources}
        for event in self.events:
            for reference in event.references:
                citing.setdefault(reference.source, []).append(event)
        return {source_id: tuple(events) for source_id, events in citing.items()}

    @cached_property
    def _about(self) -> Mapping[str, tuple[Event, ...]]:
        about: dict[str, list[Event]] = {entity_id: [] for entity_id in self.entities}
        for event in self.events:
            for entity_id in event.entities:
                about.setdefault(entity_id, []).append(event)
        return {entity_id: tuple(events) for entity_id, events in about.items()}

    @cached_property
    def _named(self) -> Mapping[str, Entity]:
        return by_name(self.entities.values())

    def entity_named(self, name: str) -> Entity | None:
        """The entity with this name among its labels or aliases (see `by_name`), or None."""
        return self._named.get(name_key(name))

    def event(self, event_id: str) -> Event:
        return self.events[self._position[event_id]]

    def first_reported(self, event: Event) -> FuzzyDate | None:
        """The earliest known publication date among the event's citations of articles (a record remembered for
        the date only, `known_from: memory`, did not report the event's claims)."""
        dates = [
            published
            for citation in event.citations
            if (source := self.sources[citation.source]).known_from is None and (published := source.published) is not None
        ]
        return min(dates, key=lambda date: (date.start, date.end), default=None)

    def events_citing(self, source_id: str) -> tuple[Event, ...]:
        return self._citing.get(source_id, ())

    def events_about(self, entity_id: str) -> tuple[Event, ...]:
        return self._about.get(entity_id, ())

    @cached_property
    def _conflicts(self) -> Mapping[str, tuple[Event, ...]]:
        clusters: dict[str, tuple[Event, ...]] = {}
        for cluster in conflict_clusters(self.events):
            for member in cluster:
                clusters[member.id] = tuple(other for other in cluster if other.id != member.id)
        return clusters

    def conflicts(self, event: Event) -> tuple[Event, ...]:
        """The other claims about the same thing as `event` (conflicts_with, either way round, and theirs), in timeline order."""
        return self._conflicts.get(event.id, ())

    @cached_property
    def newest_first(self) -> tuple[Event, ...]:
        """The events newest first (order.py): not `events` read backwards, which would put "sometime in 2025" above
        December 2025. Conflicting claims stay together, in the place of the newest of them."""
        ordered = sorted(self.events, key=lambda event: newest_first_key(event.date, event.line))
        return tuple(member for cluster in conflict_clusters(ordered) for member in cluster)

    def neighbours(self, event: Event) -> tuple[Event | None, Event | None]:
        """The previous and next events in timeline order."""
        index = self._position[event.id]
        previous = self.events[index - 1] if index > 0 else None
        following = self.events[index + 1] if index + 1 < len(self.events) else None
        return previous, following


def build_timeline(
    site: Site,
    sources: Mapping[str, Source],
    entities: Mapping[str, Entity],
    events: list[Event],
    languages: tuple[str, ...] = ("en", "ar"),
) -> Timeline:
    """Assemble a timeline in timeline order (see `Event.sort_key`); events with the same place keep `events`' order (the file's).

    Claims that conflict stay together: each cluster of conflicting events
    takes the place of its earliest member, the others right after it.
    """
    ordered = sorted(events, key=lambda event: event.sort_key)
    return Timeline(
        site=site,
        sources=_frozen(sources),  # type: ignore[arg-type]
        entities=_frozen(entities),  # type: ignore[arg-type]
        events=tuple(member for cluster in conflict_clusters(ordered) for member in cluster),
        languages=languages,
    )


def _conflicting_ids(event: Event) -> tuple[str, ...]:
    return tuple(event.conflicts_with or ())


def conflict_clusters(ordered: Iterable[Event]) -> list[tuple[Event, ...]]:
    """Events in order, each with the events it conflicts with (either way round, transitively) right after it.

    Events that conflict with none are clusters of one. Unknown ids are the
    checker's business and are passed over here.
    """
    events = list(ordered)
    known = {event.id: event for event in events}
    linked: dict[str, set[str]] = {event.id: set() for event in events}
    for event in events:
        for other in _conflicting_ids(event):
            if other in known and other != event.id:
                linked[event.id].add(other)
                linked[other].add(event.id)
    position = {event.id: index for index, event in enumerate(events)}
    placed: set[str] = set()
    clusters: list[tuple[Event, ...]] = []
    for event in events:
        if event.id in placed:
            continue
        members, waiting = {event.id}, [event.id]
        while waiting:
            for other in linked[waiting.pop()] - members:
                members.add(other)
                waiting.append(other)
        placed |= members
        clusters.append(tuple(known[member] for member in sorted(members, key=position.__getitem__)))
    return clusters
