"""Which characters the text of events.yaml may hold, and why the others are refused.

This is the table of characters and the judgement of each one found; the walk
over the file that finds them, every scalar in one place (values and keys, in
known fields and unknown ones, written raw or as a double-quoted escape), is
character_problems.py. Refused:

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

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .invisible import BEYOND_FIRST_PLANE, FIRST_PLANE

_FIRST_PLANE_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff"
_NONCHARACTERS = _FIRST_PLANE_NONCHARACTERS + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0x10000, 0x110000, 0x10000))
_NOT_TEXT_OF_FIRST_PLANE = f"\x7f-\x9f\ud800-\udfff\u2028\u2029{_FIRST_PLANE_NONCHARACTERS}"
_NOT_TEXT = f"\x7f-\x9f\ud800-\udfff\u2028\u2029{_NONCHARACTERS}"
# Characters no text may hold, whether written raw or as an escape.
REFUSED = re.compile(f"[\x00-\x08\x0b-\x1f{_NOT_TEXT}]")
# Invisible ones, the bidirectional controls among them, are told apart by character_problems.py.
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
RAW_NOTABLE = _scan(
    f"[\r\x00-\x08\x0b\x0c\x0e-\x1f{_NOT_TEXT}{_INVISIBLE}]{_CR_NOT_BEFORE_LF}",
    f"[\r\x00-\x08\x0b\x0c\x0e-\x1f{_NOT_TEXT_OF_FIRST_PLANE}{FIRST_PLANE}]{_CR_NOT_BEFORE_LF}",
)
REPLACEMENT = "\ufffd"

EMBEDDINGS = frozenset("\u202a\u202b\u202c\u202d\u202e")
ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")
ISOLATE_CLOSER = "\u2069"
BIDI_CONTROLS = EMBEDDINGS | ISOLATE_OPENERS | {ISOLATE_CLOSER}
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

DELETE_HINT = "Delete it (often pasted along with text from a web page or a PDF), or retype the text around it."


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


def name_of(character: str) -> str:
    return f"{code_point(character)} ({unicodedata.name(character, 'unnamed')})"


@dataclass(frozen=True)
class Found:
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


def by_character(found: Iterable[Found]) -> dict[str, list[Found]]:
    groups: dict[str, list[Found]] = {}
    for item in found:
        groups.setdefault(item.character, []).append(item)
    return groups


def counted_as(character: str) -> str:
    """What invisible characters are counted together as: each one itself, but tag characters and variation selectors."""
    number = ord(character)
    if 0xE0000 <= number <= 0xE0FFF and not 0xE0100 <= number <= 0xE01EF:
        return "tag characters"
    if 0xFE00 <= number <= 0xFE0F or 0xE0100 <= number <= 0xE01EF or 0x180B <= number <= 0x180F and number != 0x180E:
        return "variation selectors"
    return character


def invisible_refusal(item: Found, free_text: bool) -> str | None:
    """Why an invisible character is refused where it is, or None where a language needs it (see the module's text)."""
    character, named, kind = item.character, name_of(item.character), counted_as(item.character)
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


def _joins(item: Found) -> bool:
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


def _in_flag(item: Found) -> bool:
    """A tag character within 🏴 and one of the tag sequences of _FLAG_TAGS."""
    for distance in range(1, 7):
        if item.before(distance) == _BLACK_FLAG:
            start = item.at - distance + 1
            return item.context[start : start + 6] in _FLAG_TAGS
    return False


def refusal(character: str, *, escaped: bool) -> tuple[str, str]:
    """(message, hint) for a refused character."""
    number = ord(character)
    delete = "Delete the escape." if escaped else DELETE_HINT
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
