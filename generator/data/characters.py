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
and U+061C are accepted silently in free text: Arabic keyboards type them, and
they reorder nothing beyond the punctuation next to them.

Invisible characters (invisible.py: zero-width spaces, the word joiner, the soft
hyphen, the Hangul fillers, U+FEFF, variation selectors, tag characters...) are
part of a text that no reader sees: a title of U+200B U+3164 looks empty, tag
characters can carry a whole hidden sentence. They are refused, except where a
language needs them, and then only in free text (titles, summaries, quotes,
notes, labels, aliases, outlets); an id, an address, a date, a code or a field
name must be exactly what it shows, so there every one of them is refused:

- the joiners U+200C (ZWNJ) and U+200D (ZWJ) right after a letter or mark of a
  script that joins its letters (Arabic-script languages such as Persian and
  Urdu, Syriac, N'Ko, the Indic scripts from Devanagari to Sinhala, Mongolian:
  `_JOINING_SCRIPTS`), where they choose a letter's shape; and U+200D between
  the parts of an emoji (a symbol, or a skin tone or U+FE0F after one, then a
  symbol: 👩‍💻, 🏳️‍🌈);
- the variation selectors U+FE0E and U+FE0F right after a symbol or a keycap's
  character, where they choose text or emoji presentation (❤️, 1️⃣); every other
  variation selector is refused (no text of this site needs one, and a run of
  them after an emoji can carry hidden bytes);
- tag characters only in the flags of England, Scotland and Wales (🏴 and its
  tags gbeng, gbsct or gbwls, then CANCEL TAG).

In comments they are left alone: comments reach no page.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import yaml

from .corruption import LOCALIZED_FIELDS, TEXT_FIELDS, TEXT_LIST_FIELDS
from .invisible import BEYOND_FIRST_PLANE, FIRST_PLANE, INVISIBLE
from .problems import Problem, Severity

_FIRST_PLANE_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff"
_NONCHARACTERS = _FIRST_PLANE_NONCHARACTERS + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0x10000, 0x110000, 0x10000))
_NOT_TEXT_OF_FIRST_PLANE = f"\x7f-\x9f\ud800-\udfff\u2028\u2029{_FIRST_PLANE_NONCHARACTERS}"
_NOT_TEXT = f"\x7f-\x9f\ud800-\udfff\u2028\u2029{_NONCHARACTERS}"
# Characters no text may hold, whether written raw or as an escape.
REFUSED = re.compile(f"[\x00-\x08\x0b-\x1f{_NOT_TEXT}]")
# Invisible ones, the bidirectional controls among them, are told apart in _Report.
_INVISIBLE = FIRST_PLANE + BEYOND_FIRST_PLANE
NOTABLE = re.compile(f"[\x00-\x08\x0b-\x1f{_NOT_TEXT}{_INVISIBLE}]")


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
    f"[\r\x00-\x08\x0b\x0c\x0e-\x1f{_NOT_TEXT}{_INVISIBLE}]{_CR_NOT_BEFORE_LF}",
    f"[\r\x00-\x08\x0b\x0c\x0e-\x1f{_NOT_TEXT_OF_FIRST_PLANE}{FIRST_PLANE}]{_CR_NOT_BEFORE_LF}",
)
REPLACEMENT = "\ufffd"

EMBEDDINGS = frozenset("\u202a\u202b\u202c\u202d\u202e")
ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")
ISOLATE_CLOSER = "\u2069"
_BIDI_CONTROLS = EMBEDDINGS | ISOLATE_OPENERS | {ISOLATE_CLOSER}
_MARKS = frozenset("\u200e\u200f\u061c")  # accepted in free text: see the module's text
_JOINERS = frozenset("\u200c\u200d")
_ZWJ = "\u200d"
_PRESENTATION_SELECTORS = frozenset("\ufe0e\ufe0f")  # text or emoji presentation
# The scripts whose letters a joiner may follow (first and last code point of each block):
# Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their supplements; the Indic scripts,
# Devanagari to Sinhala; Mongolian; the Arabic presentation forms.
_JOINING_SCRIPTS = ((0x0600, 0x08FF), (0x0900, 0x0DFF), (0x1800, 0x18AF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFE))
# Characters that have an emoji form besides the symbols (So, Sm): keycaps' #, * and digits, ‼ ⁉ 〰 〽 ℹ.
_EMOJI_BASES = frozenset("#*0123456789\u203c\u2049\u3030\u303d\u2139")
_SKIN_TONES = frozenset(chr(number) for number in range(0x1F3FB, 0x1F400))
_BLACK_FLAG = "\U0001f3f4"
# The only tag sequences in use: the flags of England, Scotland and Wales, each ended by CANCEL TAG.
_FLAG_TAGS = frozenset("".join(chr(0xE0000 + ord(letter)) for letter in code) + "\U000e007f" for code in ("gbeng", "gbsct", "gbwls"))

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
    # The text around it as it reaches the text (the file itself when written raw), and
    # where it is in there: an invisible joiner or selector is judged by its neighbours.
    context: str = ""
    at: int = 0

    def before(self, distance: int = 1) -> str:
        return self.context[self.at - distance] if self.at >= distance else ""

    def after(self) -> str:
        return self.context[self.at + 1 : self.at + 2]


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
    for node, prefix, rest, is_key in _scalars(root) if root is not None else ():
        start, end = node.start_mark.index, node.end_mark.index
        first, last = bisect.bisect_left(raw_indexes, start), bisect.bisect_left(raw_indexes, end)
        if node.style == '"' and (first < last or NOTABLE.search(node.value)):
            found = list(_in_double_quoted(text, start, end))
        elif first < last:
            found = [_Found(index, character, None, text, index) for index, character in raw[first:last]]
        else:
            continue
        claimed[first:last] = b"\x01" * (last - first)
        report.text(_where(prefix, rest) or "file", found, free_text=_is_free_text(rest, is_key))
    report.outside([_Found(index, character, None) for (index, character), taken in zip(raw, claimed, strict=True) if not taken])
    return report.problems


def _in_double_quoted(text: str, start: int, end: int) -> list[_Found]:
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
    return [_Found(index, character, written, context, at) for index, character, written, at in found]


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
        self, severity: Severity, found: list[_Found], where: str, message: str, hint: str, scope: str = "in this text", counted: str = "times",
    ) -> None:
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
            message += f"; {len(found)} {counted} {scope}"
        self.problems.append(Problem(severity, self.file, line, column, where, message, hint))

    def text(self, where: str, found: list[_Found], *, free_text: bool) -> None:
        """The notable characters of one text, in order; `free_text`: prose, where a language may need an invisible character."""
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
        self.invisible(where, found, free_text)

    def invisible(self, where: str, found: list[_Found], free_text: bool) -> None:
        """The invisible characters of one text that no language of it needs: one problem per character,
        or per kind for tag characters and variation selectors (a hidden message is many different ones)."""
        groups: dict[str, list[_Found]] = {}
        messages: dict[str, str] = {}
        for item in found:
            if item.character in _BIDI_CONTROLS or not INVISIBLE.match(item.character):
                continue
            message = _invisible_refusal(item, free_text)
            if message is not None:
                key = _kind(item.character)
                groups.setdefault(key, []).append(item)
                messages.setdefault(key, message)
        for key, items in groups.items():
            hint = "Delete the escape." if items[0].written is not None else _DELETE_HINT
            self.add("error", items, where, messages[key], hint, counted=key if len(key) > 1 else "times")

    def outside(self, found: list[_Found]) -> None:
        """Characters in comments or between fields: refused alike, bidirectional controls too.

        Other invisible characters are left alone there: a comment reaches no page."""
        for character, items in _by_character(found).items():
            if REFUSED.match(character):
                message, hint = _refusal(character, escaped=False)
                self.add("error", items, "YAML", message, hint, scope="in the file outside texts")
            elif character in _BIDI_CONTROLS:
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


def _kind(character: str) -> str:
    """What invisible characters are counted together as: each one itself, but tag characters and variation selectors."""
    number = ord(character)
    if 0xE0000 <= number <= 0xE0FFF and not 0xE0100 <= number <= 0xE01EF:
        return "tag characters"
    if 0xFE00 <= number <= 0xFE0F or 0xE0100 <= number <= 0xE01EF or 0x180B <= number <= 0x180F and number != 0x180E:
        return "variation selectors"
    return character


def _invisible_refusal(item: _Found, free_text: bool) -> str | None:
    """Why an invisible character is refused where it is, or None where a language needs it (see the module's text)."""
    character, named, kind = item.character, _named(item.character), _kind(item.character)
    if not free_text:
        return f"the invisible character {named} is not allowed here: an id, an address, a date, a code or a field name must be exactly what it shows"
    if kind == "tag characters":
        if _in_flag(item):
            return None
        return (
            f"the invisible tag character {named} is not allowed: it can carry text that no reader sees "
            "(tag characters only belong in the flags of England, Scotland and Wales)"
        )
    if character in _PRESENTATION_SELECTORS:
        if _is_emoji_base(item.before()):
            return None
        return f"the variation selector {named} is not allowed here: it only belongs right after a symbol or emoji whose look it chooses"
    if kind == "variation selectors":
        return f"the invisible variation selector {named} is not allowed: no text of this site needs it, and a run of them can carry text that no reader sees"
    if character in _MARKS:
        return None
    if character in _JOINERS:
        if _joins(item):
            return None
        return (
            f"the invisible joiner {named} is not allowed here: in a text it only belongs right after a letter of a script that joins "
            "its letters (Arabic, Persian, Urdu, the Indic scripts…) or inside an emoji"
        )
    return f"the invisible character {named} is not allowed: it is part of the text, yet no reader sees it"


def _joins(item: _Found) -> bool:
    """A joiner after a letter or mark of a joining script, or a ZWJ between the parts of an emoji."""
    before = item.before()
    if not before:
        return False
    number = ord(before)
    if unicodedata.category(before)[0] in "LM" and any(first <= number <= last for first, last in _JOINING_SCRIPTS):
        return True
    after = item.after()
    return (
        item.character == _ZWJ and bool(after) and unicodedata.category(after) == "So"
        and (before == "\ufe0f" or before in _SKIN_TONES or unicodedata.category(before) == "So")
    )


def _is_emoji_base(character: str) -> bool:
    return bool(character) and (unicodedata.category(character) in ("So", "Sm") or character in _EMOJI_BASES)


def _in_flag(item: _Found) -> bool:
    """A tag character within 🏴 and one of the tag sequences of _FLAG_TAGS."""
    for distance in range(1, 7):
        if item.before(distance) == _BLACK_FLAG:
            start = item.at - distance + 1
            return item.context[start : start + 6] in _FLAG_TAGS
    return False


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
