"""Event and entity pages written through a page shell, not built one by one by the engine.

Those pages are pure HTML already (front matter `html_body: true`): the
engine would only wrap each in the theme's page, which is the same for every
page of a folder but for a few values, at a cost of milliseconds a page. So,
per language, the engine builds one ordinary page per folder and *shape* (which
front matter values a page has: the theme prints some parts only when a value
is there, e.g. `modified_time`) whose values are unique ASCII tokens: the
page's id in its address, its title, description, share values and its body.
After the engine's build that shell is read, deleted from the site (it is never
published: the engine leaves it out of its sitemap, see engine/hooks.py), cut
at the tokens once, and every page of that shape is written by putting its
own values in the slots, changed as the engine changes them
(engine/output.py): escaped as the theme escapes them, indentation collapsed
as the engine's hook does. All the pages of a folder sit at the same depth, so
the shell's relative links are theirs too.

Where the engine prints a token tells how its value may be put there (read
with Python's HTML parser, once per shell): a text value goes between tags or
into a quoted attribute that is not an address, a script or a style; the id (a
slug, the same in every escaping) also into addresses; the body only between
tags. Any other place (a script, a comment, a link address for a title) stops
the build with a `ShellError`, never a page with an unsafe value.

tests/test_shell.py builds the fixture both ways (BuildOptions.page_shell) and
compares every event and entity page byte for byte, hostile values included.
"""

from __future__ import annotations

import html.parser
import re
import shutil
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.data.addresses import ENTITIES_FOLDER, EVENTS_FOLDER, address
from generator.data.errors import BuildError
from generator.engine.output import built_body, built_text, encoded_page, printed_meta
from generator.site.page import Page

# The folders whose pages go through a shell: one page per event or entity, all at the same depth.
SHELL_FOLDERS = (EVENTS_FOLDER, ENTITIES_FOLDER)
# Every token starts with this (tests look for it in the whole built site: none may be left).
TOKEN_PREFIX = "timelineshell"
# The front matter key that marks a shell, so that the engine lists it nowhere (engine/hooks.py).
PAGE_SHELL = "page_shell"

# Slots that are not front matter keys (no key starts with '#').
ID, BODY = "#id", "#body"
# An id fills its slot as it is: a slug reads the same escaped for HTML, for an address or for JSON.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Attributes whose value is an address, a script or a style: no text value may be put there.
_ADDRESS_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "cite", "data", "poster", "background", "ping", "longdesc", "manifest", "xmlns"})
# HTML's whitespace: the engine's hook collapses runs of it that break a line.
_WHITESPACE = " \t\n\r\f"

# Which values a page has: its folder, then each front matter key with its value, or SLOT for a text of its own.
Shape = tuple[str, tuple[tuple[str, object], ...]]
SLOT = "#slot"


class ShellError(BuildError):
    """The engine printed a slot where it cannot be filled safely, or a page has no shell: a bug, told plainly."""


def in_shell_folder(path: str) -> bool:
    """Whether a generated page's path is one of a shell folder's pages (not the folder's index)."""
    folder, _, name = path.rpartition("/")
    return folder in SHELL_FOLDERS and name != "index.md"


def through_shell(page: Page) -> bool:
    """Whether a generated page is written through a shell: an HTML body in one of the shell folders."""
    return page.html_body and in_shell_folder(page.path)


def shape(page: Page) -> Shape:
    values: list[tuple[str, object]] = []
    for key in sorted(page.meta):
        value = page.meta[key]
        if isinstance(value, str) and value:
            values.append((key, SLOT))
        elif value is None or isinstance(value, (str, bool, int)):
            values.append((key, value))  # an empty text prints as none: the theme leaves its part out
        else:
            raise ShellError(f"{page.path}: front matter {key!r} is neither text nor a flag; the page cannot be written through a shell")
    return page.path.rpartition("/")[0], tuple(values)


@dataclass(frozen=True)
class ShellSource:
    """One shell as the engine is given it: an ordinary page whose values are tokens."""

    page: Page
    tokens: Mapping[str, str]  # slot name (ID, BODY or a front matter key) -> its token

    @property
    def body_mark(self) -> str:
        return _body_mark(self.tokens[BODY])


def shell_sources(pages: Iterable[Page], nonce: str | None = None) -> dict[Shape, ShellSource]:
    """One shell for each shape among these pages (only those written through a shell).

    The tokens are unique to the build (`nonce`): no text of the data can hold one by chance.
    """
    nonce = nonce or uuid.uuid4().hex[:12]
    sources: dict[Shape, ShellSource] = {}
    for page in pages:
        key = shape(page)
        if key in sources:
            continue
        folder, values = key
        prefix = f"{TOKEN_PREFIX}{nonce}{len(sources):03d}"
        names = [ID, BODY, *(name for name, value in values if value == SLOT)]
        tokens = {name: f"{prefix}{index:02d}" for index, name in enumerate(names)}
        meta: dict[str, Any] = {name: tokens[name] if value == SLOT else value for name, value in values}
        meta[PAGE_SHELL] = True
        # The body as site/environment.py's html_block writes one: a block between blank lines.
        body = f"\n\n{_body_mark(tokens[BODY])}\n\n"
        sources[key] = ShellSource(Page(f"{folder}/{tokens[ID]}.md", meta, body), tokens)
    return sources


def _body_mark(token: str) -> str:
    # Inside a heading: the theme adds a heading of its own to a page that has none.
    return f"<h1>{token}</h1>"


@dataclass(frozen=True)
class Slot:
    name: str  # ID, BODY or a front matter key
    text: bool  # between tags (True), or in a quoted attribute (False)


@dataclass(frozen=True)
class Shell:
    """A built shell cut at its slots: `pieces` are the HTML around them, one more than `slots`."""

    pieces: tuple[str, ...]
    slots: tuple[Slot, ...]

    def fill(self, page: Page) -> str:
        """The page as the engine would have built it."""
        item_id = page.path.rpartition("/")[2].removesuffix(".md")
        if not _SLUG.fullmatch(item_id):
            raise ShellError(f"{page.path}: the id is not a slug, so it cannot be put in the page's addresses as it is")
        parts = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:], strict=True):
            if slot.name == ID:
                value = item_id
            elif slot.name == BODY:
                value = built_body(page.body)
            else:
                printed = printed_meta(page.meta[slot.name])
                value = built_text(printed) if slot.text else printed
            if slot.text:
                _append_text(parts, value)
                _append_text(parts, piece)
            else:
                parts.append(value)
                parts.append(piece)
        return "".join(parts)


def _append_text(parts: list[str], text: str) -> None:
    """Append text that follows the last part within one run of text: a run of whitespace across the
    seam that breaks a line is one line break, as the engine's hook makes it of the whole page."""
    if text and parts and text[0] in _WHITESPACE and parts[-1] and parts[-1][-1] in _WHITESPACE:
        before = parts[-1]
        kept = before.rstrip(_WHITESPACE)
        stripped = text.lstrip(_WHITESPACE)
        if "\n" in before[len(kept):] + text[: len(text) - len(stripped)]:
            parts[-1] = kept
            text = "\n" + stripped
    parts.append(text)


class _Places(html.parser.HTMLParser):
    """Where each token stands in a built page: in text, in an attribute (which), in a script, style, comment or pre."""

    def __init__(self, token: re.Pattern[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.token = token
        self.places: list[tuple[str, str]] = []  # (kind, detail), in the order of the page
        self._raw: str | None = None  # script or style: their content is code
        self._kept = 0  # open pre and textarea elements: their whitespace is kept as written

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(attrs)
        if tag in ("script", "style"):
            self._raw = tag
        elif tag in ("pre", "textarea"):
            self._kept += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._raw:
            self._raw = None
        elif tag in ("pre", "textarea") and self._kept:
            self._kept -= 1

    def _attributes(self, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self._found(name, "attribute name")
            self.places.extend(("attribute", name) for _ in self.token.findall(value or ""))

    def handle_data(self, data: str) -> None:
        kind = "script" if self._raw else "preformatted text" if self._kept else "text"
        self.places.extend((kind, "") for _ in self.token.findall(data))

    def handle_comment(self, data: str) -> None:
        self._found(data, "comment")

    def handle_decl(self, decl: str) -> None:
        self._found(decl, "declaration")

    def handle_pi(self, data: str) -> None:
        self._found(data, "processing instruction")

    def unknown_decl(self, data: str) -> None:
        self._found(data, "declaration")

    def _found(self, text: str, kind: str) -> None:
        self.places.extend((kind, "") for _ in self.token.findall(text))


def read_shell(text: str, source: ShellSource, where: str) -> Shell:
    """Cut a built shell at its slots; ShellError when a token stands where its value cannot go safely."""
    names = {token: name for name, token in source.tokens.items()}
    token = re.compile("|".join(re.escape(value) for value in sorted(names, reverse=True)))
    places = _Places(token)
    places.feed(text)
    places.close()
    pieces: list[str] = []
    slots: list[Slot] = []
    done = 0
    matches = list(re.finditer(re.escape(source.body_mark) + "|" + token.pattern, text))
    if len(matches) != len(places.places):
        raise ShellError(f"{where}: a token of the page shell is split or changed in the built page; it cannot be filled")
    for match, (kind, detail) in zip(matches, places.places, strict=True):
        name = BODY if match.group() == source.body_mark else names[match.group()]
        in_text = _fits(name, kind, detail, where)
        if not in_text and name != ID and _unquoted(text, match.start()):
            # markupsafe leaves spaces as they are: in an unquoted value, a title's space would start an attribute of its own.
            raise ShellError(f"{where}: the engine prints the page's {name} in the unquoted attribute {detail}; it cannot be filled safely")
        slots.append(Slot(name, in_text))
        pieces.append(text[done : match.start()])
        done = match.end()
    pieces.append(text[done:])
    if [slot.name for slot in slots].count(BODY) != 1:
        raise ShellError(f"{where}: the engine did not put the page's body in the shell once; its pages cannot be written from it")
    return Shell(tuple(pieces), tuple(slots))


def _unquoted(text: str, start: int) -> bool:
    """Whether the attribute value holding text[start] is unquoted: the run of characters an unquoted value may
    hold that ends there begins right after its '='. (A quoted value reaches back to its quote, or to a space.)"""
    position = start
    while position > 0 and text[position - 1] not in _NOT_IN_UNQUOTED_VALUES:
        position -= 1
    return position > 0 and text[position - 1] == "="


# What an unquoted attribute value cannot hold (HTML's rule), and the '=' before it.
_NOT_IN_UNQUOTED_VALUES = frozenset(" \t\n\r\f\"'=<>`")


def _fits(name: str, kind: str, detail: str, where: str) -> bool:
    """Whether the slot is in text (else in an attribute); ShellError where its value cannot go."""
    what = {ID: "the page's id", BODY: "the page's body"}.get(name, f"the page's {name}")
    if kind == "text":
        return True
    attribute = detail.lower()
    if name == BODY or kind != "attribute":
        raise ShellError(f"{where}: the engine prints {what} in a {kind}{f' ({detail})' if detail else ''}, where it cannot be filled safely")
    if name != ID and (attribute in _ADDRESS_ATTRIBUTES or attribute.startswith("on") or attribute == "style"):
        raise ShellError(f"{where}: the engine prints {what} in the attribute {detail}, an address or code; it cannot be filled safely")
    return False


@dataclass(frozen=True)
class Shells:
    """The built shells of one language by shape, ready to write pages."""

    by_shape: Mapping[Shape, Shell]

    def lacking(self, pages: Iterable[Page]) -> list[Page]:
        """The pages of a shape that has no shell yet (say, the first event with a correction log)."""
        return [page for page in pages if shape(page) not in self.by_shape]

    def joined(self, more: Shells) -> Shells:
        return Shells({**self.by_shape, **more.by_shape})

    def write(self, site: Path, pages: Iterable[Page], changed_only: bool = False) -> list[str]:
        """Write each page into the language's site folder (`changed_only`: unless it has these bytes already);
        returns the paths written. ShellError for a page of a shape without a shell."""
        written = []
        for page in pages:
            shell = self.by_shape.get(shape(page))
            if shell is None:
                raise ShellError(f"{page.path}: no page shell of its shape was built")
            data = encoded_page(shell.fill(page))
            target = site / address(page.path)
            if changed_only and target.is_file() and target.read_bytes() == data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written.append(page.path)
        return written

    def remove(self, site: Path, paths: Iterable[str]) -> list[str]:
        """Delete these pages from the language's site folder (each page's folder, `events/<id>/`); returns those that were there."""
        gone = []
        for path in paths:
            target = site / address(path)
            if target.is_file():
                target.unlink()
                if not any(target.parent.iterdir()):
                    target.parent.rmdir()
                gone.append(path)
        return gone


def take_shells(site: Path, sources: Mapping[Shape, ShellSource]) -> Shells:
    """Read each built shell of a language's site folder, and delete it from there."""
    shells = {}
    for key, source in sources.items():
        built = site / address(source.page.path)
        try:
            text = built.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ShellError(f"{built}: the engine did not build the page shell {source.page.path}") from None
        shutil.rmtree(built.parent)
        shells[key] = read_shell(text, source, source.page.path)
    return Shells(shells)
