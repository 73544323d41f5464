"""Text from a server or a pull request made safe to print: no control characters, no direction overrides.

A reason phrase, an address or a quote may carry escape sequences that clear a
terminal or paint a fake result, or bidirectional overrides that reorder what a
reader sees; they are shown as visible marks (U+FFFD) instead, and very long
text is cut.
"""

from __future__ import annotations

import re

# C0 and C1 controls (ESC among them), DEL, and the bidirectional embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]+")


def printable(text: str, limit: int = 300) -> str:
    """`text` on one line, without what a terminal or a Markdown viewer would obey, at most `limit` characters."""
    text = _UNSAFE.sub("\ufffd", _LINE_BREAKS.sub(" ", text))
    return text if len(text) <= limit else text[: limit - 1] + "…"
