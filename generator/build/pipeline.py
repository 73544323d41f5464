"""`build`: check events.yaml, render both languages, run MkDocs twice (side by side), swap in site/.

The steps, in order: read the configuration and check events.yaml; in a new
build folder beside site/ (generator/build/publish.py), each language's docs
folder and MkDocs run (languages.py, docs.py); the links between the pages;
the root's pages; the steps after the engine (the search index, the data
exports, the embed pages and sitemaps); then the swap of the finished folder
for site/. After any failure the previous site/ is left exactly as it was.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from generator.data.check_file import check_file, fails, print_report
from generator.data.errors import BuildError, describe_os_error
from generator.data.model import Timeline
from generator.engine.config import read_base_config
from generator.languages.localize import Localizer
from generator.languages.settings import Settings, SettingsError, site_settings
from generator.site.language_pages import render_embed, render_root
from generator.site.not_found import not_found_page
from generator.site.reader import Reads
from generator.site.redirects import redirect_page, redirects
from generator.site.repository import read_repository
from generator.site.share import language_base, site_root
from generator.site.site_address import LEFT_OUT, with_site_url
from generator.site.sitemaps import sitemaps

from .build_date import build_day, source_date_epoch
from .context import AfterStep, Alongside, BuildContext, BuildOptions
from .docs import handwritten_files
from .exports_step import write_exports
from .languages import LanguageJob, build_languages
from .page_links import check_links
from .phases import timed
from .publish import build_lock, check_paths, claim_work_folder, mark, new_build_folder, publish, remove_stale_builds
from .search import SearchError, indexing
from .shell import Shells

PACKAGE = Path(str(resources.files("generator")))
ICONS = (PACKAGE / "engine" / "overrides" / "assets" / "favicon.svg", PACKAGE / "site" / "assets" / "favicon.ico")


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    timeline: Timeline | None = None
    seconds: float = 0.0
    # Seconds spent in each phase (check, render, engine:<lang>, pages, and each step after the engine by
    # its name), so that benchmarks can tell the generator's own time from the engine's and Pagefind's.
    # With the languages side by side, their phases are as measured in the workers (summed over the
    # languages), "languages" is the wall time of that part and "workers" the longest wait for a worker to
    # start; "index_search" is Pagefind's wall time, the data exports (`write_exports`) written meanwhile.
    phases: Mapping[str, float] = field(default_factory=dict)
    # Each language's page shells, kept by `serve` to write edited pages without the engine.
    shells: Mapping[str, Shells] = field(default_factory=dict)
    # What each language's generated pages read of the timeline (by docs-folder path), kept by `serve`.
    reads: Mapping[str, Mapping[str, Reads]] = field(default_factory=dict)


def build_settings(base: dict[str, Any], config: Path) -> Settings:
    """The site's settings for a build, from the configuration already read: a mistake stops the build (a BuildError)
    in the words `check` uses, every problem at its line of the configuration file."""
    try:
        return site_settings(config, base)
    except SettingsError as error:
        raise BuildError(str(error)) from None


# -- the steps after the engine ---------------------------------------------------------------


@contextmanager
def searching(context: BuildContext) -> Iterator[None]:
    """Pagefind runs over the finished site while the block runs (it must write no HTML), then is waited for;
    its failure stops the build before site/ is replaced."""
    try:
        with indexing(context.built, context.languages, context.options.pagefind):
            yield
    except SearchError as error:
        raise BuildError(f"the search index could not be built: {error}") from None


def write_embeds_and_sitemaps(context: BuildContext) -> None:
    """Each language's embed page (`<lang>/embed/index.html`), and sitemaps with language alternates (replacing MkDocs')."""
    for lang in context.languages:
        embed = context.built / lang / "embed" / "index.html"
        embed.parent.mkdir(parents=True, exist_ok=True)
        embed.write_text(render_embed(context.timeline, context.localizers[lang], context.site_url, build_day(context.source_date_epoch)), encoding="utf-8")
    handwritten = {lang: handwritten_files(context.options.docs / lang) for lang in context.languages}
    files = sitemaps(context.timeline, context.languages, context.site_url, handwritten, context.source_date_epoch, context.settings)
    for name, data in files.items():
        (context.built / name).write_bytes(data)
    write_redirects(context)


def write_redirects(context: BuildContext) -> None:
    """The page at each former address of a renamed event (`moved_from`), in every language: it leads to the new one.
    Written after the search index, so that search finds each event once."""
    for redirect in redirects(context.timeline):
        for lang in context.languages:
            page = context.built / lang / redirect.path
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(redirect_page(redirect, context.localizers[lang], context.site_url), encoding="utf-8")


# The steps after the engine, in order. Pagefind (an external process) indexes the HTML pages while the
# data files are written (JSON, CSV, Atom: nothing it reads); the embed pages and sitemaps after it (embed
# pages stay out of search, and the sitemaps replace the engine's own).
AFTER_STEPS: tuple[AfterStep, ...] = (Alongside("index_search", searching, (write_exports,)), write_embeds_and_sitemaps)


def write_root(folder: Path, timeline: Timeline, settings: Settings, site_url: str | None) -> None:
    """The site root's pages: the language choice, the 404 page, the icons."""
    (folder / "index.html").write_text(render_root(timeline, settings), encoding="utf-8")
    # The page hosts such as GitHub Pages serve for every missing address (each language has its own too).
    (folder / "404.html").write_text(not_found_page(timeline, settings, site_url), encoding="utf-8")
    # The site's icon at the root too: browsers ask for /favicon.ico by themselves.
    for icon in ICONS:
        shutil.copyfile(icon, folder / icon.name)


# -- the whole build --------------------------------------------------------------------


def build(options: BuildOptions, out: TextIO | None = None, after_steps: Sequence[AfterStep] = AFTER_STEPS) -> BuildResult:
    """Run every step; print problems; return whether site/ was replaced.

    `after_steps` run in order on the finished site folder, each given the one build context.
    """
    out = out or sys.stdout
    started = time.monotonic()
    phases: dict[str, float] = {}
    try:
        check_paths(options)
        base = with_site_url(read_base_config(options.config), options.config, options.served_at)
        settings = build_settings(base, options.config)
        repository = read_repository(base, options.config, options.events)
    except BuildError as error:
        return _stopped(error, options, out)
    with timed(phases, "check"):
        result = check_file(options.events, settings.codes)
    if result.problems:
        print_report(result, "text", options.strict, out)
    if fails(result, options.strict) or result.timeline is None:
        print(f"build stopped: {options.site}/ was left as it was.", file=out)
        return BuildResult(False)
    timeline = result.timeline
    built = new_build_folder(options.site)
    try:
        epoch = source_date_epoch(timeline)  # read here, once: the steps are given it
        options.site.parent.mkdir(parents=True, exist_ok=True)
        with build_lock(options.site, options.work):
            remove_stale_builds(options.site)
            claim_work_folder(options.work)
            built.mkdir()
            mark(built)  # from the start, so that the next build may remove it if this one is killed
            job = LanguageJob(timeline, settings, options, base, repository, built, build_day(epoch))
            languages = build_languages(job, settings.codes, phases, out)
            shells = {lang: language.shells for lang, language in languages.items()}
            through_shell = {lang: language.through_shell for lang, language in languages.items()}
            with timed(phases, "pages"):
                check_links(built, through_shell, out, options.strict)  # once both languages are written: pages link across them
            with timed(phases, "render"):
                write_root(built, timeline, settings, site_root(base.get("site_url")))
            context = BuildContext(
                timeline=timeline,
                settings=settings,
                options=options,
                built=built,
                base_urls={lang: language_base(base.get("site_url"), lang) for lang in settings.codes},
                localizers={lang: Localizer(lang, settings) for lang in settings.codes},
                site_url=site_root(base.get("site_url")),
                source_date_epoch=epoch,
            )
            _run_steps(after_steps, context, phases)
            publish(built, options.site)
    except (BuildError, OSError) as error:
        return _stopped(error, options, out, timeline)
    finally:
        if built.exists():
            shutil.rmtree(built, ignore_errors=True)
    seconds = time.monotonic() - started
    if base.get("site_url") is None:
        print(LEFT_OUT, file=out)
    print(
        f"built {options.site}/ in {seconds:.1f} s: {len(timeline.events)} events in {', '.join(settings.codes)}"
        f" ({', '.join(f'{options.site}/{lang}/' for lang in settings.codes)})",
        file=out,
    )
    reads = {lang: language.reads for lang, language in languages.items()}
    return BuildResult(True, timeline, seconds, phases, shells, reads)


def _run_steps(steps: Sequence[AfterStep], context: BuildContext, phases: dict[str, float]) -> None:
    for step in steps:
        if isinstance(step, Alongside):
            with timed(phases, step.name), step.start(context):
                _run_steps(step.meanwhile, context, phases)
        else:
            with timed(phases, getattr(step, "__name__", "after")):
                step(context)


def _stopped(error: Exception, options: BuildOptions, out: TextIO, timeline: Timeline | None = None) -> BuildResult:
    print(f"error: {describe_os_error(error) if isinstance(error, OSError) else error}", file=out)
    print(f"build stopped: {options.site}/ was left as it was.", file=out)
    return BuildResult(False, timeline)
