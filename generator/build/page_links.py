"""Every page-relative link of the pages written through a page shell leads to a file of the built site.

The engine checks the links of the pages it builds; pages written through a
shell (generator/build/shell.py) do not pass through it, so their links are checked
here, once both languages are written (pages link across them). The shell's
own links (the theme's) are the engine's, as on any page; the body's are ours:
our templates write every link as a double-quoted `href` or `src`, escaped by
Jinja.

A link to a generated page or file that is not there is a bug of the
generator: the build stops (`BuildError`). A link to a hand-written page that
the site lacks (every status badge links to `methodology/`, which a site may
not have written yet in a new language) is a warning, as a missing translation
is: it stops the build only with `--strict`.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

from generator.data.addresses import ENTITIES, ENTITY_IDS, GENERATED_FILES, GENERATED_FOLDERS, HOME, SOURCES, TIMELINE, address, page_url
from generator.data.errors import BuildError
from generator.site.page import Page

_LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
_SHOWN = 5  # missing files named in a message; the rest are counted
# What the build writes in a language's folder, besides the generated folders.
_GENERATED = frozenset({*(address(page) for page in (HOME, TIMELINE, SOURCES, ENTITIES, ENTITY_IDS)), *GENERATED_FILES})


@dataclass(frozen=True)
class Missing:
    """A file of the site that links lead to, but that is not there."""

    target: str  # relative to the site root: 'en/methodology/index.html'
    links: tuple[tuple[str, str], ...]  # (page address, link as written), in the order of the pages

    @property
    def handwritten(self) -> str | None:
        """The hand-written page that would be this file ('en/methodology.md'), or None when the build writes it."""
        lang, _, rest = self.target.partition("/")
        if rest in _GENERATED or rest.split("/", 1)[0] in GENERATED_FOLDERS or not rest.endswith("/index.html"):
            return None
        return f"{lang}/{rest.removesuffix('/index.html')}.md"

    def described(self) -> str:
        base, link = self.links[0]
        times = f"{len(self.links)} time{'s' if len(self.links) > 1 else ''}"
        return f"the site has no {self.target}, linked {times} (first from {base}: '{link}')"


def _target(base: str, link: str) -> str | None:
    """The site file a link leads to (POSIX, relative to the site root), or None when it is not page-relative."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("/", "#")) or not parts.path:
        return None
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    if parts.path.endswith("/"):
        path += "/index.html"
    return path


def missing_files(site: Path, pages: Mapping[str, Iterable[Page]]) -> list[Missing]:
    """The files that links of these pages (by language) lead to and the site lacks."""
    exists: dict[str, bool] = {}
    # A link that climbs out of its page's own folder leads to the same file from every page of the
    # folder (they sit at one depth): resolved once per folder, the same few thousand links of a large site.
    resolved: dict[tuple[str, str], str | None] = {}
    missing: dict[str, list[tuple[str, str]]] = {}
    for lang, language_pages in pages.items():
        for page in language_pages:
            base = f"{lang}/{page_url(page.path)}"
            folder = base.rstrip("/").rpartition("/")[0]
            for raw in _LINK.findall(page.body):
                link = html.unescape(raw) if "&" in raw else raw
                if link.startswith("../"):
                    key = (folder, link)
                    if key not in resolved:
                        resolved[key] = _target(base, link)
                    target = resolved[key]
                else:
                    target = _target(base, link)
                if target is None:
                    continue
                if target not in exists:
                    exists[target] = not target.startswith("../") and (site / target).is_file()
                if not exists[target]:
                    missing.setdefault(target, []).append((base, link))
    return [Missing(target, tuple(links)) for target, links in missing.items()]


def check_links(site: Path, pages: Mapping[str, Iterable[Page]], out: TextIO, strict: bool = False) -> None:
    """BuildError for links to generated files that are not there; a warning for each missing hand-written
    page (a BuildError too when `strict`)."""
    missing = missing_files(site, pages)
    bugs = [item for item in missing if item.handwritten is None]
    if bugs:
        more = f" (and {len(bugs) - _SHOWN} more missing files)" if len(bugs) > _SHOWN else ""
        raise BuildError(
            f"broken links in the generated pages: {'; '.join(item.described() for item in bugs[:_SHOWN])}{more}."
            " This is a bug of the generator: please report it."
        )
    for item in missing:
        print(f"warning: {item.described()}. Write docs/{item.handwritten}, the page these links lead to.", file=out)
    if strict and missing:
        raise BuildError("links of the generated pages lead to hand-written pages the site lacks (see above); --strict makes this an error.")
