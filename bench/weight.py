"""What the built site weighs: its size on disk, and what a first visit to a page downloads (gzipped)."""

from __future__ import annotations

import gzip
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

# A typical web server's level; browsers receive pages gzipped.
GZIP_LEVEL = 6


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def gzipped_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL))


class _Assets(HTMLParser):
    """The stylesheets and scripts a page loads as soon as it is opened."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and "stylesheet" in (values.get("rel") or "").split() and values.get("href"):
            self.addresses.append(values["href"] or "")
        elif tag == "script" and values.get("src"):
            self.addresses.append(values["src"] or "")


def first_visit(page: Path, site: Path) -> tuple[int, list[Path]]:
    """Gzipped bytes of a page and of the local stylesheets and scripts it loads; and those files.

    Addresses outside the site (another host) are not counted: the site loads none.
    """
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    files = [page]
    for address in parser.addresses:
        parts = urlsplit(address)
        if parts.scheme or parts.netloc:
            continue
        target = (site / parts.path.lstrip("/")) if parts.path.startswith("/") else (page.parent / parts.path)
        target = target.resolve()
        if target.is_file() and target not in files:
            files.append(target)
    return sum(gzipped_size(path) for path in files), files


def largest_year_page(site: Path, lang: str = "en") -> Path | None:
    """The heaviest (gzipped) year page of a timeline split by year (`timeline/<year>/`); None when it is one page."""
    pages = sorted((site / lang / "timeline").glob("*/index.html"), key=gzipped_size)
    return pages[-1] if pages else None
