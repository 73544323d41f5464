"""`build`: check events.yaml, render both languages, run MkDocs twice (side by side), swap in site/.

The build is atomic. Everything is built into a fresh `.site-<hex>` folder beside
site/, and site/ is replaced only when every step succeeded: on Linux the two
folders are exchanged in one step (renameat2), elsewhere by two renames.
After any failure the previous site/ is left exactly as it was.

The generator deletes only folders it made: site/ and the work folder carry a
marker file, and a folder without it is refused. One build at a time may use
a site folder (a lock file beside it); a build that was killed leaves a
`.site-<hex>` folder, which the next build of that site removes.
"""

from __future__ import annotations

import calendar
import ctypes
import datetime
import errno
import fcntl
import glob
import io
import os
import re
import shutil
import sys
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from generator.data.addresses import ENTITIES, HOME, SOURCES, TIMELINE, address, clash
from generator.data.check_file import check_file, fails, print_report
from generator.data.errors import BuildError, UsageError
from generator.data.files import read_text_file
from generator.data.model import Timeline
from generator.engine.config import CONFIG_HEADER, Alternate, LanguageConfig, read_base_config, write_config
from generator.engine.run import build_language
from generator.languages.localize import Localizer
from generator.languages.settings import Settings, SettingsError, site_settings
from generator.site.not_found import not_found_page, not_found_settings
from generator.site.render import Page, render_embed, render_language, render_root
from generator.site.repository import Repository, read_repository
from generator.site.share import head_settings, language_base, site_root
from generator.site.site_address import LEFT_OUT, with_site_url
from generator.site.sitemaps import sitemaps

from .context import AfterStep, Alongside, BuildContext, BuildOptions
from .exports_step import write_exports
from .page_links import check_links
from .search import SearchError, indexing, ui_settings
from .shell import Shape, Shells, ShellSource, shell_sources, take_shells, through_shell
from .workers import processes, run_side_by_side

# Re-exported: check.py reads the site's languages with these.
__all__ = ["BuildContext", "BuildError", "BuildOptions", "BuildResult", "build", "read_base_config", "read_settings"]

MARKER = ".timeline-site"  # marks a folder as built by us, so we may replace it
WORK_MARKER = ".timeline-work"  # marks a work folder as ours, so we may empty it
OLD_LINKS_CACHE = "links-cache"  # in the work folder, written by `links` of earlier versions
PACKAGE = Path(str(resources.files("generator")))
STYLESHEET = PACKAGE / "site" / "assets" / "timeline.css"
ICONS = (PACKAGE / "engine" / "overrides" / "assets" / "favicon.svg", PACKAGE / "site" / "assets" / "favicon.ico")
# Hand-written pages listed in the navigation when they exist, in this order.
HANDWRITTEN_NAV = (("methodology", "methodology.md"), ("contributing", "contributing.md"))


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


@contextmanager
def _timed(phases: dict[str, float], name: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        phases[name] = phases.get(name, 0.0) + time.perf_counter() - started


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
        embed.write_text(render_embed(context.timeline, context.localizers[lang], context.site_url), encoding="utf-8")
    handwritten = {lang: handwritten_files(context.options.docs / lang) for lang in context.languages}
    files = sitemaps(context.timeline, context.languages, context.site_url, handwritten, source_date_epoch(context.timeline), context.settings)
    for name, data in files.items():
        (context.built / name).write_bytes(data)


# The steps after the engine, in order. Pagefind (an external process) indexes the HTML pages while the
# data files are written (JSON, CSV, Atom: nothing it reads); the embed pages and sitemaps after it (embed
# pages stay out of search, and the sitemaps replace the engine's own).
AFTER_STEPS: tuple[AfterStep, ...] = (Alongside("index_search", searching, (write_exports,)), write_embeds_and_sitemaps)


def read_settings(base: dict[str, Any], config: Path) -> Settings:
    """The site settings, or a BuildError in the words `check` uses: every problem, each at its line of mkdocs.yml."""
    try:
        return site_settings(config, base)
    except SettingsError as error:
        raise BuildError(str(error)) from None


# -- the steps ------------------------------------------------------------------------


@dataclass(frozen=True)
class PreparedDocs:
    """One language's docs folder for the engine, and the pages written after it through page shells."""

    docs: Path
    through_shell: tuple[Page, ...] = ()
    shells: Mapping[Shape, ShellSource] = field(default_factory=dict)  # in the docs folder, built by the engine


def prepare_docs(
    lang: str, timeline: Timeline, settings: Settings, options: BuildOptions,
    site_url: str | None = None, repository: Repository | None = None,
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
    pages = render_language(timeline, Localizer(lang, settings), home, site_url, repository)
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
    return PreparedDocs(docs, through, shells)


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


def write_root(folder: Path, timeline: Timeline, settings: Settings, site_url: str | None) -> None:
    (folder / "index.html").write_text(render_root(timeline, settings), encoding="utf-8")
    # The page hosts such as GitHub Pages serve for every missing address (each language has its own too).
    (folder / "404.html").write_text(not_found_page(timeline, settings, site_url), encoding="utf-8")
    # The site's icon at the root too: browsers ask for /favicon.ico by themselves.
    for icon in ICONS:
        shutil.copyfile(icon, folder / icon.name)


def _mark(folder: Path) -> None:
    (folder / MARKER).write_text("Built by `python -m generator build`; replaced whole by each build.\n", encoding="utf-8")


def _is_ours(site: Path) -> bool:
    return (site / MARKER).is_file() or not any(site.iterdir())


# Linux: renameat2(2) with RENAME_EXCHANGE swaps two paths in one step.
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically; False where the system cannot (then nothing was changed)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library without renameat2 (glibc < 2.28, musl)
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):  # an old kernel, or a file system without it
        return False
    raise OSError(code, os.strerror(code), str(second))


def publish(built: Path, site: Path) -> None:
    """Replace site/ with the finished build: exchanged in one step, or by two renames on the same disk."""
    if not site.exists():
        built.rename(site)
        return
    if not site.is_dir() or not _is_ours(site):
        raise BuildError(f"{site}: exists and was not built by this generator; refusing to replace it. Move it away or choose another --site.")
    try:
        if exchange(built, site):
            return  # the previous site is now at `built`, which the caller removes
    except OSError as error:
        raise BuildError(f"{site}: cannot be replaced ({error.strerror}).") from None
    old = new_build_folder(site)  # named as a build folder: a build killed right now leaves one folder that the next build removes
    try:
        site.rename(old)
    except OSError as error:
        raise BuildError(f"{site}: cannot be replaced ({error.strerror}).") from None
    try:
        built.rename(site)
    except OSError as error:
        old.rename(site)  # put the previous site back before reporting
        raise BuildError(f"{site}: cannot be replaced ({error.strerror}).") from None
    shutil.rmtree(old, ignore_errors=True)


def new_build_folder(site: Path) -> Path:
    """A new folder for a build of `site` (or for the previous site while it is replaced): `.site-<8 hex digits>` beside it.

    On the same disk, so that it replaces site/ by a rename; no other site's build makes this name (see `remove_stale_builds`).
    """
    return site.parent.resolve() / f".{site.name}-{uuid.uuid4().hex[:8]}"


def remove_stale_builds(site: Path) -> None:
    """Remove the folders that killed builds of this site left beside it: exactly `new_build_folder`'s names, with the marker.

    Not any `.site-*`: `.site-preview-1a2b3c4d` is a build of `--site site-preview`, which may be running now
    (it holds another lock).
    """
    name = re.compile(rf"\.{re.escape(site.name)}-[0-9a-f]{{8}}")
    for folder in site.parent.glob(f".{glob.escape(site.name)}-*"):
        if name.fullmatch(folder.name) and folder.is_dir() and not folder.is_symlink() and (folder / MARKER).is_file():
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def build_lock(site: Path, work: Path | None = None) -> Iterator[None]:
    """One build at a time per site folder and per work folder: a second one stops with a message instead of
    tripping over the first (two builds into different sites share a work folder's generated pages)."""
    with ExitStack() as held:
        held.enter_context(_folder_lock(site, "another build is running into this folder"))
        if work is not None:
            held.enter_context(_folder_lock(work, "another build is using this work folder (--work)"))
        yield


@contextmanager
def _folder_lock(folder: Path, busy: str) -> Iterator[None]:
    lock = folder.parent / f".{folder.name}.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise BuildError(f"{folder}: {busy}; wait for it to finish, then build again.") from None
            raise
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)


# -- the folders we may write into and delete ---------------------------------------------


def _overlap(first: Path, second: Path) -> bool:
    return first == second or first in second.parents or second in first.parents


def check_paths(options: BuildOptions) -> None:
    """Refuse folders that overlap before anything is written: the build empties work/ and replaces site/ whole."""
    docs, work, site = (path.resolve() for path in (options.docs, options.work, options.site))
    pairs = (
        (site, "--site", options.site, docs, "--docs", options.docs, "the hand-written pages would be replaced by the built site"),
        (work, "--work", options.work, docs, "--docs", options.docs, "the generated pages would be mixed with the hand-written ones"),
        (work, "--work", options.work, site, "--site", options.site, "each build empties the work folder and replaces the site folder"),
    )
    for first, first_option, first_given, second, second_option, second_given, why in pairs:
        if _overlap(first, second):
            raise BuildError(
                f"{first_option} {first_given} and {second_option} {second_given} overlap: {why}."
                f" Choose folders that are not inside each other, e.g. {first_option} {'build' if first_option == '--work' else 'site'}."
            )
    for given, option in ((options.events, "the events file"), (options.config, "the MkDocs configuration")):
        resolved = given.resolve()
        for folder, folder_option in ((work, "--work"), (site, "--site")):
            if folder in resolved.parents:
                raise BuildError(f"{given}: {option} is inside the {folder_option} folder, which each build deletes. Keep it outside, or choose another {folder_option}.")


def claim_work_folder(work: Path) -> None:
    """Make sure the work folder is ours before anything in it is deleted; mark it as ours."""
    if work.is_symlink() or (work.exists() and not work.is_dir()):
        raise BuildError(f"{work}: is not a folder; choose another --work.")
    if work.is_dir() and not (work / WORK_MARKER).is_file() and any(work.iterdir()) and not _left_by_an_older_build(work):
        raise BuildError(f"{work}: exists and was not made by this generator; refusing to delete what is in it. Move it away or choose another --work.")
    work.mkdir(parents=True, exist_ok=True)
    (work / WORK_MARKER).write_text("Made by `python -m generator build`; emptied by each build.\n", encoding="utf-8")


def _left_by_an_older_build(work: Path) -> bool:
    # Work folders of versions before the marker: only <lang>/docs and <lang>/mkdocs.yml, the latter written by us;
    # and `links-cache/`, where `links` kept its answers before it had a folder of its own (.cache/links/).
    for entry in work.iterdir():
        if entry.name == OLD_LINKS_CACHE and entry.is_dir() and all(answer.suffix == ".json" for answer in entry.iterdir()):
            continue
        if entry.name not in ("en", "ar") or not entry.is_dir():  # the languages of those versions
            return False
        if {child.name for child in entry.iterdir()} - {"docs", "mkdocs.yml"}:
            return False
        config = entry / "mkdocs.yml"
        if not config.is_file() or not config.read_text(encoding="utf-8", errors="replace").startswith(CONFIG_HEADER):
            return False
    return True


# -- reproducible output ---------------------------------------------------------------------


def source_date_epoch(timeline: Timeline) -> int:
    """SOURCE_DATE_EPOCH when set; otherwise the latest date the data records, so two builds of one file agree.

    MkDocs writes the build date into sitemap.xml (lastmod) and the gzip header of
    sitemap.xml.gz; it reads SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/).
    The latest publication, access or update date is when the data last changed;
    event dates are not used, since a planned event may lie in the future.
    """
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given:
        try:
            return int(given)
        except ValueError:
            raise BuildError(f"SOURCE_DATE_EPOCH={given!r}: must be a whole number of seconds since 1970-01-01 UTC.") from None
    dates = [date.start for source in timeline.sources.values() for date in (source.published, source.accessed) if date]
    dates += [update.date.start for event in timeline.events for update in event.updates]
    if not dates:
        dates = [event.date.start for event in timeline.events] or [datetime.date(1970, 1, 1)]
    latest = max(dates)
    return calendar.timegm((latest.year, latest.month, latest.day, 0, 0, 0))


@contextmanager
def _build_date(epoch: int) -> Iterator[None]:
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


# -- messages ------------------------------------------------------------------------------

# What to do about a file the system refused, by its reason.
_ERRNO_HINTS = {
    errno.EACCES: "Check the permissions of the folder and its files",
    errno.EPERM: "Check the permissions of the folder and its files",
    errno.EROFS: "The disk is read-only; choose a folder on a writable disk",
    errno.ENOSPC: "Free some space on the disk, or build on another disk",
    errno.EDQUOT: "Your disk quota is used up; free some space",
    errno.ENAMETOOLONG: "Use a shorter path or file name (a name may have at most 255 bytes)",
    errno.EEXIST: "A file stands where a folder is needed; move it away or choose another path",
    errno.ENOTDIR: "A file stands where a folder is needed; move it away or choose another path",
    errno.EISDIR: "A folder stands where a file is needed; move it away or choose another path",
    errno.ENOENT: "Check that the path exists",
    errno.ELOOP: "A symbolic link points back to itself; remove it",
    errno.EMFILE: "Too many files are open; close some programs and build again",
    errno.EIO: "The disk reported a read or write error; check the disk",
}


def describe_os_error(error: OSError) -> str:
    """A file the system refused, in one line: its name, the real reason and what to do."""
    name = error.filename or error.filename2 or "a file"
    reason = (error.strerror or os.strerror(error.errno) if error.errno else str(error)).rstrip(".")
    hint = _ERRNO_HINTS.get(error.errno or 0, "Check the path and its permissions")
    return f"{name}: {reason[:1].lower() + reason[1:]}. {hint}."


def _plain(error: Exception) -> str:
    if isinstance(error, OSError):
        return describe_os_error(error)
    return str(error)


# -- each language's block, one after the other or side by side --------------------------------


@dataclass(frozen=True)
class LanguageJob:
    """What each language's block needs (pickled for a worker process): the same for every language."""

    timeline: Timeline
    settings: Settings
    options: BuildOptions
    base: dict[str, Any]
    repository: Repository | None
    built: Path  # the site folder being built; the language's pages go into built/<lang>/
    epoch: int  # SOURCE_DATE_EPOCH


@dataclass(frozen=True)
class LanguageBuilt:
    """One language built: its page shells and the pages written through them, or why it failed."""

    lang: str
    shells: Shells
    through_shell: tuple[Page, ...]
    phases: Mapping[str, float]  # render, engine:<lang>, pages: as measured where it ran
    printed: str = ""  # what it printed (the engine's warnings), printed by the build in language order
    error: BuildError | OSError | None = None


def build_one_language(job: LanguageJob, lang: str, out: TextIO) -> LanguageBuilt:
    """Render a language's pages, run the engine over them, write the event and entity pages through the shells."""
    phases: dict[str, float] = {}
    with _build_date(job.epoch):
        with _timed(phases, "render"):
            prepared = prepare_docs(lang, job.timeline, job.settings, job.options, site_root(job.base.get("site_url")), job.repository)
            elsewhere = tuple(page.path for page in prepared.through_shell)
            config = language_config(lang, job.timeline, job.base, job.settings, prepared.docs, job.options, elsewhere)
        with _timed(phases, f"engine:{lang}"):
            build_language(lang, config, job.built / lang, out)
        with _timed(phases, "pages"):
            shells = write_through_shells(prepared, job.built / lang)
    return LanguageBuilt(lang, shells, prepared.through_shell, phases)


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
    else one after the other here. Either way the output and the outcome are the same: what each printed, in
    language order, up to the first language that failed, whose error stops the build."""
    workers = processes(job.options.jobs, len(codes))
    if workers == 1:
        built: dict[str, LanguageBuilt] = {}
        for lang in codes:
            built[lang] = build_one_language(job, lang, out)
            _add(phases, built[lang].phases)
        return built
    with _timed(phases, "languages"):  # the wall time of the side-by-side part; the languages' own phases are added too
        done = run_side_by_side(
            _language_in_worker, [(job, lang) for lang in codes], [f"the {lang} site" for lang in codes], workers,
            enough=lambda language: language.error is not None,
        )
    results: dict[str, LanguageBuilt] = {}
    for lang, finished in zip(codes, done, strict=True):
        if finished is None:  # not needed: an earlier language failed (and raised below)
            continue
        language = finished.result
        _add(phases, language.phases)
        phases["workers"] = max(phases.get("workers", 0.0), finished.started)
        out.write(language.printed)
        if language.error is not None:
            raise language.error
        results[lang] = language
    return results


def _add(phases: dict[str, float], more: Mapping[str, float]) -> None:
    for name, seconds in more.items():
        phases[name] = phases.get(name, 0.0) + seconds


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
        settings = read_settings(base, options.config)
        repository = read_repository(base, options.config, options.events)
    except BuildError as error:
        return _stopped(error, options, out)
    with _timed(phases, "check"):
        result = check_file(options.events, settings.codes)
    if result.problems:
        print_report(result, "text", options.strict, out)
    if fails(result, options.strict) or result.timeline is None:
        print(f"build stopped: {options.site}/ was left as it was.", file=out)
        return BuildResult(False)
    timeline = result.timeline
    built = new_build_folder(options.site)
    try:
        epoch = source_date_epoch(timeline)
        options.site.parent.mkdir(parents=True, exist_ok=True)
        with build_lock(options.site, options.work):
            remove_stale_builds(options.site)
            claim_work_folder(options.work)
            built.mkdir()
            _mark(built)  # from the start, so that the next build may remove it if this one is killed
            job = LanguageJob(timeline, settings, options, base, repository, built, epoch)
            languages = build_languages(job, settings.codes, phases, out)
            shells = {lang: language.shells for lang, language in languages.items()}
            through_shell = {lang: language.through_shell for lang, language in languages.items()}
            with _timed(phases, "pages"):
                check_links(built, through_shell, out, options.strict)  # once both languages are written: pages link across them
            with _timed(phases, "render"):
                write_root(built, timeline, settings, site_root(base.get("site_url")))
            context = BuildContext(
                timeline=timeline,
                settings=settings,
                options=options,
                built=built,
                base_urls={lang: language_base(base.get("site_url"), lang) for lang in settings.codes},
                localizers={lang: Localizer(lang, settings) for lang in settings.codes},
                site_url=site_root(base.get("site_url")),
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
    return BuildResult(True, timeline, seconds, phases, shells)


def _run_steps(steps: Sequence[AfterStep], context: BuildContext, phases: dict[str, float]) -> None:
    for step in steps:
        if isinstance(step, Alongside):
            with _timed(phases, step.name), step.start(context):
                _run_steps(step.meanwhile, context, phases)
        else:
            with _timed(phases, getattr(step, "__name__", "after")):
                step(context)


def _stopped(error: Exception, options: BuildOptions, out: TextIO, timeline: Timeline | None = None) -> BuildResult:
    print(f"error: {_plain(error)}", file=out)
    print(f"build stopped: {options.site}/ was left as it was.", file=out)
    return BuildResult(False, timeline)
