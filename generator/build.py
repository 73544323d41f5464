"""`build`: check events.yaml, render both languages, run MkDocs twice, swap in site/.

The build is atomic. Everything is built into a fresh `.site-*` folder beside
site/, and site/ is replaced only when every step succeeded: on Linux the two
folders are exchanged in one step (renameat2), elsewhere by two renames.
After any failure the previous site/ is left exactly as it was.

The generator deletes only folders it made: site/ and the work folder carry a
marker file, and a folder without it is refused. One build at a time may use
a site folder (a lock file beside it); a build that was killed leaves a
`.site-*` folder, which the next build removes.
"""

from __future__ import annotations

import calendar
import ctypes
import datetime
import errno
import fcntl
import html
import logging
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

import yaml
from markupsafe import Markup

from .addresses import HOME, address, clash
from .check import UsageError, check_file, fails, print_report, read_text_file
from .localize import Localizer, Settings, SettingsError
from .model import Timeline
from .render import Page, render_language, render_root
from .search import SearchError, index_site, ui_settings

MARKER = ".timeline-site"  # marks a folder as built by us, so we may replace it
WORK_MARKER = ".timeline-work"  # marks a work folder as ours, so we may empty it
PACKAGE = Path(str(resources.files("generator")))
OVERRIDES = PACKAGE / "overrides"
STYLESHEET = PACKAGE / "assets" / "timeline.css"
ICONS = (PACKAGE / "overrides" / "assets" / "favicon.svg", PACKAGE / "assets" / "favicon.ico")
# Hand-written pages listed in the navigation when they exist, in this order.
HANDWRITTEN_NAV = (("methodology", "methodology.md"), ("contributing", "contributing.md"))


class BuildError(Exception):
    """A step failed; the message says which and why, for a maintainer."""


@dataclass(frozen=True)
class BuildOptions:
    events: Path = Path("events.yaml")
    docs: Path = Path("docs")  # hand-written pages: docs/en/, docs/ar/
    config: Path = Path("mkdocs.yml")  # the shared MkDocs configuration
    site: Path = Path("site")
    work: Path = Path("build")  # generated Markdown and per-language configurations
    strict: bool = False  # warnings (e.g. a missing translation) fail the build


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    timeline: Timeline | None = None
    seconds: float = 0.0


# A step run after both MkDocs builds, on the finished (not yet published)
# site folder: later steps (search index, exports) are added here.
AfterStep = Callable[[Path, Timeline, "BuildOptions"], None]


def index_search(built: Path, timeline: Timeline, options: BuildOptions) -> None:
    """Pagefind over the finished site, last: a failure stops the build before site/ is replaced."""
    try:
        index_site(built, timeline.languages)
    except SearchError as error:
        raise BuildError(f"the search index could not be built: {error}") from None


AFTER_STEPS: list[AfterStep] = [index_search]


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, which may hold tags such as !!python/name; we only need plain keys."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_TolerantLoader.add_multi_constructor("!", _unknown_tag)
_TolerantLoader.add_multi_constructor("tag:", _unknown_tag)


def read_base_config(path: Path) -> dict[str, Any]:
    """The shared configuration as MkDocs reads it: !ENV values resolved, an INHERITed parent merged in."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    _refuse_inherit_cycle(path)
    try:
        with path.open("rb") as file:
            data = yaml_load(file, loader=get_yaml_loader(_TolerantLoader))
    except FileNotFoundError:
        raise BuildError(f"{path}: no such file; the shared MkDocs configuration is needed to build the site.") from None
    except OSError as error:
        raise BuildError(f"{path}: cannot be read ({error.strerror}).") from None
    except ConfigurationError as error:  # bad YAML, or an INHERIT that leads nowhere
        raise BuildError(f"{path}: {error}") from None
    if not isinstance(data, dict):
        raise BuildError(f"{path}: expected a mapping of MkDocs settings.")
    _check_palette(data, path)
    return data


def _refuse_inherit_cycle(path: Path) -> None:
    # MkDocs follows INHERIT without end when a file inherits itself, or a chain closes a circle,
    # and fails with a TypeError when it is not a path.
    chain = [path.resolve()]
    while True:
        try:
            data = yaml.load(chain[-1].read_bytes(), Loader=_TolerantLoader)  # noqa: S506 - a SafeLoader
        except (OSError, yaml.YAMLError):
            return  # MkDocs' own reading reports it
        parent = data.get("INHERIT") if isinstance(data, dict) else None
        if parent is None:
            return
        if not isinstance(parent, str) or not parent.strip():
            raise BuildError(f"{chain[-1]}: INHERIT: expected the path of another configuration file, found {parent!r}. Write e.g. 'INHERIT: base.yml', or remove it.")
        following = (chain[-1].parent / parent).resolve()
        if following in chain:
            circle = " → ".join(str(step) for step in [*chain[chain.index(following):], following])
            raise BuildError(f"{path}: INHERIT goes round in a circle ({circle}). Remove the INHERIT that leads back.")
        chain.append(following)


def _check_palette(data: dict[str, Any], path: Path) -> None:
    theme = data.get("theme")
    palette = theme.get("palette") if isinstance(theme, dict) else None
    schemes = palette if isinstance(palette, list) else [palette]
    if palette is not None and not all(isinstance(scheme, dict) for scheme in schemes):
        raise BuildError(
            f"{path}: theme.palette: expected a mapping of colour settings or a list of them, found {palette!r}."
            " See https://squidfunk.github.io/mkdocs-material/setup/changing-the-colors/."
        )


def read_settings(base: dict[str, Any], config: Path) -> Settings:
    extra = base.get("extra") or {}
    try:
        return Settings.from_mapping(extra.get("timeline") if isinstance(extra, dict) else None, config.parent)
    except SettingsError as error:
        raise BuildError(f"{config}: {error}.") from None


def _relative(path: Path, start: Path) -> str:
    try:
        return os.path.relpath(path.resolve(), start.resolve())
    except ValueError:  # another drive (Windows): fall back to the absolute path
        return str(path.resolve())


# -- the steps ------------------------------------------------------------------------


def prepare_docs(lang: str, timeline: Timeline, settings: Settings, options: BuildOptions) -> Path:
    """Copy docs/<lang>/ into the work folder and add the generated pages; returns that docs folder."""
    source = options.docs / lang
    docs = options.work / lang / "docs"
    handwritten = handwritten_files(source)
    written_home = source / HOME
    try:
        home = read_text_file(written_home) if HOME in handwritten else None
    except UsageError as error:
        raise BuildError(str(error)) from None
    pages = render_language(timeline, Localizer(lang, settings), home)
    _refuse_clashes(pages, handwritten, source)
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
    return docs


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


def language_config(lang: str, timeline: Timeline, base: dict[str, Any], settings: Settings, docs: Path, options: BuildOptions) -> Path:
    """Write build/<lang>/mkdocs.yml, which INHERITs the shared configuration."""
    localizer = Localizer(lang, settings)
    folder = docs.parent
    site_url = base.get("site_url")
    title = timeline.site.title.best(lang)
    description = timeline.site.description.best(lang)
    nav: list[dict[str, str]] = [
        {localizer.t("home"): "index.md"},
        {localizer.t("timeline"): "timeline.md"},
        {localizer.t("sources"): "sources.md"},
        {localizer.t("entities_short"): "entities/index.md"},
    ]
    nav.extend({localizer.t(key): page} for key, page in HANDWRITTEN_NAV if (docs / page).is_file())
    config: dict[str, Any] = {
        "INHERIT": _relative(options.config, folder),
        # Material writes site_name into pages unescaped; it comes from events.yaml (see run_mkdocs).
        "site_name": html.escape(title[0]) if title else "Timeline",
        "site_description": html.escape(description[0]) if description else "",
        "docs_dir": "docs",
        "site_dir": _relative(options.site / lang, folder),
        "theme": {
            "language": lang,
            "custom_dir": _relative(OVERRIDES, folder),
            "palette": _palette(base, localizer),
        },
        "nav": nav,
        "extra": {
            # The header's language selector: every language of the site, each named in itself.
            "alternate": [{"name": language.name, "link": f"../{language.code}/index.html", "lang": language.code} for language in settings.languages],
            "timeline_pages_in_both": _pages_in_every_language(options.docs, lang, settings.codes),
            # The search box's labels and strings in this language (partials/pagefind.html).
            "search": ui_settings(localizer.labels),
        },
    }
    if isinstance(site_url, str) and site_url:
        config["site_url"] = site_url.rstrip("/") + f"/{lang}/"
    path = folder / "mkdocs.yml"
    path.write_text(_CONFIG_HEADER + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


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


_CONFIG_HEADER = "# Written by `python -m generator build`; edit the shared mkdocs.yml instead.\n"


def _palette(base: dict[str, Any], localizer: Localizer) -> Any:
    """The shared palette with its toggle labels in the page's language."""
    palette = ((base.get("theme") or {}).get("palette")) if isinstance(base.get("theme"), dict) else None
    if not isinstance(palette, list):
        return palette
    names = (localizer.t("dark_mode_toggle"), localizer.t("light_mode_toggle"))
    result = []
    for index, scheme in enumerate(palette):
        scheme = dict(scheme) if isinstance(scheme, dict) else scheme
        if isinstance(scheme, dict) and isinstance(scheme.get("toggle"), dict) and index < 2:
            scheme["toggle"] = {**scheme["toggle"], "name": names[index]}
        result.append(scheme)
    return result


@contextmanager
def _mkdocs_logs(lang: str, out: TextIO) -> Iterator[list[logging.LogRecord]]:
    """Keep MkDocs quiet (no INFO lines) and collect its warnings and errors to report them."""
    logger = logging.getLogger("mkdocs")
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Collect(logging.WARNING)
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate
        for record in records:
            message = record.getMessage().strip().replace("\n", " ")
            print(f"mkdocs ({lang}): {record.levelname.lower()}: {message}", file=out)


def run_mkdocs(lang: str, config: Path, site_dir: Path, out: TextIO) -> None:
    """One MkDocs build, in strict mode: a warning means a broken page or link."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with _mkdocs_logs(lang, out):
        try:
            mkdocs_config = load_config(config_file=str(config), site_dir=str(site_dir), strict=True)
            # language_config wrote site_name HTML-escaped, since Material prints it raw in most
            # places; marked as safe, it is not escaped a second time where Material adds `| e`.
            mkdocs_config["site_name"] = Markup(mkdocs_config["site_name"])
            mkdocs_build(mkdocs_config)
        except MkDocsException as error:
            raise BuildError(f"MkDocs could not build the {lang} site ({config}): {error}") from None
        except Exception as error:  # noqa: BLE001 - a theme or template failure, reported without a traceback
            if os.environ.get("TIMELINE_DEBUG"):
                raise
            raise BuildError(f"MkDocs failed on the {lang} site ({config}): {type(error).__name__}: {error}") from None


def write_root(folder: Path, timeline: Timeline, settings: Settings) -> None:
    (folder / "index.html").write_text(render_root(timeline, settings), encoding="utf-8")
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
    old = site.with_name(f".{site.name}-old-{uuid.uuid4().hex[:8]}")
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


def remove_stale_builds(site: Path) -> None:
    """Remove `.site-*` folders that killed builds left beside site/ (only ours: they carry the marker)."""
    for folder in site.parent.glob(f".{site.name}-*"):
        if folder.is_dir() and not folder.is_symlink() and (folder / MARKER).is_file():
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def build_lock(site: Path) -> Iterator[None]:
    """One build at a time per site folder: a second one stops with a message instead of tripping over the first."""
    lock = site.parent / f".{site.name}.lock"
    with lock.open("a") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise BuildError(f"{site}: another build is running into this folder; wait for it to finish, then build again.") from None
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
    # Work folders of versions before the marker: only <lang>/docs and <lang>/mkdocs.yml, the latter written by us.
    for entry in work.iterdir():
        if entry.name not in ("en", "ar") or not entry.is_dir():  # the languages of those versions
            return False
        if {child.name for child in entry.iterdir()} - {"docs", "mkdocs.yml"}:
            return False
        config = entry / "mkdocs.yml"
        if not config.is_file() or not config.read_text(encoding="utf-8", errors="replace").startswith(_CONFIG_HEADER):
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


# -- the whole build --------------------------------------------------------------------


def build(options: BuildOptions, out: TextIO | None = None) -> BuildResult:
    """Run every step; print problems; return whether site/ was replaced."""
    out = out or sys.stdout
    started = time.monotonic()
    try:
        check_paths(options)
        base = read_base_config(options.config)
        settings = read_settings(base, options.config)
    except BuildError as error:
        return _stopped(error, options, out)
    result = check_file(options.events, settings.codes)
    if result.problems:
        print_report(result, "text", options.strict, out)
    if fails(result, options.strict) or result.timeline is None:
        print(f"build stopped: {options.site}/ was left as it was.", file=out)
        return BuildResult(False)
    timeline = result.timeline
    # Absolute: MkDocs reads relative paths from the folder of its config file.
    built = options.site.parent.resolve() / f".{options.site.name}-{uuid.uuid4().hex[:8]}"
    try:
        epoch = source_date_epoch(timeline)
        options.site.parent.mkdir(parents=True, exist_ok=True)
        with build_lock(options.site):
            remove_stale_builds(options.site)
            claim_work_folder(options.work)
            built.mkdir()
            _mark(built)  # from the start, so that the next build may remove it if this one is killed
            with _build_date(epoch):
                for lang in settings.codes:
                    docs = prepare_docs(lang, timeline, settings, options)
                    config = language_config(lang, timeline, base, settings, docs, options)
                    run_mkdocs(lang, config, built / lang, out)
            write_root(built, timeline, settings)
            for step in AFTER_STEPS:
                step(built, timeline, options)
            publish(built, options.site)
    except (BuildError, OSError) as error:
        return _stopped(error, options, out, timeline)
    finally:
        if built.exists():
            shutil.rmtree(built, ignore_errors=True)
    seconds = time.monotonic() - started
    print(
        f"built {options.site}/ in {seconds:.1f} s: {len(timeline.events)} events in {', '.join(settings.codes)}"
        f" ({', '.join(f'{options.site}/{lang}/' for lang in settings.codes)})",
        file=out,
    )
    return BuildResult(True, timeline, seconds)


def _stopped(error: Exception, options: BuildOptions, out: TextIO, timeline: Timeline | None = None) -> BuildResult:
    print(f"error: {_plain(error)}", file=out)
    print(f"build stopped: {options.site}/ was left as it was.", file=out)
    return BuildResult(False, timeline)
