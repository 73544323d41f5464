"""MkDocs configuration: the shared mkdocs.yml read as MkDocs reads it, and one file written per language."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape

from generator.data.errors import BuildError

# The theme partials this site adds or overrides (the search box, the language
# switch, and the few places where Material prints data unescaped).
OVERRIDES = Path(str(resources.files("generator"))) / "engine" / "overrides"
# The engine's MkDocs hooks (pages that are one HTML block skip Markdown; see hooks.py).
HOOKS = Path(str(resources.files("generator"))) / "engine" / "hooks.py"
CONFIG_HEADER = "# Written by `python -m generator build`; edit the shared mkdocs.yml instead.\n"
# Beside each language's configuration: the pages the generator writes itself (hooks.py, `on_files`).
ELSEWHERE_FILE = "pages-written-elsewhere.txt"


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


@dataclass(frozen=True)
class Alternate:
    """One entry of the header's language switch: a language, named in itself, and its home."""

    name: str
    link: str
    lang: str


@dataclass(frozen=True)
class LanguageConfig:
    """What one language's site needs from the engine; every text raw, as the data has it (`write_config` escapes
    what the theme prints as HTML)."""

    lang: str
    file: Path  # where to write the configuration; its folder holds docs/
    shared: Path  # the shared configuration it inherits
    base: dict[str, Any]  # the shared configuration as read (for the palette)
    site_dir: Path
    site_name: str
    site_description: str
    nav: tuple[tuple[str, str], ...]  # (title, page source), in order
    alternates: tuple[Alternate, ...]
    pages_in_every_language: tuple[str, ...]  # hand-written pages the language switch may lead to
    search: dict[str, Any]  # the search box's words (partials/pagefind.html)
    toggle_names: tuple[str, str]  # the colour scheme toggle's labels: to dark, to light
    language_menu: str  # the header's language menu's label (partials/alternate.html)
    permalink_title: str  # the heading anchors' tooltip ("Permanent link" is Python-Markdown's English)
    base_url: str | None  # this language's public address, when the site has one
    head: dict[str, Any]  # language alternates, share card and feed for the page head (overrides/partials/timeline-*.html)
    # Pages of the site that the generator writes itself (through page shells), by their docs-folder path: hand-written
    # pages may link to them as to any page (`../events/<id>.md`).
    pages_written_elsewhere: tuple[str, ...] = ()
    # The 404 page's words and ways on, as absolute paths, and the language's folder on the host (overrides/404.html).
    not_found: Mapping[str, Any] = field(default_factory=dict)


def write_config(config: LanguageConfig) -> Path:
    """Write the language's mkdocs.yml, which INHERITs the shared configuration."""
    folder = config.file.parent
    data: dict[str, Any] = {
        "INHERIT": _relative(config.shared, folder),
        # Raw: the overridden partials print these escaped.
        "site_name": config.site_name,
        "site_description": config.site_description,
        "docs_dir": "docs",
        "site_dir": _relative(config.site_dir, folder),
        "theme": {
            "language": config.lang,
            "custom_dir": _relative(OVERRIDES, folder),
            "palette": _palette(config.base, config.toggle_names),
        },
        # MkDocs' page titles are HTML (a title read from a heading comes escaped) and Material prints them as
        # they are, in the navigation and the header: a title given as text, such as a word of a site's own
        # catalogue, is escaped here, once.
        "nav": [{str(escape(title)): page} for title, page in config.nav],
        # After the shared configuration's own hooks, which this list replaces (INHERIT merges no lists).
        "hooks": [*_shared_hooks(config.base, config.shared, folder), _relative(HOOKS, folder)],
        "extra": {
            # The header's language selector: every language of the site, each named in itself.
            "alternate": [{"name": alternate.name, "link": alternate.link, "lang": alternate.lang} for alternate in config.alternates],
            "timeline_pages_in_both": list(config.pages_in_every_language),
            # The search box's labels and strings in this language (partials/pagefind.html).
            "search": config.search,
            "timeline_head": config.head,
            "timeline_language_menu": config.language_menu,
            "timeline_not_found": dict(config.not_found),
        },
    }
    if config.base_url:
        data["site_url"] = config.base_url
    extensions = _with_permalink_title(config.base, config.permalink_title)
    if extensions is not None:
        data["markdown_extensions"] = extensions
    if config.pages_written_elsewhere:
        # A file beside the configuration, one path a line: thousands of them would slow MkDocs' reading of it.
        elsewhere = folder / ELSEWHERE_FILE
        elsewhere.write_text("".join(f"{path}\n" for path in config.pages_written_elsewhere), encoding="utf-8")
        data["extra"]["timeline_pages_elsewhere"] = ELSEWHERE_FILE
    config.file.write_text(CONFIG_HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config.file


def _shared_hooks(base: dict[str, Any], shared: Path, folder: Path) -> list[str]:
    hooks = base.get("hooks")
    if not isinstance(hooks, list):
        return []  # none, or not a list: MkDocs reports the latter when it reads the shared file
    return [_relative(shared.parent / hook, folder) if isinstance(hook, str) else hook for hook in hooks]


def _with_permalink_title(base: dict[str, Any], title: str) -> list[Any] | None:
    """The shared Markdown extensions with the heading anchors' tooltip in the page's language; None when
    the shared list has no `toc` permalinks to name (INHERIT replaces lists whole, so the list is copied)."""
    extensions = base.get("markdown_extensions")
    if not title or not isinstance(extensions, list):
        return None
    result: list[Any] = []
    changed = False
    for extension in extensions:
        if isinstance(extension, dict) and isinstance(extension.get("toc"), dict) and extension["toc"].get("permalink"):
            extension = {"toc": {**extension["toc"], "permalink_title": extension["toc"].get("permalink_title", title)}}
            changed = True
        result.append(extension)
    return result if changed else None


def _palette(base: dict[str, Any], names: tuple[str, str]) -> Any:
    """The shared palette with its toggle labels in the page's language, escaped: Material prints them into
    attributes as they are."""
    palette = ((base.get("theme") or {}).get("palette")) if isinstance(base.get("theme"), dict) else None
    if not isinstance(palette, list):
        return palette
    result = []
    for index, scheme in enumerate(palette):
        scheme = dict(scheme) if isinstance(scheme, dict) else scheme
        if isinstance(scheme, dict) and isinstance(scheme.get("toggle"), dict) and index < 2:
            scheme["toggle"] = {**scheme["toggle"], "name": str(escape(names[index]))}
        result.append(scheme)
    return result


def _relative(path: Path, start: Path) -> str:
    try:
        return os.path.relpath(path.resolve(), start.resolve())
    except ValueError:  # another drive (Windows): fall back to the absolute path
        return str(path.resolve())
