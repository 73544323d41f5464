"""After a save: make again only the pages that read something that changed; write only those whose text changed.

`serve` keeps what the last good build was made from (a `Snapshot`), with what each generated page read of
the timeline and the settings while it rendered (generator/site/reader.py). After a save it checks the file
again and evaluates every key the pages read, in the old timeline and in the new one: a page none of whose
keys changed would be made the same, so only the others are made again, with the pages at new addresses;
the pages whose address is gone are removed. Nothing here knows which page shows what.

Event and entity pages are written first, straight into the site through the page shells the full build
kept (generator/build/shell.py), the edited events' own pages before the others, so that the edited page is
there before any engine work; the other pages are written into the work folder only when their text
changed, and only those go through the engine (engine/live.py). What the engine's configuration holds (the
site's title and description, its languages, mkdocs.yml beyond the settings pages read) is built whole by
the caller (`needs_full_build`). An edit that gives a page a shape no kept shell has (say, the first event
with an `updates` log) has its shell built by the live engine first.

The result is the same site as a full build, file for file (tests/test_serve_edits.py); the data files, the
embed pages, the sitemaps and the search index follow when the edits pause.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from generator.data.addresses import EVENTS_FOLDER, HOME, event_source
from generator.data.errors import BuildError
from generator.data.files import read_text_file
from generator.data.model import Timeline
from generator.engine.live import LiveLanguage
from generator.languages.localize import Localizer
from generator.languages.settings import Settings
from generator.site.language_pages import LanguagePages, Rendered
from generator.site.page import Page
from generator.site.reader import Key, Queries, Reads
from generator.site.repository import read_repository
from generator.site.share import language_base, site_root

from .build_date import build_day, source_date_epoch
from .context import BuildContext, BuildOptions
from .docs import handwritten_files
from .exports_step import write_exports
from .page_links import check_links
from .pipeline import write_embeds_and_sitemaps, write_root
from .shell import Shells, in_shell_folder, shell_sources, take_shells, through_shell

# The settings of extra.timeline that only pages read (through the reader): a change of one is rebuilt
# like an edit of events.yaml; any other change of mkdocs.yml reaches the engine's configuration.
PAGE_SETTINGS = ("latest_events", "year_pages_above")


@dataclass(frozen=True)
class Snapshot:
    """What the site being served was built from, and what each of its generated pages read."""

    timeline: Timeline
    settings: Settings
    base: Mapping[str, Any]
    shells: Mapping[str, Shells] = field(default_factory=dict)  # each language's page shells (empty: the engine builds every page)
    reads: Mapping[str, Mapping[str, Reads]] = field(default_factory=dict)  # by language, then by docs-folder path
    queries: Queries | None = None  # the values of the keys in `timeline`, when already found (by the last save)

    def values(self) -> Queries:
        return self.queries or Queries(self.timeline, self.settings)


def needs_full_build(old: Snapshot, new: Timeline, settings: Settings, base: Mapping[str, Any]) -> bool:
    """Whether the change reaches the engine's configuration: the site's title and description (in every page's
    header), its languages, or mkdocs.yml beyond the settings only pages read."""
    return (
        old.timeline.site != new.site or old.timeline.languages != new.languages
        or _beyond_pages(old.base, old.settings) != _beyond_pages(base, settings)
    )


def _beyond_pages(base: Mapping[str, Any], settings: Settings) -> tuple[object, Settings]:
    extra = dict(base.get("extra") or {}) if isinstance(base.get("extra"), dict) else base.get("extra")
    if isinstance(extra, dict) and isinstance(extra.get("timeline"), dict):
        extra["timeline"] = {key: value for key, value in extra["timeline"].items() if key not in PAGE_SETTINGS}
    defaults = Settings()
    return {**base, "extra": extra}, replace(settings, **{name: getattr(defaults, name) for name in PAGE_SETTINGS})


def changed_keys(old: Snapshot, new: Queries) -> set[Key]:
    """The keys read by any page whose value differs between the snapshot and the new timeline and settings."""
    keys: set[Key] = set()
    for pages in old.reads.values():
        for reads in pages.values():
            keys |= reads
    return old.values().changed(new, keys)


@dataclass(frozen=True)
class Plan:
    """One language's pages to make again (docs-folder paths), and those to remove."""

    render: frozenset[str]
    remove: frozenset[str]


def plan(before: Mapping[str, Reads], addresses: Iterable[str], changed: set[Key]) -> Plan:
    """The pages at new addresses and those that read a changed key; the pages whose address is gone."""
    now = list(addresses)
    render = frozenset(path for path in now if path not in before or not before[path].isdisjoint(changed))
    return Plan(render, frozenset(before.keys() - set(now)))


def render_pages(pages: LanguagePages, paths: Iterable[str]) -> list[Rendered]:
    """The named generated pages of one language, with what each read."""
    made = []
    for path in sorted(paths):
        try:
            made.append(pages.render(path))
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
class Finished:
    """The engine's pages rebuilt: how many, the steps after the engine, and what the site is now built from."""

    pages: int
    # The steps after the engine (data files, embed pages, sitemaps) as one call, which the caller runs when the edits pause.
    after_engine: Callable[[], None]
    snapshot: Snapshot


@dataclass(frozen=True)
class Rebuilt:
    """What `rebuild` wrote at once, and the rest, to run next."""

    pages: int  # event and entity pages written through the shells
    finish: Callable[[], Finished]  # the other pages, through the engine


def rebuild(
    old: Snapshot, new: Timeline, live: Mapping[str, LiveLanguage], options: BuildOptions,
    out: TextIO | None = None, settings: Settings | None = None, base: Mapping[str, Any] | None = None,
) -> Rebuilt:
    """Bring the served pages from `old` to `new` (and `settings`, `base`: the snapshot's when not given) in place;
    BuildError or OSError on failure; warnings go to `out`.

    The event and entity pages are written at once, through the kept shells; the pages the engine builds
    (home, timeline, lists) are left to `Rebuilt.finish`, so that the caller may show the edited page first.
    """
    settings = settings or old.settings
    base = old.base if base is None else base
    site_url = site_root(base.get("site_url"))
    repository = read_repository(dict(base), options.config, options.events)
    queries = Queries(new, settings)
    changed = changed_keys(old, queries)
    producers: dict[str, LanguagePages] = {}
    plans: dict[str, Plan] = {}
    for lang in settings.codes:
        source = options.docs / lang
        home = read_text_file(source / HOME) if HOME in handwritten_files(source) else None
        producers[lang] = LanguagePages(new, Localizer(lang, settings), site_url, repository, home, build_day(source_date_epoch(new)))
        plans[lang] = plan(old.reads.get(lang, {}), producers[lang].addresses(), changed)
    reads = {lang: dict(old.reads.get(lang, {})) for lang in settings.codes}
    shells = dict(old.shells)
    by_shell = {lang: {path for path in plans[lang].render | plans[lang].remove if in_shell_folder(path)} if shells else set() for lang in settings.codes}
    # The edited events' own pages first, in every language; then the other event pages (their neighbours, the other
    # claims of their conflicts); then the entity pages, which list many events each and take longest.
    edited = {event_source(argument) for kind, argument in changed if kind == "event"}
    others: dict[str, list[Page]] = {lang: [] for lang in settings.codes}  # none, while every event and entity page is one HTML block
    through: dict[str, list[Page]] = {lang: [] for lang in settings.codes}
    written = 0
    waiting = {lang: set(by_shell[lang] & plans[lang].render) for lang in settings.codes}
    for wanted in (lambda path: path in edited, lambda path: path.startswith(f"{EVENTS_FOLDER}/"), lambda path: True):
        for lang in settings.codes:
            group = {path for path in waiting[lang] if wanted(path)}
            waiting[lang] -= group
            made = render_pages(producers[lang], group)
            reads[lang].update((rendered.page.path, rendered.reads) for rendered in made)
            pages = [rendered.page for rendered in made]
            written_through = [page for page in pages if through_shell(page)]
            others[lang] += [page for page in pages if not through_shell(page)]
            site = options.site / lang
            if lacking := shells[lang].lacking(written_through) if shells else []:
                shells[lang] = shells[lang].joined(_more_shells(live[lang], options.work / lang / "docs", site, lacking))
            written += len(shells[lang].write(site, written_through, changed_only=True)) if written_through else 0
            through[lang] += written_through
    for lang in settings.codes:
        removed = plans[lang].remove & by_shell[lang]
        written += len(shells[lang].remove(options.site / lang, removed)) if removed else 0

    def finish() -> Finished:
        total = 0
        for lang in settings.codes:
            docs = options.work / lang / "docs"
            made = render_pages(producers[lang], plans[lang].render - by_shell[lang])
            reads[lang].update((rendered.page.path, rendered.reads) for rendered in made)
            changed_pages, gone = write_changed(docs, [rendered.page for rendered in made] + others[lang], plans[lang].remove - by_shell[lang])
            live[lang].rebuild(changed_pages, gone)
            total += len(changed_pages) + len(gone)
            for path in plans[lang].remove:
                reads[lang].pop(path, None)
        check_links(options.site, through, out or sys.stdout, options.strict)
        write_root(options.site, new, settings, site_url)
        context = BuildContext(
            timeline=new,
            settings=settings,
            options=options,
            built=options.site,
            base_urls={lang: language_base(base.get("site_url"), lang) for lang in settings.codes},
            localizers={lang: Localizer(lang, settings) for lang in settings.codes},
            site_url=site_url,
            source_date_epoch=source_date_epoch(new),
        )

        def after_engine() -> None:
            # As a full build runs them; the search index follows (serve's search refresh).
            write_exports(context)
            write_embeds_and_sitemaps(context)

        return Finished(total, after_engine, Snapshot(new, settings, base, shells, reads, queries))

    return Rebuilt(written, finish)
