"""What changed inside a field, word by word, for `diff`: the removed words marked in the old text, the added ones in the new.

Each side stays one whole text, in its own order, so an Arabic quote still
reads right to left: the old text with its removed words marked, then the new
text with its added words marked (not one line that interleaves both, whose
pieces a right-to-left reader would have to reassemble). Words are compared
with difflib over the words alone, so a changed space or line break is no change.

Text output marks words as `git diff --word-diff` does (`[-removed-]`,
`{+added+}`) and writes line breaks as `\\n`, so that a value of several lines
cannot make lines that look like entries of the diff. Markdown output (a
GitHub job summary) marks them `<del>`/`<ins>`, makes each http(s) address a
link shown as written, and escapes everything else (markdown.py).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from generator.data.invisible import shown

from .markdown import escape

_WORD = re.compile(r"(\S+)(\s*)")
_BREAKS = {"\r\n": "\\r\\n", "\n": "\\n", "\r": "\\r", "\x0b": "\\v", "\x0c": "\\f", "\x85": "\\x85", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_BREAK = re.compile("|".join(re.escape(key) for key in sorted(_BREAKS, key=len, reverse=True)))
# An http(s) address: printable ASCII without spaces, quotes or angle brackets.
_URL = re.compile(r"https?://[!#-;=?-~]+", re.IGNORECASE)
_TRAILING = ".,;:!?'*_~"


@dataclass(frozen=True)
class Run:
    changed: bool
    text: str  # words and the spaces between them
    space: str  # the space after the run's last word


def _runs(words: list[tuple[str, str]], changed: bool) -> Run:
    text = "".join(word + space for word, space in words)
    stripped = text.rstrip()
    return Run(changed, stripped, text[len(stripped):])


def marked(before: str, after: str) -> tuple[tuple[Run, ...], tuple[Run, ...]] | None:
    """The two texts as runs of unchanged and changed words; None when they have no word in common
    (then marking every word would only add noise)."""
    old, new = _WORD.findall(before), _WORD.findall(after)
    matcher = difflib.SequenceMatcher(None, [word for word, _ in old], [word for word, _ in new], autojunk=False)
    opcodes = matcher.get_opcodes()
    if not any(tag == "equal" for tag, *_ in opcodes):
        return None
    old_runs: list[Run] = []
    new_runs: list[Run] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if i2 > i1:
            old_runs.append(_runs(old[i1:i2], tag != "equal"))
        if j2 > j1:
            new_runs.append(_runs(new[j1:j2], tag != "equal"))
    return tuple(old_runs), tuple(new_runs)


# -- text ------------------------------------------------------------------------------


def one_line(text: str) -> str:
    """`text` on one line: invisible characters and line breaks written as their escapes."""
    return _BREAK.sub(lambda match: _BREAKS[match.group()], shown(text))


def text_runs(runs: tuple[Run, ...], left: str, right: str) -> str:
    return "".join((f"{left}{one_line(run.text)}{right}" if run.changed else one_line(run.text)) + one_line(run.space) for run in runs)


def text_change(field: str, before: str, after: str) -> list[str]:
    """The lines of one edited field: `field: old → new` for one-word values, else the old and the new text, marked."""
    if len(before.split()) > 1 or len(after.split()) > 1:
        runs = marked(before, after)
        if runs is not None:
            return [f"  {field}:", f"    before: {text_runs(runs[0], '[-', '-]')}", f"    after:  {text_runs(runs[1], '{+', '+}')}"]
        return [f"  {field}:", f"    before: {one_line(before)}", f"    after:  {one_line(after)}"]
    return [f"  {field}: {one_line(before)} → {one_line(after)}"]


# -- Markdown --------------------------------------------------------------------------


def _link(url: str) -> tuple[str, str]:
    """(the address, what follows it): closing punctuation and an unmatched `)` are not part of an address."""
    end = len(url)
    while end and (url[end - 1] in _TRAILING or url[end - 1] == ")" and url[:end].count("(") < url[:end].count(")")):
        end -= 1
    return url[:end], url[end:]


def inline(text: str) -> str:
    """`text` as Markdown: http(s) addresses as links showing the address as written, everything else literal."""
    out: list[str] = []
    at = 0
    for match in _URL.finditer(text):
        url, rest = _link(match.group())
        if not url.split("://", 1)[1]:
            continue
        out.append(escape(shown(text[at : match.start()])))
        # Both the text and the destination are backslash-escaped: CommonMark reads `\:` in a destination as `:`.
        out.append(f"[{escape(url)}]({escape(url)})")
        out.append(escape(rest))
        at = match.end()
    out.append(escape(shown(text[at:])))
    return "".join(out)


def _direction(text: str) -> str | None:
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return None
    return None


def _in_direction(text: str, markdown: str) -> str:
    # A cell of right-to-left text is its own right-to-left span: its words, marks and links keep their order.
    return f'<span dir="rtl">{markdown}</span>' if _direction(text) == "rtl" else markdown


def markdown_cell(text: str | None, empty: str) -> str:
    return _in_direction(text, inline(text)) if text else empty


def markdown_change(before: str | None, after: str | None, empty: str) -> tuple[str, str]:
    """The before and after cells of an edited field, the removed words `<del>` and the added ones `<ins>`."""
    runs = marked(before, after) if before and after else None
    if before is None or after is None or runs is None:
        return markdown_cell(before, empty), markdown_cell(after, empty)

    def cell(text: str, side: tuple[Run, ...], tag: str) -> str:
        inner = "".join((f"<{tag}>{inline(run.text)}</{tag}>" if run.changed else inline(run.text)) + escape(run.space) for run in side)
        return _in_direction(text, inner)

    return cell(before, runs[0], "del"), cell(after, runs[1], "ins")
