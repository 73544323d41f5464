"""What a build is given and what the steps after the engine receive: options, errors, one build context.

The engine (generator/engine/) turns each language's pages into HTML; the
steps after it (the search index, the data exports) read the finished site
folder and this context. Nothing here is swapped at module level: a test that
wants another indexer or another step passes it in `BuildOptions`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from generator.data.model import Timeline
from generator.languages.localize import Localizer
from generator.languages.settings import Settings

# Pagefind from PyPI (pinned in pyproject.toml), run by the interpreter that
# runs the build, so that it is the one installed with the generator.
PAGEFIND: tuple[str, ...] = (sys.executable, "-m", "pagefind")


@dataclass(frozen=True)
class BuildOptions:
    events: Path = Path("events.yaml")
    docs: Path = Path("docs")  # hand-written pages: docs/en/, docs/ar/
    config: Path = Path("mkdocs.yml")  # the shared MkDocs configuration
    site: Path = Path("site")
    work: Path = Path("build")  # generated Markdown and per-language configurations
    strict: bool = False  # warnings (e.g. a missing translation) fail the build
    pagefind: tuple[str, ...] = PAGEFIND  # the search indexer's command, before its --site argument
    # Event and entity pages written through a page shell per language and folder (generator/build/shell.py);
    # False: the engine builds every page, as a check that both ways agree.
    page_shell: bool = True
    # Worker processes that build the languages side by side (generator/build/languages.py); None: one per
    # language, up to the cores this process may use. 1: one language after the other, in this process.
    jobs: int | None = None
    # The address `serve` serves the site at (http://127.0.0.1:<port>/): the site's address when SITE_URL
    # gives none, so that the preview names its real port (generator/site/site_address.py). None for `build`.
    served_at: str | None = None


@dataclass(frozen=True)
class BuildContext:
    """Everything a step after the engine may read; `built` is the finished, not yet published, site folder."""

    timeline: Timeline
    settings: Settings
    options: BuildOptions
    built: Path
    # Each language's public address (site_url + '<lang>/'), None when site_url is unset.
    base_urls: Mapping[str, str | None] = field(default_factory=dict)
    site_url: str | None = None  # the site root's address as configured (site_url), None when unset
    localizers: Mapping[str, Localizer] = field(default_factory=dict)
    # The build's date in seconds since 1970 (generator/build/build_date.py), in the packed sitemaps' header.
    source_date_epoch: int = 0

    @property
    def languages(self) -> tuple[str, ...]:
        return self.settings.codes


@dataclass(frozen=True)
class Alongside:
    """Work in the background (an external process) while other steps run: entering `start`'s context
    starts it, leaving it waits for it, or stops it when a step failed. The steps `meanwhile` must not
    write what the background work reads."""

    name: str  # its phase in BuildResult.phases: the background work's wall time, start to end
    start: Callable[[BuildContext], AbstractContextManager[object]]
    meanwhile: tuple[Callable[[BuildContext], None], ...] = ()


# A step run after every language was built, on the finished site folder.
AfterStep = Callable[[BuildContext], None] | Alongside
