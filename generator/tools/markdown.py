"""Data from events.yaml written into Markdown (job summaries, issues) as plain text.

Text from a pull request is data, never markup: every ASCII punctuation mark
is backslash-escaped (CommonMark allows it for all of them), which also stops
GitHub from turning a bare address into a link, since its autolinks are
recognised only on the unescaped `:`, `www.` and `@`. Line breaks become
spaces so that a value stays inside its list item or table cell.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def escape(text: str) -> str:
    """`text` shown literally in GitHub-flavoured Markdown, on one line."""
    return _PUNCTUATION.sub(r"\\\1", _LINE_BREAKS.sub(" ", text))
