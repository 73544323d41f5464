"""Where the characters that characters.py refuses are in events.yaml, field by field.

Every scalar of the file is looked at, keys too, in known fields and unknown
ones, written raw or as a double-quoted escape ("\\x7f", "\\u202e", "\\0", "\\e",
"\\N"), and named by the field it is in, as the checker names it; what is
found outside any text (in comments, between fields) is reported too. What is
refused, and why, is characters.py's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import yaml

from .characters import (
    BIDI_CONTROLS,
    DELETE_HINT,
    EMBEDDINGS,
    ISOLATE_CLOSER,
    ISOLATE_OPENERS,
    NOTABLE,
    RAW_NOTABLE,
    REFUSED,
    Found,
    by_character,
    code_point,
    counted_as,
    invisible_refusal,
    name_of,
    refusal,
)
from .corruption import LOCALIZED_FIELDS, TEXT_FIELDS, TEXT_LIST_FIELDS
from .invisible import INVISIBLE
from .problems import Problem, Severity

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
    raw = [(match.start(), match.group()) for match in RAW_NOTABLE.of(text).finditer(text)]
    if not raw and not _NOTABLE_ESCAPE.search(text):
        return []  # nothing written raw, and no escape that could write it: no scalar needs a look
    raw_indexes = [index for index, _ in raw]
    report = _Report(file, _Locator(text))
    claimed = bytearray(len(raw))
    for node, prefix, rest, is_key in _scalars(root) if root is not None else ():
        start, end = node.start_mark.index, node.end_mark.index
        first, last = bisect.bisect_left(raw_indexes, start), bisect.bisect_left(raw_indexes, end)
        if node.style == '"' and (first < last or NOTABLE.search(node.value)):
            found = list(_in_double_quoted(text, start, end))
        elif first < last:
            found = [Found(index, character, None, text, index) for index, character in raw[first:last]]
        else:
            continue
        claimed[first:last] = b"\x01" * (last - first)
        report.text(_where(prefix, rest) or "file", found, free_text=_is_free_text(rest, is_key))
    report.outside([Found(index, character, None) for (index, character), taken in zip(raw, claimed, strict=True) if not taken])
    return report.problems


def _in_double_quoted(text: str, start: int, end: int) -> list[Found]:
    """The notable characters of a double-quoted scalar, raw or escaped, in order, in the text they decode to."""
    decoded_text: list[str] = []  # each character as it reaches the text (line folding aside)
    found: list[tuple[int, str, str | None, int]] = []
    index = start + 1
    while index < end - 1:
        character = text[index]
        if character != "\\":
            if character == "\r" and text[index + 1 : index + 2] != "\n" or character != "\r" and NOTABLE.match(character):
                found.append((index, character, None, len(decoded_text)))
            decoded_text.append(character)
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
            found.append((index, decoded, written, len(decoded_text)))
        decoded_text.append(decoded)
        index += length
    context = "".join(character or "\ufffd" for character in decoded_text)
    return [Found(index, character, written, context, at) for index, character, written, at in found]


def _scalars(root: yaml.Node) -> Iterator[tuple[yaml.ScalarNode, str, tuple[str | int, ...], bool]]:
    """Every scalar, keys too, with the parts of the place the checker names it by (`_where`: "event 'x', title.en"),
    and whether it is a key.

    The parts, not the name: it is only written out for the few scalars that hold a notable character.
    """
    # (node, prefix, path below the prefix, is a key); a stack, not recursion: nesting may be deep.
    stack: list[tuple[yaml.Node, str, tuple[str | int, ...], bool]] = [(root, "", (), False)]
    while stack:
        node, prefix, rest, is_key = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            yield node, prefix, rest, is_key
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                if not prefix and not rest:  # a part of the file: site, sources, entities, events
                    place: tuple[str, tuple[str | int, ...]] = (name, ())
                elif prefix in ("sources", "entities") and not rest:
                    place = (f"{'source' if prefix == 'sources' else 'entity'} '{name}'", ())
                else:
                    place = (prefix, (*rest, name))
                stack.append((value, *place, False))
                stack.append((key, *place, True))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in reversed(list(enumerate(node.value))):
                if prefix == "events" and not rest:
                    stack.append((item, _event_label(index, item), (), False))
                else:
                    stack.append((item, prefix, (*rest, index), False))


def _event_label(index: int, item: yaml.Node) -> str:
    # As the checker names an event: by its id when it has one.
    if isinstance(item, yaml.MappingNode):
        for key, value in item.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode) and value.value.strip():
                return f"event '{value.value.strip()}'"
    return f"events[{index}]"


def _is_free_text(rest: tuple[str | int, ...], is_key: bool) -> bool:
    """Whether a scalar is prose (a title, a quote, a label, an alias...), as corruption.py tells them."""
    if is_key or not rest:
        return False
    last = rest[-1]
    if isinstance(last, int):
        return len(rest) >= 2 and rest[-2] in TEXT_LIST_FIELDS
    return last in TEXT_FIELDS or last in TEXT_LIST_FIELDS or last in LOCALIZED_FIELDS or len(rest) >= 2 and rest[-2] in LOCALIZED_FIELDS


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

    def add(
        self, severity: Severity, found: list[Found], where: str, message: str, hint: str, scope: str = "in this text", counted: str = "times",
    ) -> None:
        """One problem at the first of `found`, counting the others: a pasted block of them is one mistake."""
        first = found[0]
        line, column = self.locate(first.index)
        if first.written is not None:  # name the escape right after the code point
            point, named = code_point(first.character), name_of(first.character)
            if named in message:
                message = message.replace(named, f"{named[:-1]}, written '{first.written}')", 1)
            else:
                message = message.replace(point, f"{point} (written '{first.written}')", 1)
        if len(found) > 1:
            message += f"; {len(found)} {counted} {scope}"
        self.problems.append(Problem(severity, self.file, line, column, where, message, hint))

    def text(self, where: str, found: list[Found], *, free_text: bool) -> None:
        """The notable characters of one text, in order; `free_text`: prose, where a language may need an invisible character."""
        for character, items in by_character(item for item in found if REFUSED.match(item.character)).items():
            self.add("error", items, where, *refusal(character, escaped=items[0].written is not None))
        for character, items in by_character(item for item in found if item.character in EMBEDDINGS).items():
            self.add(
                "error", items, where,
                f"the bidirectional control {name_of(character)} is not allowed: it makes the text display in another order than it is written",
                "Delete it: the site sets the direction of each text itself. If a phrase in the other script displays in the wrong order, "
                "wrap it in an isolate (U+2066, U+2067 or U+2068 before it, U+2069 after it).",
            )
        open_isolates: list[Found] = []
        closed: list[tuple[Found, Found]] = []
        strays: list[Found] = []
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
                f"the bidirectional isolate {name_of(opener.character)}, closed at {line}:{column}, changes the order in which this text is displayed",
                "Keep it only if a phrase in the other script displays in the wrong order without it, and look at the page.",
                scope="(isolates) in this text",
            )
        if strays:
            self.add(
                "error", strays, where,
                f"the bidirectional control {name_of(ISOLATE_CLOSER)} closes no isolate",
                "Delete it, or open the isolate before it in the same text with U+2066, U+2067 or U+2068.",
            )
        if open_isolates:
            self.add(
                "error", open_isolates, where,
                f"the bidirectional isolate {name_of(open_isolates[0].character)} is not closed in this text: it would reorder what follows it",
                "Close it with U+2069 (POP DIRECTIONAL ISOLATE) at the end of the phrase, or delete it.",
                scope="(unclosed isolates) in this text",
            )
        self.invisible(where, found, free_text)

    def invisible(self, where: str, found: list[Found], free_text: bool) -> None:
        """The invisible characters of one text that no language of it needs: one problem per character,
        or per kind for tag characters and variation selectors (a hidden message is many different ones)."""
        groups: dict[str, list[Found]] = {}
        messages: dict[str, str] = {}
        for item in found:
            if item.character in BIDI_CONTROLS or not INVISIBLE.match(item.character):
                continue
            message = invisible_refusal(item, free_text)
            if message is not None:
                key = counted_as(item.character)
                groups.setdefault(key, []).append(item)
                messages.setdefault(key, message)
        for key, items in groups.items():
            hint = "Delete the escape." if items[0].written is not None else DELETE_HINT
            self.add("error", items, where, messages[key], hint, counted=key if len(key) > 1 else "times")

    def outside(self, found: list[Found]) -> None:
        """Characters in comments or between fields: refused alike, bidirectional controls too.

        Other invisible characters are left alone there: a comment reaches no page."""
        for character, items in by_character(found).items():
            if REFUSED.match(character):
                message, hint = refusal(character, escaped=False)
                self.add("error", items, "YAML", message, hint, scope="in the file outside texts")
            elif character in BIDI_CONTROLS:
                self.add(
                    "error", items, "YAML",
                    f"the bidirectional control {name_of(character)} is not allowed outside a text: it makes the file display in another order than it is read",
                    "Delete it.", scope="in the file outside texts",
                )
