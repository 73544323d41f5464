"""Links between generated pages: relative, so that a site works under any path and from a folder."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, unquote


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both directory URLs under one root ('' is the root).

    posixpath.relpath would do, but asks the system for the working folder on every one of the
    tens of thousands of links: both addresses are relative and normalised, so the shared folders
    and the page's depth below them are enough.
    """
    target, _, fragment = to_url.partition("#")
    here = [part for part in from_url.split("/") if part]
    there = [part for part in target.split("/") if part]
    shared = 0
    for mine, theirs in zip(here, there, strict=False):
        if mine != theirs:
            break
        shared += 1
    parts = [".."] * (len(here) - shared) + there[shared:]
    rel = "/".join(parts) + ("/" if parts and (target.endswith("/") or not target) else "") if parts else "./"
    return rel + (f"#{fragment}" if fragment else "")


def language_url(lang: str, url: str) -> str:
    """The same page in language `lang`, from a page at `url`: every language's build sits side by side under the site root."""
    depth = url.count("/")
    return "../" * (depth + 1) + f"{lang}/{url}"


def readable_address(url: str) -> str:
    """`url` as a reader can copy it from paper: percent-escaped letters of other scripts shown as the
    letters (https://example.com/%D8%A8 → https://example.com/ب). ASCII escapes (%2F, %20, %3F...)
    keep their meaning and stay, as do controls and invisible characters, which would hide or reorder
    what is printed, and escapes that are not UTF-8."""
    return _NON_ASCII_ESCAPES.sub(_shown, url) if "%" in url else url


_NON_ASCII_ESCAPES = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")


def _shown(run: re.Match[str]) -> str:
    try:
        text = unquote(run.group(0), errors="strict")
    except UnicodeDecodeError:
        return run.group(0)
    return "".join(quote(character, safe="") if unicodedata.category(character).startswith(("C", "Z")) else character for character in text)
