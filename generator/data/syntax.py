"""YAML syntax errors retold in plain words, at the place the mistake was made.

PyYAML reports where it gave up, which is often lines after the mistake (a
quote left open swallows the lines below it) and in parser terms ("expected
<block end>"). The common mistakes of maintainers are recognised here from the
error and the text around it; anything else keeps PyYAML's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from . import tags
from .corruption import quoted

# 1-based (line, column), what is wrong, how to fix it.
Explanation = tuple[tuple[int, int], str, str]

_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[A-Za-z_][\w-]*) *:(?: |$)(?P<value>.*)$")
_INDENTATION_PROBLEMS = ("did not find expected key", "did not find expected '-' indicator", "expected <block end>")


@dataclass(frozen=True)
class _KeyLine:
    number: int  # 1-based
    column: int  # 0-based column of the key, after any "- "
    key: str


def explain_syntax_error(error: yaml.MarkedYAMLError, mark: yaml.Mark, text: str) -> Explanation | None:
    lines = text.splitlines()
    if error.context and "quoted scalar" in error.context and error.context_mark is not None:
        return _never_closed(error.context_mark.line, error.context_mark.column, lines)
    if quote := _quote_before(text, mark):
        return quote
    problem = error.problem or ""
    if problem.startswith("found undefined tag handle"):  # `!e!foo` without the %TAG line that defines `!e!`
        written = re.match(r"[^\s,\[\]{}]+", text[mark.index :])
        return (mark.line + 1, mark.column + 1), *tags.refusal(written.group() if written else "!")
    if problem.startswith("mapping values are not allowed"):
        return _colon(mark, lines)
    if problem.startswith(_INDENTATION_PROBLEMS):
        return _indentation(mark, lines)
    return None


def _never_closed(line: int, column: int, lines: list[str]) -> Explanation:
    quote = lines[line][column] if line < len(lines) and column < len(lines[line]) else '"'
    return (
        (line + 1, column + 1),
        f"this quote, opened on line {line + 1}, is never closed",
        f"Add the closing {quote} at the end of the text on line {line + 1}, or remove this {quote} if the text needs no quotes.",
    )


def _quote_before(text: str, mark: yaml.Mark) -> Explanation | None:
    """A quoted text that ends right where YAML gave up: it was closed by the wrong quote mark."""
    last: yaml.ScalarToken | None = None
    try:
        for token in yaml.scan(text[: mark.index], Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                last = token
    except yaml.YAMLError:
        pass  # the text was cut at the error: the tokens before it are what we need
    if last is None or text[last.end_mark.index : mark.index].strip(" "):
        return None
    start, end = last.start_mark, last.end_mark
    quote = text[start.index]
    lines = text.splitlines()
    if start.line != end.line:
        # It closed lines later, at the opening quote of another text.
        place, what, _hint = _never_closed(start.line, start.column, lines)
        return place, what, f"Add the closing {quote} at the end of the text on line {start.line + 1}: without it, YAML reads on to the {quote} on line {end.line + 1}."
    leftover = lines[mark.line][mark.column :].rstrip()
    written = lines[start.line][start.column :].rstrip()
    # Quotes at both ends were meant as YAML's; a text that only starts with one quotes something inside it.
    inner = written[1:-1] if len(written) > 1 and written.endswith(quote) else written
    if quote == "'":
        hint = f"Inside '…' an apostrophe is written twice (''), or put the text in double quotes: {quoted(inner)}."
    else:
        single_quoted = "'" + inner.replace("'", "''") + "'"
        hint = f"Inside \"…\" a quotation mark is written \\\", or put the text in single quotes: {single_quoted}."
    return (
        (end.line + 1, end.column),
        f"this {quote} ends the quoted text early, and what follows it is left over: {leftover}",
        hint,
    )


def _colon(mark: yaml.Mark, lines: list[str]) -> Explanation:
    line = lines[mark.line] if mark.line < len(lines) else ""
    before = line[: mark.column]
    word = before.strip()
    above = _key_lines_above(lines, mark.line)
    if re.fullmatch(r"[A-Za-z_][\w-]*", word) and above and len(before) - len(before.lstrip(" -")) > above[0].column:
        # A field indented deeper than the one above is read as the rest of that field's value.
        previous = above[0]
        return (
            (mark.line + 1, len(before) - len(before.lstrip(" -")) + 1),
            f"'{word}' is indented more than '{previous.key}' on line {previous.number}, so YAML reads it as part of the value of '{previous.key}'",
            f"Indent '{word}:' by {previous.column} spaces, like '{previous.key}:', to make it a field of its own; if the line is text, put the whole text in quotes.",
        )
    match = _KEY_LINE.match(line)
    hint = "Put the text in quotes"
    if match and match.group("value"):
        value = match.group("value").rstrip()
        hint += f": {match.group('key')}: {quoted(value)}"
    return (mark.line + 1, mark.column + 1), "a colon followed by a space starts a new field", hint + "."


def _indentation(mark: yaml.Mark, lines: list[str]) -> Explanation | None:
    line = lines[mark.line] if mark.line < len(lines) else ""
    if line[: mark.column].strip():
        return None  # not at the start of its line: not an indentation mistake
    match = _KEY_LINE.match(line)
    if match is None:
        return None
    column = len(match.group("indent")) + len(match.group("dashes"))
    levels = _enclosing_levels(lines, mark.line)
    if not levels or any(level.column == column for level in levels):
        return None  # it lines up with a field: the mistake is elsewhere
    nearest = min(levels, key=lambda level: (abs(level.column - column), -level.column))
    parents = [level for level in levels if level.column < nearest.column]
    owner = f" in '{parents[0].key}' (line {parents[0].number})" if parents else ""
    key = match.group("key")
    return (
        (mark.line + 1, column + 1),
        f"'{key}' is indented by {column} spaces, which lines up with no field above it",
        f"If it belongs with '{nearest.key}' (line {nearest.number}){owner}, indent '{key}:' by {nearest.column} spaces like it; fields that belong together start in the same column.",
    )


def _key_lines_above(lines: list[str], line: int) -> list[_KeyLine]:
    """The lines with a field name above `line`, nearest first."""
    found = []
    for number in range(line - 1, -1, -1):
        match = _KEY_LINE.match(lines[number])
        if match and not match.group("indent").startswith("#"):
            found.append(_KeyLine(number + 1, len(match.group("indent")) + len(match.group("dashes")), match.group("key")))
    return found


def _enclosing_levels(lines: list[str], line: int) -> list[_KeyLine]:
    """The fields open at `line`: the nearest field above, then each one less indented than the last."""
    levels: list[_KeyLine] = []
    for candidate in _key_lines_above(lines, line):
        if not levels or candidate.column < levels[-1].column:
            levels.append(candidate)
        if candidate.column == 0:
            break
    return levels


