"""The timeline as pages read it: every read is recorded, so that `serve` knows what each page depends on.

A page reads the timeline only through a `TimelineReader`: its events, sources and entities by id, the
lists built from them (the events about an entity, citing a source, around an event, in a year), the site's
texts and the settings pages use. Each read is a key, ("event", "some-event-id") or ("setting",
"latest_events"), and its value is what `Queries` finds for that key in one timeline. While a page renders,
the reader records the keys it read (`LanguagePages.render`). After a save, `serve` evaluates every recorded
key in the old and the new timeline: a page none of whose keys changed would render the same text, so only
the others are rendered again (generator/build/incremental.py). Nothing is declared by hand: a template
that starts to show something new reads it through the reader, and the page depends on it from then on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from functools import cached_property
from typing import Any, TypeVar, cast

from generator.data.dates import FuzzyDate
from generator.data.iso import as_of
from generator.data.model import Entity, Event, Site, Source, Timeline, conflict_clusters
from generator.languages.settings import Settings

from .timeline_years import is_split

# What a page read: a kind of value and its argument ("" for the timeline's whole lists).
Key = tuple[str, str]
Reads = frozenset[Key]
T = TypeVar("T")


class Queries:
    """The value of each key in one timeline with its settings: what the reader gives pages, and what a save is compared by."""

    def __init__(self, timeline: Timeline, settings: Settings) -> None:
        self.timeline = timeline
        self.settings = settings
        self._kinds: dict[str, Callable[[str], object]] = {
            "event": self._by_id.get,
            "line": self._line,
            "source": timeline.sources.get,
            "entity": timeline.entities.get,
            "named": timeline.entity_named,
            "about": timeline.events_about,
            "about_count": lambda key: len(timeline.events_about(key)),
            "citing": timeline.events_citing,
            "conflicts": lambda key: timeline.conflicts(found) if (found := self._by_id.get(key)) else (),
            "neighbours": lambda key: timeline.neighbours(found) if (found := self._by_id.get(key)) else (None, None),
            "first_reported": lambda key: timeline.first_reported(found) if (found := self._by_id.get(key)) else None,
            "listed_year": self._listed.get,
            "year": lambda year: self._by_year.get(int(year), ()),
            "events": lambda _: timeline.events,
            "newest_first": lambda _: timeline.newest_first,
            "sources": lambda _: tuple(timeline.sources.items()),
            "entities": lambda _: tuple(timeline.entities.items()),
            "site": lambda _: timeline.site,
            "languages": lambda _: timeline.languages,
            "years": lambda _: tuple(self._by_year),
            "split": lambda _: is_split(timeline, settings),
            "newest_report": lambda _: self._newest_report,
            "as_of": lambda _: self._as_of,
            "setting": lambda name: getattr(settings, name),
        }

    def value(self, key: Key) -> object:
        kind, argument = key
        return self._kinds[kind](argument)

    def changed(self, other: Queries, keys: set[Key]) -> set[Key]:
        """The keys whose value differs between this timeline and `other`.

        Many values hold events (a list, the events about an entity, those around one): each pair of events
        with one id is compared once, not once per value that holds it.
        """
        events: dict[str, bool] = {}

        def same(before: object, after: object) -> bool:
            if isinstance(before, Event) and isinstance(after, Event):
                if before.id != after.id:
                    return False
                if (found := events.get(before.id)) is None:
                    found = events[before.id] = before == after
                return found
            if isinstance(before, tuple) and isinstance(after, tuple):
                return len(before) == len(after) and all(map(same, before, after))
            return before == after

        return {key for key in keys if not same(self.value(key), other.value(key))}

    @cached_property
    def _by_id(self) -> Mapping[str, Event]:
        return {event.id: event for event in self.timeline.events}

    def _line(self, event_id: str) -> int | None:
        # Not part of what an event says (Event.line compares equal), yet the page's "edit this event" link names it.
        found = self._by_id.get(event_id)
        return found.line if found else None

    @cached_property
    def _listed(self) -> Mapping[str, int]:
        """The year each event is listed under (timeline_years.listed_years, from the entries found once here)."""
        return {event.id: year for year, clusters in self._by_year.items() for cluster in clusters for event in cluster}

    @cached_property
    def _by_year(self) -> Mapping[int, tuple[tuple[Event, ...], ...]]:
        """The entries of each year (an entry of several events is a conflict), listed under the year of their first claim."""
        years: dict[int, list[tuple[Event, ...]]] = {}
        for cluster in conflict_clusters(self.timeline.events):
            years.setdefault(cluster[0].date.start.year, []).append(cluster)
        return {year: tuple(clusters) for year, clusters in sorted(years.items())}

    @cached_property
    def _as_of(self) -> date | None:
        return as_of(self.timeline)

    @cached_property
    def _newest_report(self) -> date | None:
        """The last day the newest cited report can be from (what is "expected" is dated after it)."""
        return max((source.published.end for source in self.timeline.sources.values() if source.published), default=None)


class _RecordedMapping(Mapping[str, T]):
    """The sources or entities by id: one read each, and the whole collection when a page goes through all of them."""

    def __init__(self, reader: TimelineReader, kind: str, whole: str, items: Mapping[str, T]) -> None:
        self._reader, self._kind, self._whole, self._items = reader, kind, whole, items

    def __getitem__(self, key: str) -> T:
        found = self._reader.read(self._kind, key)
        if found is None:
            raise KeyError(key)
        return cast(T, found)

    def __iter__(self) -> Iterator[str]:
        self._reader.read(self._whole)
        return iter(self._items)

    def __len__(self) -> int:
        self._reader.read(self._whole)
        return len(self._items)


class TimelineReader:
    """What pages read of a timeline (as a Timeline offers it, to templates and exports alike), every read recorded."""

    def __init__(self, timeline: Timeline, settings: Settings) -> None:
        self.queries = Queries(timeline, settings)
        self._reads: set[Key] | None = None
        self._found: dict[Key, tuple[Key, Any]] = {}
        self._derived: dict[str, tuple[object, Reads]] = {}
        self.sources: Mapping[str, Source] = _RecordedMapping(self, "source", "sources", timeline.sources)
        self.entities: Mapping[str, Entity] = _RecordedMapping(self, "entity", "entities", timeline.entities)

    def read(self, kind: str, argument: str = "") -> Any:
        # Each key's value is found once, and kept with the key itself (one tuple per key, however often read:
        # the recorded reads are sent between processes).
        found = self._found.get((kind, argument))
        if found is None:
            key = (kind, argument)
            found = self._found[key] = (key, self.queries.value(key))
        if self._reads is not None:
            self._reads.add(found[0])
        return found[1]

    @contextmanager
    def recording(self) -> Iterator[set[Key]]:
        """Record the reads made inside the block (one page's) into the set it gives."""
        outer, self._reads = self._reads, set()
        try:
            yield self._reads
        finally:
            reads, self._reads = self._reads, outer
            if outer is not None:
                outer |= reads

    def derived(self, name: str, compute: Callable[[], T]) -> T:
        """A value computed once from reads (the timeline's headings, say); each page that asks for it reads what it read."""
        if (found := self._derived.get(name)) is None:
            with self.recording() as reads:
                value = compute()
            found = self._derived[name] = (value, frozenset(reads))
        elif self._reads is not None:
            self._reads |= found[1]
        return cast(T, found[0])

    def as_timeline(self) -> Timeline:
        """This reader where a function of the exports takes a Timeline: they read only what a reader offers, recorded."""
        return cast(Timeline, self)

    # -- a Timeline's own reads ---------------------------------------------------------------

    @property
    def events(self) -> tuple[Event, ...]:
        return cast(tuple[Event, ...], self.read("events"))

    @property
    def newest_first(self) -> tuple[Event, ...]:
        return cast(tuple[Event, ...], self.read("newest_first"))

    @property
    def site(self) -> Site:
        return cast(Site, self.read("site"))

    @property
    def languages(self) -> tuple[str, ...]:
        return cast(tuple[str, ...], self.read("languages"))

    def event(self, event_id: str) -> Event:
        found = self.read("event", event_id)
        if found is None:
            raise KeyError(event_id)
        return cast(Event, found)

    def entity_named(self, name: str) -> Entity | None:
        return cast(Entity | None, self.read("named", name))

    def events_about(self, entity_id: str) -> tuple[Event, ...]:
        return cast(tuple[Event, ...], self.read("about", entity_id))

    def count_about(self, entity_id: str) -> int:
        """How many events are about an entity (a list that shows the number only reads the number)."""
        return cast(int, self.read("about_count", entity_id))

    def events_citing(self, source_id: str) -> tuple[Event, ...]:
        return cast(tuple[Event, ...], self.read("citing", source_id))

    def conflicts(self, event: Event) -> tuple[Event, ...]:
        return cast(tuple[Event, ...], self.read("conflicts", event.id))

    def neighbours(self, event: Event) -> tuple[Event | None, Event | None]:
        return cast(tuple[Event | None, Event | None], self.read("neighbours", event.id))

    def first_reported(self, event: Event) -> FuzzyDate | None:
        return cast(FuzzyDate | None, self.read("first_reported", event.id))

    # -- what pages read beyond a Timeline ------------------------------------------------------

    def line(self, event_id: str) -> int | None:
        """The event's line in events.yaml (for its "edit this event" link)."""
        return cast(int | None, self.read("line", event_id))

    def split(self) -> bool:
        """Whether the timeline is split into a page per year (`year_pages_above`)."""
        return bool(self.read("split"))

    def listed_year(self, event_id: str) -> int:
        """The year page that lists the event: its own year, or its conflict's first claim's."""
        return cast(int, self.read("listed_year", event_id))

    def years(self) -> tuple[int, ...]:
        """The years that have entries, in order (a year page each when the timeline is split)."""
        return cast(tuple[int, ...], self.read("years"))

    def year(self, year: int) -> tuple[tuple[Event, ...], ...]:
        """The entries listed under a year, in timeline order (an entry of several events is a conflict)."""
        return cast(tuple[tuple[Event, ...], ...], self.read("year", str(year)))

    def newest_report(self) -> date | None:
        return cast(date | None, self.read("newest_report"))

    def setting(self, name: str) -> Any:
        """A setting of `extra.timeline` (latest_events...): pages read the settings that change what they show here."""
        return self.read("setting", name)
