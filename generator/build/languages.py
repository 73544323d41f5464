"""Each language's block of the build: its pages, the engine's run over them, the pages written through its shells.

The blocks do not wait for each other: with cores for it they run side by side
in worker processes (generator/build/workers.py), else one after the other in
the build's own process. Either way the output and the outcome are the same:
what each printed, in language order, up to the first language that failed,
whose error stops the build.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from generator.data.errors import BuildError
from generator.data.model import Timeline
from generator.engine.run import build_language
from generator.languages.settings import Settings
from generator.site.page import Page
from generator.site.reader import Reads
from generator.site.repository import Repository
from generator.site.share import site_root

from .context import BuildOptions
from .docs import language_config, prepare_docs, write_through_shells
from .phases import add_phases, timed
from .shell import Shells
from .workers import processes, run_side_by_side


@dataclass(frozen=True)
class LanguageJob:
    """What each language's block needs (pickled for a worker process): the same for every language."""

    timeline: Timeline
    settings: Settings
    options: BuildOptions
    base: dict[str, Any]
    repository: Repository | None
    built: Path  # the site folder being built; the language's pages go into built/<lang>/
    today: datetime.date | None = None  # the build's day (build_date.py): what is overdue on it


@dataclass(frozen=True)
class LanguageBuilt:
    """One language built: its page shells and the pages written through them, or why it failed."""

    lang: str
    shells: Shells
    through_shell: tuple[Page, ...]
    phases: Mapping[str, float]  # render, engine:<lang>, pages: as measured where it ran
    printed: str = ""  # what it printed (the engine's warnings), printed by the build in language order
    error: BuildError | OSError | None = None
    reads: Mapping[str, Reads] = field(default_factory=dict)  # what each generated page read (docs.PreparedDocs)


def build_one_language(job: LanguageJob, lang: str, out: TextIO) -> LanguageBuilt:
    """Render a language's pages, run the engine over them, write the event and entity pages through the shells."""
    phases: dict[str, float] = {}
    with timed(phases, "render"):
        prepared = prepare_docs(lang, job.timeline, job.settings, job.options, site_root(job.base.get("site_url")), job.repository, job.today)
        elsewhere = tuple(page.path for page in prepared.through_shell)
        config = language_config(lang, job.timeline, job.base, job.settings, prepared.docs, job.options, elsewhere)
    with timed(phases, f"engine:{lang}"):
        build_language(lang, config, job.built / lang, out)
    with timed(phases, "pages"):
        shells = write_through_shells(prepared, job.built / lang)
    return LanguageBuilt(lang, shells, prepared.through_shell, phases, reads=prepared.reads)


def _language_in_worker(task: tuple[LanguageJob, str]) -> LanguageBuilt:
    """One language's block in a worker process: what it printed and a failure are sent back with the rest."""
    job, lang = task
    out = io.StringIO()
    try:
        built = build_one_language(job, lang, out)
    except (BuildError, OSError) as error:
        return LanguageBuilt(lang, Shells({}), (), {}, out.getvalue(), error)
    return replace(built, printed=out.getvalue())


def build_languages(job: LanguageJob, codes: Sequence[str], phases: dict[str, float], out: TextIO) -> dict[str, LanguageBuilt]:
    """Every language's block: side by side in worker processes when there are cores for it (`BuildOptions.jobs`),
    else one after the other here; a failure raises the first failing language's error."""
    workers = processes(job.options.jobs, len(codes))
    if workers == 1:
        built: dict[str, LanguageBuilt] = {}
        for lang in codes:
            built[lang] = build_one_language(job, lang, out)
            add_phases(phases, built[lang].phases)
        return built
    with timed(phases, "languages"):  # the wall time of the side-by-side part; the languages' own phases are added too
        done = run_side_by_side(
            _language_in_worker, [(job, lang) for lang in codes], [f"the {lang} site" for lang in codes], workers,
            enough=lambda language: language.error is not None,
        )
    results: dict[str, LanguageBuilt] = {}
    for lang, finished in zip(codes, done, strict=True):
        if finished is None:  # not needed: an earlier language failed (and raised below)
            continue
        language = finished.result
        add_phases(phases, language.phases)
        phases["workers"] = max(phases.get("workers", 0.0), finished.started)
        out.write(language.printed)
        if language.error is not None:
            raise language.error
        results[lang] = language
    return results
