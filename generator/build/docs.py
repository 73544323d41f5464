"""A language's docs folder for the engine (hand-written pages and generated ones) and its MkDocs configuration.

docs/<lang>/ is copied into the work folder (build/<lang>/docs/) with the
pages rendered from the timeline beside it; build/<lang>/mkdocs.yml names
that folder, the site's words in the language and where the site goes. Event
and entity pages are not in the folder: the engine builds one page shell per
shape in their place (generator/build/shell.py), and they are written
through the shells after it.
"""

from __future__ import annotations

import datetime
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from generator.data.addresses import ENTITIES, HOME, SOURCES, TIMELINE, address, clash
from generator.data.errors import BuildError, UsageError
from generator.data.files import read_text_file
from generator.data.model import Timeline
from generator.engine.config import Alternate, LanguageConfig, write_config
from generator.languages.localize import Localizer
from generator.languages.settings import Settings
from generator.site.language_pages import LanguagePages
from generator.site.not_found import not_found_settings
from generator.site.page import Page
from generator.site.reader import Reads
from generator.site.repository import Repository
from generator.site.share import head_settings, language_base, site_root

from .context import BuildOptions
from .search import ui_settings
from .shell import Shape, Shells, ShellSource, shell_sources, take_shells, through_shell

STYLESHEET = Path(str(resources.files("generator"))) / "site" / "assets" / "timeline.css"
# Hand-written pages listed in the navigation when they exist, in this order.
HANDWRITTEN_NAV = (("methodology", "methodology.md"), ("contributing", "contributing.md"))


@dataclass(frozen=True)
class PreparedDocs:
    """One language's docs folder for the engine, and the pages written after it through page shells."""

    docs: Path
    through_shell: tuple[Page, ...] = ()
    shells: Mapping[Shape, ShellSource] = field(default_factory=dict)  # in the docs folder, built by the engine
    # What each generated page (by its docs-folder path) read of the timeline: `serve` renders again, after a
    # save, only the pages that read something that changed.
    reads: Mapping[str, Reads] = field(default_factory=dict)


def prepare_docs(
    lang: str, timeline: Timeline, settings: Settings, options: BuildOptions,
    site_url: str | None = None, repository: Repository | None = None, today: datetime.date | None = None,
) -> PreparedDocs:
    """Copy docs/<lang>/ into the work folder and add the generated pages the engine builds.

    Event and entity pages are written later through page shells (generator/build/shell.py), which are in the
    docs folder in their place; with `options.page_shell` off, the engine builds them too.
    With a `repository`, pages link to it ("edit this event", "report a correction").
    """
    source = options.docs / lang
    docs = options.work / lang / "docs"
    handwritten = handwritten_files(source)
    written_home = source / HOME
    try:
        home = read_text_file(written_home) if HOME in handwritten else None
    except UsageError as error:
        raise BuildError(str(error)) from None
    rendered = LanguagePages(timeline, Localizer(lang, settings), site_url, repository, home, today).rendered()
    pages = [made.page for made in rendered]
    _refuse_clashes(pages, handwritten, source)
    through = tuple(page for page in pages if through_shell(page)) if options.page_shell else ()
    shells = shell_sources(through)
    if through:
        pages = [page for page in pages if not through_shell(page)] + [shell.page for shell in shells.values()]
    if docs.exists():
        remove_tree(docs)
    docs.mkdir(parents=True)
    for name in handwritten:
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, target, follow_symlinks=False)
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text, encoding="utf-8")
    (docs / "assets").mkdir(exist_ok=True)
    shutil.copyfile(STYLESHEET, docs / "assets" / STYLESHEET.name)
    return PreparedDocs(docs, through, shells, {made.page.path: made.reads for made in rendered})


def write_through_shells(prepared: PreparedDocs, site: Path) -> Shells:
    """After the engine's build of a language: take its page shells out of the site (and the docs folder,
    so that `serve` never rebuilds one) and write the event and entity pages through them."""
    shells = take_shells(site, prepared.shells)
    for source in prepared.shells.values():
        (prepared.docs / source.page.path).unlink()
    shells.write(site, prepared.through_shell)
    return shells


def remove_tree(folder: Path) -> None:
    """shutil.rmtree, but a refusal names the whole path (rmtree reports a bare 'timeline.md')."""

    def refused(function: object, path: str, info: tuple[type[BaseException], BaseException, object]) -> None:
        error = info[1]
        if isinstance(error, OSError):
            raise OSError(error.errno, error.strerror, path) from None
        raise error

    shutil.rmtree(folder, onerror=refused)


def handwritten_files(source: Path) -> list[str]:
    """The hand-written files of docs/<lang>/ (POSIX paths, hidden ones skipped); a symbolic link is refused.

    A link could publish files from outside the project (`ln -s ~/.ssh keys`) or
    loop forever; real files are all a site needs.
    """
    if source.is_symlink():
        raise BuildError(_link_message(source))
    if not source.is_dir():
        return []
    found: list[str] = []

    def unreadable(error: OSError) -> None:
        raise error

    for folder, subfolders, files in os.walk(source, onerror=unreadable):
        here = Path(folder)
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in subfolders:
            if (here / name).is_symlink():
                raise BuildError(_link_message(here / name))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if (here / name).is_symlink():
                raise BuildError(_link_message(here / name))
            found.append((here / name).relative_to(source).as_posix())
    return found


def _link_message(link: Path) -> str:
    return f"{link}: is a symbolic link; the site is built from real files only, so that nothing outside the project is published. Replace the link by a copy of the file."


def _refuse_clashes(pages: list[Page], handwritten: list[str], source: Path) -> None:
    # A hand-written file at a generated page's address (or a file the build writes) would be silently lost.
    generated = frozenset(address(page.path) for page in pages)
    for name in handwritten:
        reason = clash(name, generated)
        if reason:
            raise BuildError(f"{source / name}: {reason}.")


def language_config(
    lang: str, timeline: Timeline, base: dict[str, Any], settings: Settings, docs: Path, options: BuildOptions,
    written_elsewhere: tuple[str, ...] = (),
) -> Path:
    """Write build/<lang>/mkdocs.yml for the engine: the site's words in this language, raw.

    `written_elsewhere`: the pages written through page shells, which hand-written pages may link to.
    """
    localizer = Localizer(lang, settings)
    title = timeline.site.title.best(lang)
    description = timeline.site.description.best(lang)
    nav = [
        (localizer.t("home"), HOME),
        (localizer.t("timeline"), TIMELINE),
        (localizer.t("sources"), SOURCES),
        (localizer.t("entities_short"), ENTITIES),
    ]
    nav.extend((localizer.t(key), page) for key, page in HANDWRITTEN_NAV if (docs / page).is_file())
    return write_config(
        LanguageConfig(
            lang=lang,
            file=docs.parent / "mkdocs.yml",
            shared=options.config,
            base=base,
            site_dir=options.site / lang,
            site_name=title[0] if title else "Timeline",
            site_description=description[0] if description else "",
            nav=tuple(nav),
            alternates=tuple(Alternate(language.name, f"../{language.code}/index.html", language.code) for language in settings.languages),
            pages_in_every_language=tuple(_pages_in_every_language(options.docs, lang, settings.codes)),
            search=ui_settings(localizer.labels),
            toggle_names=(localizer.t("dark_mode_toggle"), localizer.t("light_mode_toggle")),
            language_menu=localizer.t("language_menu"),
            permalink_title=localizer.t("permanent_link"),
            base_url=language_base(base.get("site_url"), lang),
            head=head_settings(timeline, settings, lang, site_root(base.get("site_url"))),
            pages_written_elsewhere=written_elsewhere,
            not_found=not_found_settings(localizer, base.get("site_url")),
        )
    )


def _pages_in_every_language(docs: Path, lang: str, languages: tuple[str, ...]) -> list[str]:
    """Hand-written pages that exist in every language: the header's language selector leads to
    the same page only for these (and generated pages), elsewhere to the other language's home."""
    mine = docs / lang
    if not mine.is_dir():
        return []
    return sorted(
        path.relative_to(mine).as_posix()
        for path in mine.rglob("*.md")
        if all((docs / other / path.relative_to(mine)).is_file() for other in languages)
    )
