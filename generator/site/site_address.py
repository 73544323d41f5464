"""The site's public address (`site_url` in mkdocs.yml, from the environment variable SITE_URL): checked, or absent.

The address goes into attributes of every page (canonical links, language
alternates, the theme's own script settings), into feeds, sitemaps and the
embed code; so it is refused, like `repo_url`, unless it is a plain http(s)
address: no quote, space, angle bracket or control character can reach a page.

Without it the site has no public address. Pages then link to each other
relatively and carry no absolute address of their own; what needs one
(canonical links, the sitemaps' entries, the embed code, feed entries'
addresses) is left out, and `build` says so once. `serve` gives the site the address it serves
it at (`BuildOptions.served_at`), so the preview is complete and names its
real port.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.data.errors import BuildError

# The characters of an address (RFC 3986), less the apostrophe: a quote, a space, an angle bracket or a
# control character must never reach a page, where the theme prints such addresses into attributes and scripts.
_ADDRESS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")

EXAMPLE = "https://timeline.example.org/"

# What a build without a public address leaves out, said once in its output.
LEFT_OUT = (
    "note: SITE_URL is not set, so the site has no public address: pages link to each other relatively, and"
    " canonical links, the sitemaps' entries, the timeline's embed code and the feeds' absolute addresses are left out."
    f" Set SITE_URL to the address the site is published at (e.g. SITE_URL={EXAMPLE}) when building it for publishing."
)


def is_web_address(url: str) -> bool:
    """An absolute http(s) address with a host, written in the characters of an address only."""
    if not _ADDRESS.fullmatch(url):
        return False
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. an unclosed '[' of an IPv6 address
        return False


def read_site_url(base: Mapping[str, Any], config: Path) -> str | None:
    """The shared configuration's site_url when it is a site's address; None when unset; BuildError otherwise."""
    url = base.get("site_url")
    if url is None or url == "":
        return None
    problem = None
    if not isinstance(url, str) or not is_web_address(url):
        problem = "is not the address of a site"
    elif urlsplit(url).query or urlsplit(url).fragment:
        problem = "has a query or a fragment (after '?' or '#'), which a site's address never has"
    if problem:
        raise BuildError(
            f"{config}: site_url (the environment variable SITE_URL): {url!r} {problem}."
            f" Give the public address of the site's root, e.g. {EXAMPLE} or https://org.github.io/repo/,"
            " or leave SITE_URL unset for a site without one."
        )
    return url


def with_site_url(base: Mapping[str, Any], config: Path, served_at: str | None = None) -> dict[str, Any]:
    """The shared configuration with its site_url checked; when it has none, the address `serve` serves the site at."""
    url = read_site_url(base, config) or served_at
    return {**base, "site_url": url}
