"""After a save of events.yaml: re-render only the pages whose inputs changed, rebuild only those.

`serve` keeps what the last good build was made from (a `Snapshot`); after a
save it checks the file again, compares the two timelines, and re-renders the
pages that show anything that changed: the edited event, its previous and
next events (old and new neighbours), the entity pages that list it, the
events and entities that a changed source or entity appears on, the summary
pages (home, timeline, sources, entities), the year pages that list a changed
event when the timeline is split by year (all of them when a year gains or
loses its page), every event page when the timeline starts or stops being split
(each links to its entry in the timeline), and the pages of added and removed
items. Event and entity pages are written first, straight into the site
through the page shells the full build kept (generator/build/shell.py), so the
edited page is there before any engine work; the other pages are written
into the work folder only when their text changed, and only those go through
the engine (engine/live.py). A change of the site's own title or description
(in every page's header) is not handled here: the caller builds everything
then. An edit that gives a page a shape no kept shell has (say, the first
event with an `updates` log) has its shell built by the live engine first.

The result is the same site as a full build, file for file, except the search
index, which the caller refreshes when the edits pause (tests/test_serve.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from generator.data.addresses import (
    ENTITIES,
    ENTITY_IDS,
    EVENTS_FOLDER,
    HOME,
    SOURCES,
    TIMELINE,
    entity_source,
    event_source,
    timeline_year_source,
)
from generator.data.errors import BuildError
from generator.data.files import read_text_file
from generator.data.iso import as_of
from generator.data.model import Event, Timeline
from generator.engine.live import LiveLanguage
from generator.languages.localize import Localizer
from generator.languages.settings import Settings
from generator.site.language_pages import LanguagePages
from generator.site.page import Page
from generator.site.repository import read_repository
from generator.site.share import language_base, site_root
from generator.site.timeline_years import is_split, listed_years, year_pages

from .build_date import build_day, source_date_epoch
from .context import BuildContext, BuildOptions
from .docs import handwritten_files
from .exports_step import write_exports
from .page_links import check_links
from .pipeline import write_embeds_and_sitemaps, write_root
from .shell import Shells, in_shell_folder, shell_sources, take_shells, through_shell

_SUMMARY_PAGES = (HOME, TIMELINE, SOURCES, ENTITIES, ENTITY_IDS)


@dataclass(frozen=True)
class Snapshot:
    """What the site being served was built from."""

    timeline: Timeline
    settings: Settings
    base: Mapping[str, Any]
    shells: Mapping[str, Shells] = field(default_factory=dict)  # each language's page shells (empty: the engine builds every page)


@dataclass(frozen=True)
class Affected:
    """The generated pages (docs-folder paths) to render again, and those to remove."""

    render: frozenset[str]
    remove: frozenset[str]
    edited: frozenset[str] = frozenset()  # of `render`, the pages of the events that changed themselves: written first


def needs_full_build(old: Timeline, new: Timeline) -> bool:
    """The site's title and description are in every page (and in each language's configuration)."""
    return old.site != new.site or old.languages != new.languages


def affected_pages(old: Timeline, new: Timeline, track_lines: bool = False, settings: Settings | None = None) -> Affected:
    """Which generated pages may differ between a site built from `old` and one built from `new`.

    `track_lines`: the pages link to each event's line in events.yaml ("edit this event"), so an
    event that only moved in the file is changed too. `settings`: the site's (whether the
    timeline is split by year), the defaults when not given.
    """
    old_events = {event.id: event for event in old.events}
    new_events = {event.id: event for event in new.events}

    def changed(key: str) -> bool:
        before, after = old_events.get(key), new_events.get(key)
        return before != after or (track_lines and before is not None and after is not None and before.line != after.line)

    changed_events = {key for key in old_events.keys() | new_events.keys() if changed(key)}
    changed_sources = {key for key in old.sources.keys() | new.sources.keys() if old.sources.get(key) != new.sources.get(key)}
    changed_entities = {key for key in old.entities.keys() | new.entities.keys() if old.entities.get(key) != new.entities.get(key)}
    # Events with the same date keep the file's order (generator/data/order.py): moving one in the file may reorder them.
    reordered = [event.id for event in old.events] != [event.id for event in new.events]
    if not (changed_events or changed_sources or changed_entities or reordered):
        return Affected(frozenset(), frozenset())

    events: set[str] = set(changed_events)
    # Every event whose previous or next event is another now (a moved date can move a whole cluster
    # of conflicting claims, so this is not only the edited event's neighbours).
    def around(timeline: Timeline, event: Event) -> tuple[str | None, ...]:
        return tuple(neighbour.id if neighbour else None for neighbour in timeline.neighbours(event))

    events.update(key for key in old_events.keys() & new_events.keys() if around(old, old_events[key]) != around(new, new_events[key]))
    # The neighbours of an edited event show its title and date in their previous/next links.
    for timeline, by_id in ((old, old_events), (new, new_events)):
        for key in changed_events & by_id.keys():
            events.update(neighbour.id for neighbour in timeline.neighbours(by_id[key]) if neighbour is not None)
    for key in changed_sources:
        events.update(event.id for timeline in (old, new) for event in timeline.events_citing(key))
    for key in changed_entities:
        events.update(event.id for timeline in (old, new) for event in timeline.events_about(key))

    # An event page names every claim of its conflict cluster ("other reports say"), linked either way round.
    for timeline, by_id in ((old, old_events), (new, new_events)):
        events.update(other.id for key in changed_events & by_id.keys() for other in timeline.conflicts(by_id[key]))

    settings = settings or Settings()
    # Every event page links to its entry in the timeline: the one page's, or its year page's once the timeline is split.
    if is_split(old, settings) != is_split(new, settings):
        events.update(new_events)
    # Every event page says "as of" the data's latest date, and without SOURCE_DATE_EPOCH that date is the
    # build's day, which decides what is overdue on every list (generator/data/expectations.py).
    dated_anew = as_of(old) != as_of(new)
    if dated_anew:
        events.update(new_events)

    entities: set[str] = set(changed_entities)
    for key in events:  # an entity page repeats each of its events' entries
        for by_id in (old_events, new_events):
            if key in by_id:
                entities.update(by_id[key].entities)

    render = {event_source(key) for key in events if key in new_events}
    render |= {entity_source(key) for key in entities if key in new.entities}
    render |= set(_SUMMARY_PAGES)
    years, gone_years = _year_pages(old, new, (changed_events, changed_sources, changed_entities), settings)
    render |= years
    if dated_anew and is_split(new, settings):
        render |= {timeline_year_source(year) for year in set(listed_years(new).values())}
    remove = {event_source(key) for key in old_events.keys() - new_events.keys()}
    remove |= {entity_source(key) for key in old.entities.keys() - new.entities.keys()}
    edited = {event_source(key) for key in changed_events if key in new_events}
    return Affected(frozenset(render), frozenset(remove | gone_years), frozenset(edited))


def _year_pages(old: Timeline, new: Timeline, changed: tuple[set[str], set[str], set[str]], settings: Settings) -> tuple[set[str], set[str]]:
    """The year pages of a split timeline to render again, and those to remove.

    `changed`: the ids of the changed events, sources and entities. A year page shows each event's
    entry (with its sources' outlets, its entities' names and the claims it conflicts with), not
    its neighbours: a new title changes the neighbours' event pages, not the neighbours' years.
    """
    before, after = year_pages(old, settings), year_pages(new, settings)
    if before != after:  # a year has a page now, or has none, so the years around it link elsewhere (or the split began or ended)
        return set(after), set(before) - set(after)
    events, sources, entities = changed
    entries = set(events)
    for timeline in (old, new):
        entries.update(event.id for key in sources for event in timeline.events_citing(key))
        entries.update(event.id for key in entities for event in timeline.events_about(key))
        entries.update(other.id for event in timeline.events if event.id in events for other in timeline.conflicts(event))
    years = {listed[key] for listed in (listed_years(old), listed_years(new)) for key in entries if key in listed}
    return {timeline_year_source(year) for year in years} & set(after), set()


def render_pages(pages: LanguagePages, paths: Iterable[str]) -> list[Page]:
    """The named generated pages of one language."""
    made = []
    for path in sorted(paths):
        try:
            made.append(pages.page(path))
        except KeyError:
            raise BuildError(f"{path}: not a generated page") from None
    return made


def write_changed(docs: Path, pages: Iterable[Page], removed: Iterable[str]) -> tuple[list[str], list[str]]:
    """Write the pages whose text differs from the work folder's copy, delete the removed ones; returns both lists."""
    written = []
    for page in pages:
        target = docs / page.path
        try:
            if target.read_text(encoding="utf-8") == page.text:
                continue
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text, encoding="utf-8")
        written.append(page.path)
    gone = []
    for path in removed:
        target = docs / path
        if target.exists():
            target.unlink()
            gone.append(path)
    return written, gone


def _more_shells(live: LiveLanguage, docs: Path, site: Path, pages: list[Page]) -> Shells:
    """Shells for pages of shapes the full build had none of, built by the live engine and taken out again."""
    sources = shell_sources(pages)
    paths = [source.page.path for source in sources.values()]
    for source in sources.values():
        (docs / source.page.path).write_text(source.page.text, encoding="utf-8")
    try:
        live.rebuild(paths, [])
        return take_shells(site, sources)
    finally:
        live.rebuild([], paths)
        for path in paths:
            (docs / path).unlink(missing_ok=True)


@dataclass(frozen=True)
class Rebuilt:
    """What `rebuild` wrote at once, and the rest, to run next."""

    pages: int  # event and entity pages written through the shells
    shells: Mapping[str, Shells]  # the shells to keep for the next edit
    # The other pages through the engine: returns how many were rebuilt, and the steps after the engine
    # (data files, embed pages, sitemaps) as one call, which the caller runs when the edits pause.
    finish: Callable[[], tuple[int, Callable[[], None]]]


def rebuild(
    old: Snapshot, new: Timeline, live: Mapping[str, LiveLanguage], options: BuildOptions, out: TextIO | None = None
) -> Rebuilt:
    """Bring the served pages from `old` to `new` in place; BuildError or OSError on failure; warnings go to `out`.

    The event and entity pages are written at once, through the kept shells; the pages the engine builds
    (home, timeline, lists) are left to `Rebuilt.finish`, so that the caller may show the edited page first.
    """
    settings = old.settings
    site_url = site_root(old.base.get("site_url"))
    repository = read_repository(old.base, options.config, options.events)
    affected = affected_pages(old.timeline, new, track_lines=repository is not None, settings=settings)
    by_shell = {path for path in affected.render | affected.remove if in_shell_folder(path)} if old.shells else set()
    epoch = source_date_epoch(new)
    renderers = {}
    for lang in settings.codes:
        source = options.docs / lang
        home = read_text_file(source / HOME) if HOME in handwritten_files(source) else None
        renderers[lang] = LanguagePages(new, Localizer(lang, settings), site_url, repository, home, build_day(epoch))
    through: dict[str, list[Page]] = {lang: [] for lang in settings.codes}
    others: dict[str, list[Page]] = {lang: [] for lang in settings.codes}  # none, while every event and entity page is one HTML block
    shells = dict(old.shells)
    written = 0
    # The edited events' own pages first, in every language; then their neighbours; then the entity
    # pages, which list many events each and take longest.
    edited = affected.render & by_shell & affected.edited
    neighbours = {path for path in affected.render & by_shell - edited if path.startswith(f"{EVENTS_FOLDER}/")}
    for group in (edited, neighbours, affected.render & by_shell - edited - neighbours):
        for lang in settings.codes:
            pages = render_pages(renderers[lang], group)
            written_through = [page for page in pages if through_shell(page)]
            others[lang] += [page for page in pages if not through_shell(page)]
            site = options.site / lang
            if lacking := shells[lang].lacking(written_through) if shells else []:
                shells[lang] = shells[lang].joined(_more_shells(live[lang], options.work / lang / "docs", site, lacking))
            written += len(shells[lang].write(site, written_through, changed_only=True)) if written_through else 0
            through[lang] += written_through
    for lang in settings.codes:
        written += len(shells[lang].remove(options.site / lang, affected.remove & by_shell)) if by_shell else 0

    def finish() -> tuple[int, Callable[[], None]]:
        total = 0
        for lang in settings.codes:
            docs = options.work / lang / "docs"
            pages = render_pages(renderers[lang], affected.render - by_shell) + others[lang]
            changed, gone = write_changed(docs, pages, affected.remove - by_shell)
            live[lang].rebuild(changed, gone)
            total += len(changed) + len(gone)
        check_links(options.site, through, out or sys.stdout, options.strict)
        write_root(options.site, new, settings, site_url)
        context = BuildContext(
            timeline=new,
            settings=settings,
            options=options,
            built=options.site,
            base_urls={lang: language_base(old.base.get("site_url"), lang) for lang in settings.codes},
            localizers={lang: Localizer(lang, settings) for lang in settings.codes},
            site_url=site_url,
            source_date_epoch=epoch,
        )

        def after_engine() -> None:
            # As a full build runs them; the search index follows (serve's SearchRefresh).
            write_exports(context)
            write_embeds_and_sitemaps(context)

        return total, after_engine

    return Rebuilt(written, shells, finish)
