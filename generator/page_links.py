"""Every page-relative link of the pages written through a page shell leads to a file of the built site.

The engine checks the links of the pages it builds (in strict mode a broken
one stops the build); pages written through a shell (generator/shell.py) do
not pass through it, so their links are checked here, after both languages
are written, with the same outcome: a `BuildError` that names the page and the
link. The shell's own links (the theme's) are the engine's, as on any page;
the body's are ours: our templates write every link as a double-quoted
`href` or `src`, escaped by Jinja.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .addresses import page_url
from .context import BuildError
from .render import Page

_LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
_SHOWN = 5  # missing files named in the message; the rest are counted


def _target(base: str, link: str) -> str | None:
    """The site file a link leads to (POSIX, relative to the site root), or None when it is not page-relative."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("/", "#")) or not parts.path:
        return None
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    if parts.path.endswith("/"):
        path += "/index.html"
    return path


def broken_links(site: Path, pages: Mapping[str, Iterable[Page]]) -> list[tuple[str, str, str]]:
    """(page address, link, missing file) for each link that leads nowhere; `pages` by language."""
    exists: dict[str, bool] = {}
    # A link that climbs out of its page's own folder leads to the same file from every page of the
    # folder (they sit at one depth): resolved once per folder, the same few thousand links of a large site.
    resolved: dict[tuple[str, str], str | None] = {}
    broken = []
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
                    broken.append((base, link, target))
    return broken


def check_links(site: Path, pages: Mapping[str, Iterable[Page]]) -> None:
    """BuildError naming the missing files these pages (by language) link to, each with its first link, if any."""
    by_target: dict[str, list[tuple[str, str]]] = {}
    for base, link, target in broken_links(site, pages):
        by_target.setdefault(target, []).append((base, link))
    if not by_target:
        return
    shown = "; ".join(
        f"the site has no {target}, linked {len(links)} time{'s' if len(links) > 1 else ''} (first from {links[0][0]}: '{links[0][1]}')"
        for target, links in list(by_target.items())[:_SHOWN]
    )
    more = f" (and {len(by_target) - _SHOWN} more missing files)" if len(by_target) > _SHOWN else ""
    raise BuildError(
        f"broken links in the generated pages: {shown}{more}. A link to a hand-written page needs that page"
        " in every language (e.g. docs/<lang>/methodology.md); any other is a bug of the generator: please report it."
    )
