"""`build`: check events.yaml, render both languages, run MkDocs twice, swap in site/.

The build is atomic. Everything is built into a fresh `.site-*` folder beside
site/, and site/ is replaced (two renames) only when every step succeeded;
after any failure the previous site/ is left exactly as it was.
"""

from __future__ import annotations

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

from .check import UsageError, check_file, fails, print_report, read_text_file
from .localize import Localizer, Settings, SettingsError
from .model import Timeline
from .render import GENERATED_FOLDERS, HOME, Page, render_language, render_root
from .search import SearchError, index_site, ui_settings

MARKER = ".timeline-site"  # marks a folder as built by us, so we may replace it
PACKAGE = Path(str(resources.files("generator")))
OVERRIDES = PACKAGE / "overrides"
STYLESHEET = PACKAGE / "assets" / "timeline.css"
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
    return data


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
    if docs.exists():
        shutil.rmtree(docs)
    if source.is_dir():
        shutil.copytree(source, docs, ignore=shutil.ignore_patterns(".*"))
    else:
        docs.mkdir(parents=True)
    written_home = source / HOME
    try:
        handwritten = read_text_file(written_home) if written_home.is_file() else None
    except UsageError as error:
        raise BuildError(str(error)) from None
    pages = render_language(timeline, Localizer(lang, settings), handwritten)
    _refuse_clashes(pages, docs, source)
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text, encoding="utf-8")
    (docs / "assets").mkdir(exist_ok=True)
    shutil.copyfile(STYLESHEET, docs / "assets" / STYLESHEET.name)
    return docs


def _refuse_clashes(pages: list[Page], docs: Path, source: Path) -> None:
    # A hand-written page with a generated page's name would be silently lost.
    for page in pages:
        if page.path != HOME and (docs / page.path).exists():
            raise BuildError(f"{source / page.path}: this name belongs to a generated page; rename the hand-written page.")
    for folder in GENERATED_FOLDERS:
        if (source / folder).exists():
            raise BuildError(f"{source / folder}: this folder belongs to generated pages; move the hand-written files elsewhere.")


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
    header = "# Written by `python -m generator build`; edit the shared mkdocs.yml instead.\n"
    path.write_text(header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
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
    (folder / MARKER).write_text("Built by `python -m generator build`; replaced whole by each build.\n", encoding="utf-8")


def _is_ours(site: Path) -> bool:
    return (site / MARKER).is_file() or not any(site.iterdir())


def publish(built: Path, site: Path) -> None:
    """Replace site/ with the finished build: two renames on the same disk."""
    if not site.exists():
        built.rename(site)
        return
    if not site.is_dir() or not _is_ours(site):
        raise BuildError(f"{site}: exists and was not built by this generator; refusing to replace it. Move it away or choose another --site.")
    old = site.with_name(f".site-old-{uuid.uuid4().hex[:8]}")
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


def _plain(error: Exception) -> str:
    # A file the system refused (a --site or --work path under a file, a full disk): its name and the reason.
    if isinstance(error, OSError) and error.strerror:
        return f"{error.filename or error.filename2 or 'a file'}: {error.strerror.lower()}. Check the path and its permissions."
    return str(error)


# -- the whole build --------------------------------------------------------------------


def build(options: BuildOptions, out: TextIO | None = None) -> BuildResult:
    """Run every step; print problems; return whether site/ was replaced."""
    out = out or sys.stdout
    started = time.monotonic()
    try:
        base = read_base_config(options.config)
        settings = read_settings(base, options.config)
    except BuildError as error:
        print(f"error: {error}", file=out)
        print(f"build stopped: {options.site}/ was left as it was.", file=out)
        return BuildResult(False)
    result = check_file(options.events, settings.codes)
    if result.problems:
        print_report(result, "text", options.strict, out)
    if fails(result, options.strict) or result.timeline is None:
        print(f"build stopped: {options.site}/ was left as it was.", file=out)
        return BuildResult(False)
    timeline = result.timeline
    # Absolute: MkDocs reads relative paths from the folder of its config file.
    built = options.site.parent.resolve() / f".site-{uuid.uuid4().hex[:8]}"
    try:
        options.site.parent.mkdir(parents=True, exist_ok=True)
        built.mkdir()
        for lang in settings.codes:
            docs = prepare_docs(lang, timeline, settings, options)
            config = language_config(lang, timeline, base, settings, docs, options)
            run_mkdocs(lang, config, built / lang, out)
        write_root(built, timeline, settings)
        for step in AFTER_STEPS:
            step(built, timeline, options)
        publish(built, options.site)
    except (BuildError, OSError) as error:
        print(f"error: {_plain(error)}", file=out)
        print(f"build stopped: {options.site}/ was left as it was.", file=out)
        return BuildResult(False, timeline)
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
