"""The characters that display as nothing, and how to show them.

A text can hold characters a reader never sees: Unicode's Default_Ignorable_Code_Point
(zero-width spaces and joiners, the soft hyphen, the Hangul fillers, variation
selectors, tag characters, direction marks and controls...). Python's
unicodedata has no such property, so it is copied here from
DerivedCoreProperties.txt (Unicode 14; the list has barely changed since 6.0),
with the three interlinear annotation characters (U+FFF9-U+FFFB): not ignorable
by that definition, but a text between them is not shown either.

characters.py decides where the checker accepts them; `shown` writes every one of
them as an escape where a reviewer must see them (`diff`).
"""

from __future__ import annotations

import re

# A regular-expression class body, split by plane: beyond the first plane re tests
# ranges one by one (see characters.py), and text there is rare.
FIRST_PLANE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
)
BEYOND_FIRST_PLANE = "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
INVISIBLE = re.compile(f"[{FIRST_PLANE}{BEYOND_FIRST_PLANE}]")


def _escape(match: re.Match[str]) -> str:
    number = ord(match.group())
    return f"\\u{number:04x}" if number <= 0xFFFF else f"\\U{number:08x}"


def shown(text: str) -> str:
    """`text` with every invisible character written as its escape (\\u200b, \\U000e0041)."""
    return INVISIBLE.sub(_escape, text)
