"""Which characters the text of events.yaml may hold, and where the others are.

Every scalar of the file is scanned here, in one place: values and keys, in
known fields and unknown ones, written raw or as a double-quoted escape
("\\x7f", "\\u202e", "\\0", "\\e", "\\N"). Refused:

- control characters: C0 except tab and line feed, DEL, C1. They are invisible,
  a terminal runs some of them (ESC), and YAML forbids most of them, so page
  metadata that holds one cannot be read back;
- noncharacters (U+FDD0-U+FDEF, U+xxFFFE, U+xxFFFF) and lone surrogates: not text;
- the line and paragraph separators U+2028, U+2029: YAML reads them as line
  breaks, editors and GitHub do not;
- bidirectional embeddings and overrides (U+202A-U+202E): they make text
  display in another order than it is stored.

Bidirectional isolates (U+2066-U+2068 ... U+2069) closed within the same text
are accepted with a warning; unclosed ones are errors. The marks U+200E, U+200F
and U+061C are accepted silently: Arabic keyboards type them, and they reorder
nothing beyond the punctuation next to them.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import yaml

from .problems import Problem, Severity

_FIRST_PLANE_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff"
_NONCHARACTERS = _FIRST_PLANE_NONCHARACTERS + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0x10000, 0x110000, 0x10000))
_NOT_TEXT_OF_FIRST_PLANE = f"\x7f-\x9f\ud800-\udfff\u2028\u2029{_FIRST_PLANE_NONCHARACTERS}"
_NOT_TEXT = f"\x7f-\x9f\ud800-\udfff\u2028\u2029{_NONCHARACTERS}"
_BIDI = "\u202a-\u202e\u2066-\u2069"
# Characters no text may hold, whether written raw or as an escape.
REFUSED = re.compile(f"[\x00-\x08\x0b-\x1f{_NOT_TEXT}]")
NOTABLE = re.compile(f"[\x00-\x08\x0b-\x1f{_NOT_TEXT}{_BIDI}]")


@dataclass(frozen=True)
class _Scan:
    """A character class to find all through a whole file or page, in one of two spellings.

    re tests the characters of a class beyond the first plane (the noncharacters U+1FFFE, U+1FFFF
    ... U+10FFFF) one by one, for every character of the text: searching a large file took ten
    times as long as with the first plane's characters only. Text beyond the first plane is rare,
    so the class without them is used whenever the text has none (which one range test finds).
    """

    everywhere: re.Pattern[str]
    first_plane: re.Pattern[str]

    def of(self, text: str) -> re.Pattern[str]:
        return self.everywhere if _BEYOND_FIRST_PLANE.search(text) else self.first_plane


_BEYOND_FIRST_PLANE = re.compile("[\U00010000-\U0010ffff]")


def _scan(characters: str, first_plane_characters: str) -> _Scan:
    return _Scan(re.compile(characters), re.compile(first_plane_characters))


_REFUSED_SCAN = _scan(REFUSED.pattern, f"[\x00-\x08\x0b-\x1f{_NOT_TEXT_OF_FIRST_PLANE}]")
# In the file as written, a carriage return before a line feed is a CRLF line break, not text. (The class comes
# first, the line feed after: re then skips ahead to the class's characters instead of trying each place in turn.)
_CR_NOT_BEFORE_LF = "(?!(?<=\r)\n)"
_RAW_UNREADABLE = _scan(
    f"[\r\x00-\x08\x0b\x0c\x0e-\x1f{_NOT_TEXT}]{_CR_NOT_BEFORE_LF}",
    f"[\r\x00-\x08\x0b\x0c\x0e-\x1f{_NOT_TEXT_OF_FIRST_PLANE}]{_CR_NOT_BEFORE_LF}",
)
_RAW_NOTABLE = _scan(
    f"[\r\x00-\x08\x0b\x0c\x0e-\x1f{_NOT_TEXT}{_BIDI}]{_CR_NOT_BEFORE_LF}",
    f"[\r\x00-\x08\x0b\x0c\x0e-\x1f{_NOT_TEXT_OF_FIRST_PLANE}{_BIDI}]{_CR_NOT_BEFORE_LF}",
)
REPLACEMENT = "\ufffd"

EMBEDDINGS = frozenset("\u202a\u202b\u202c\u202d\u202e")
ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")
ISOLATE_CLOSER = "\u2069"

_SIMPLE_ESCAPES = {
    "0": "\x00", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
# The escapes that may write a notable character (the others write a tab, a line feed, a space, a quote,
# a slash, a backslash or a no-break space): a file without them, and without a notable character written
# raw, has none, and its hundreds of thousands of scalars need no look. (An escaped backslash before one of
# these letters matches too, which only costs that look.)
_NOTABLE_ESCAPE = re.compile(r"\\[0abvfreNLPxuU]")

_DELETE_HINT = "Delete it (often pasted along with text from a web page or a PDF), or retype the text around it."


def readable_copy(text: str) -> str:
    """`text` with every character YAML's reader refuses, or counts as a line break
    where an editor does not, replaced by U+FFFD: same length, so every position
    still points into the file as written, and the rest of the file can be read."""
    return _RAW_UNREADABLE.of(text).sub(REPLACEMENT, text)


def first_refused(text: str) -> re.Match[str] | None:
    """The first character of `text` that no text may hold (REFUSED), found fast in a whole page."""
    return _REFUSED_SCAN.of(text).search(text)


def code_point(character: str) -> str:
    return f"U+{ord(character):04X}"


def _named(character: str) -> str:
    return f"{code_point(character)} ({unicodedata.name(character, 'unnamed')})"


@dataclass(frozen=True)
class _Found:
    index: int  # in the file as written
    character: str  # as it reaches the text
    written: str | None  # the escape that produced it, or None when written raw


class _Locator:
    """1-based line and column of an index into the file, counting lines as editors do."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def __call__(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


def character_problems(root: yaml.Node | None, text: str, file: str) -> list[Problem]:
    """Every refused character and every bidirectional isolate, with the field it is in.

    `root` is the file composed from `readable_copy(text)` (None when it could
    not be read); positions come from `text`, the file as written.
    """
    raw = [(match.start(), match.group()) for match in _RAW_NOTABLE.of(text).finditer(text)]
    if not raw and not _NOTABLE_ESCAPE.search(text):
        return []  # nothing written raw, and no escape that could write it: no scalar needs a look
    raw_indexes = [index for index, _ in raw]
    report = _Report(file, _Locator(text))
    claimed = bytearray(len(raw))
    for node, prefix, rest in _scalars(root) if root is not None else ():
        start, end = node.start_mark.index, node.end_mark.index
        first, last = bisect.bisect_left(raw_indexes, start), bisect.bisect_left(raw_indexes, end)
        if node.style == '"' and (first < last or NOTABLE.search(node.value)):
            found = list(_in_double_quoted(text, start, end))
        elif first < last:
            found = [_Found(index, character, None) for index, character in raw[first:last]]
        else:
            continue
        claimed[first:last] = b"\x01" * (last - first)
        report.text(_where(prefix, rest) or "file", found)
    report.outside([_Found(index, character, None) for (index, character), taken in zip(raw, claimed, strict=True) if not taken])
    return report.problems


def _in_double_quoted(text: str, start: int, end: int) -> Iterator[_Found]:
    """The notable characters of a double-quoted scalar, raw or escaped, in order."""
    index = start + 1
    while index < end - 1:
        character = text[index]
        if character != "\\":
            if character == "\r" and text[index + 1 : index + 2] != "\n" or character != "\r" and NOTABLE.match(character):
                yield _Found(index, character, None)
            index += 1
            continue
        escape = text[index + 1 : index + 2]
        length = 2 + _HEX_ESCAPES.get(escape, 0)
        written = text[index : index + length]
        if escape in _HEX_ESCAPES:
            try:
                decoded = chr(int(written[2:], 16))
            except ValueError:  # the loader has refused it already
                decoded = ""
        else:
            decoded = _SIMPLE_ESCAPES.get(escape, "")  # else an escaped line break
        if decoded and NOTABLE.match(decoded):
            yield _Found(index, decoded, written)
        index += length


def _scalars(root: yaml.Node) -> Iterator[tuple[yaml.ScalarNode, str, tuple[str | int, ...]]]:
    """Every scalar, keys too, with the parts of the place the checker names it by (`_where`: "event 'x', title.en").

    The parts, not the name: it is only written out for the few scalars that hold a notable character.
    """
    # (node, prefix, path below the prefix); a stack, not recursion: nesting may be deep.
    stack: list[tuple[yaml.Node, str, tuple[str | int, ...]]] = [(root, "", ())]
    while stack:
        node, prefix, rest = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            yield node, prefix, rest
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                if not prefix and not rest:  # a part of the file: site, sources, entities, events
                    place: tuple[str, tuple[str | int, ...]] = (name, ())
                elif prefix in ("sources", "entities") and not rest:
                    place = (f"{'source' if prefix == 'sources' else 'entity'} '{name}'", ())
                else:
                    place = (prefix, (*rest, name))
                stack.append((value, *place))
                stack.append((key, *place))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in reversed(list(enumerate(node.value))):
                if prefix == "events" and not rest:
                    stack.append((item, _event_label(index, item), ()))
                else:
                    stack.append((item, prefix, (*rest, index)))


def _event_label(index: int, item: yaml.Node) -> str:
    # As the checker names an event: by its id when it has one.
    if isinstance(item, yaml.MappingNode):
        for key, value in item.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode) and value.value.strip():
                return f"event '{value.value.strip()}'"
    return f"events[{index}]"


def _where(prefix: str, rest: tuple[str | int, ...]) -> str:
    where = prefix
    for position, part in enumerate(rest):
        if isinstance(part, int):
            where += f"[{part}]"
        elif not where:
            where = part
        else:
            where += (", " if position == 0 else ".") + part
    return where


class _Report:
    def __init__(self, file: str, locate: _Locator) -> None:
        self.file = file
        self.locate = locate
        self.problems: list[Problem] = []

    def add(self, severity: Severity, found: list[_Found], where: str, message: str, hint: str, scope: str = "in this text") -> None:
        """One problem at the first of `found`, counting the others: a pasted block of them is one mistake."""
        first = found[0]
        line, column = self.locate(first.index)
        if first.written is not None:  # name the escape right after the code point
            point, named = code_point(first.character), _named(first.character)
            if named in message:
                message = message.replace(named, f"{named[:-1]}, written '{first.written}')", 1)
            else:
                message = message.replace(point, f"{point} (written '{first.written}')", 1)
        if len(found) > 1:
            message += f"; {len(found)} times {scope}"
        self.problems.append(Problem(severity, self.file, line, column, where, message, hint))

    def text(self, where: str, found: list[_Found]) -> None:
        """The notable characters of one text, in order."""
        for character, items in _by_character(item for item in found if REFUSED.match(item.character)).items():
            self.add("error", items, where, *_refusal(character, escaped=items[0].written is not None))
        for character, items in _by_character(item for item in found if item.character in EMBEDDINGS).items():
            self.add(
                "error", items, where,
                f"the bidirectional control {_named(character)} is not allowed: it makes the text display in another order than it is written",
                "Delete it: the site sets the direction of each text itself. If a phrase in the other script displays in the wrong order, "
                "wrap it in an isolate (U+2066, U+2067 or U+2068 before it, U+2069 after it).",
            )
        open_isolates: list[_Found] = []
        closed: list[tuple[_Found, _Found]] = []
        strays: list[_Found] = []
        for item in found:
            if item.character in ISOLATE_OPENERS:
                open_isolates.append(item)
            elif item.character == ISOLATE_CLOSER:
                if open_isolates:
                    closed.append((open_isolates.pop(), item))
                else:
                    strays.append(item)
        if closed:
            opener, closer = min(closed, key=lambda pair: pair[0].index)
            line, column = self.locate(closer.index)
            self.add(
                "warning", sorted((pair[0] for pair in closed), key=lambda item: item.index), where,
                f"the bidirectional isolate {_named(opener.character)}, closed at {line}:{column}, changes the order in which this text is displayed",
                "Keep it only if a phrase in the other script displays in the wrong order without it, and look at the page.",
                scope="(isolates) in this text",
            )
        if strays:
            self.add(
                "error", strays, where,
                f"the bidirectional control {_named(ISOLATE_CLOSER)} closes no isolate",
                "Delete it, or open the isolate before it in the same text with U+2066, U+2067 or U+2068.",
            )
        if open_isolates:
            self.add(
                "error", open_isolates, where,
                f"the bidirectional isolate {_named(open_isolates[0].character)} is not closed in this text: it would reorder what follows it",
                "Close it with U+2069 (POP DIRECTIONAL ISOLATE) at the end of the phrase, or delete it.",
                scope="(unclosed isolates) in this text",
            )

    def outside(self, found: list[_Found]) -> None:
        """Characters in comments or between fields: refused alike, bidirectional controls too."""
        for character, items in _by_character(found).items():
            if REFUSED.match(character):
                message, hint = _refusal(character, escaped=False)
                self.add("error", items, "YAML", message, hint, scope="in the file outside texts")
            else:
                self.add(
                    "error", items, "YAML",
                    f"the bidirectional control {_named(character)} is not allowed outside a text: it makes the file display in another order than it is read",
                    "Delete it.", scope="in the file outside texts",
                )


def _by_character(found: Iterable[_Found]) -> dict[str, list[_Found]]:
    groups: dict[str, list[_Found]] = {}
    for item in found:
        groups.setdefault(item.character, []).append(item)
    return groups


def _refusal(character: str, *, escaped: bool) -> tuple[str, str]:
    """(message, hint) for a refused character."""
    number = ord(character)
    delete = "Delete the escape." if escaped else _DELETE_HINT
    if number <= 0x1F or 0x7F <= number <= 0x9F:
        return f"the invisible control character {code_point(character)} is not allowed", delete
    if 0xD800 <= number <= 0xDFFF:
        return (
            f"the lone surrogate {code_point(character)} is not allowed: it is half of a character",
            "Write the character itself, or its \\U escape, not its UTF-16 halves.",
        )
    if character in "\u2028\u2029":
        return (
            f"the invisible {unicodedata.name(character).lower()} {code_point(character)} is not allowed: YAML reads it as a line break, editors do not",
            delete if escaped else "Delete it, or put a space in its place.",
        )
    return (
        f"the noncharacter {code_point(character)} is not allowed: it is not text",
        delete if escaped else "Delete it (it is often left behind by a broken conversion between encodings).",
    )
