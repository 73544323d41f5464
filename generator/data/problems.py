"""Problems found in events.yaml, and the ways of printing them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from .invisible import BEYOND_FIRST_PLANE, FIRST_PLANE
from .messages import FALLBACK, Text, ntr, tr

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is (1-based line and column) and how to fix it."""

    severity: Severity
    file: str
    line: int
    column: int
    where: str  # e.g. "event 'harbour-bridge-opens', citations[0].source"
    message: str  # what is wrong, without a final full stop
    hint: str  # how to fix it, a full sentence
    code: str = "other"  # what kind of problem, stable across versions and languages (for tools: --format json)
    # The same words before they were put in English, to show them in another language (messages.py).
    words: tuple[Text, Text] | None = field(default=None, compare=False, repr=False)

    @property
    def text(self) -> str:
        return self.text_in(FALLBACK)

    def text_in(self, language: str) -> str:
        """The problem on one line, in the language of messages."""
        shown = self.shown_in(language)
        severity = SEVERITY_WORDS[self.severity].render(language)
        return visible(f"{self.file}:{self.line}:{self.column}: {severity}: {shown.where}: {shown.sentence}")

    @property
    def sentence(self) -> str:
        return f"{self.message}. {self.hint}" if self.message else self.hint

    def shown_in(self, language: str) -> Problem:
        """The problem with its message and hint in `language` (English where a catalogue has no translation)."""
        if self.words is None or language == FALLBACK:
            return self
        message, hint = self.words
        return replace(self, message=message.render(language), hint=_ended(hint.render(language)))

    @property
    def sort_key(self) -> tuple[object, ...]:
        return (self.file, self.line, self.column, self.severity, self.where, self.message)


# What a terminal or a log viewer could run, hide or reorder: control characters
# (ESC starts a terminal escape sequence), line breaks, noncharacters, bidirectional controls,
# and the characters that display as nothing (invisible.py).
_ABOVE_C0 = (
    f"\x7f-\x9f\ud800-\udfff\u2028\u2029\ufdd0-\ufdef{FIRST_PLANE}{BEYOND_FIRST_PLANE}"
    + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
)
_INVISIBLE = re.compile(f"[\x00-\x1f{_ABOVE_C0}]")
_INVISIBLE_IN_JSON = re.compile(f"[{_ABOVE_C0}]")  # json.dumps escapes C0 itself
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


SEVERITY_WORDS: dict[str, Text] = {"error": tr("error"), "warning": tr("warning")}


def _ended(hint: str) -> str:
    return hint if hint.endswith((".", "?", "!", "؟")) else hint + "."


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    number = ord(character)
    if character in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[character]
    return f"\\x{number:02x}" if number <= 0xFF else f"\\u{number:04x}" if number <= 0xFFFF else f"\\U{number:08x}"


def visible(text: str) -> str:
    """Text from the data, safe to print on one line: invisible characters written as escapes (\\x1b, \\n)."""
    return _INVISIBLE.sub(_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    return json.dumps(match.group())[1:-1]  # \\u007f; a surrogate pair beyond the BMP


def count(problems: Iterable[Problem], severity: Severity) -> int:
    return sum(1 for problem in problems if problem.severity == severity)


def summary(problems: Sequence[Problem], language: str = FALLBACK) -> str:
    errors, warnings = count(problems, "error"), count(problems, "warning")
    if not problems:
        return tr("no problems found").render(language)
    parts = [ntr("{n} error", "{n} errors", errors), ntr("{n} warning", "{n} warnings", warnings)]
    return tr("{errors}, {warnings}", errors=parts[0], warnings=parts[1]).render(language)


def _escape_annotation_data(text: str) -> str:
    # GitHub's workflow-command escaping: % first, then line breaks.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_annotation_property(text: str) -> str:
    return _escape_annotation_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problem: Problem, language: str = FALLBACK) -> str:
    problem = problem.shown_in(language)
    properties = ",".join(
        [
            f"file={_escape_annotation_property(visible(problem.file))}",
            f"line={problem.line}",
            f"col={problem.column}",
            f"title={_escape_annotation_property(visible(problem.where))}",
        ]
    )
    body = _escape_annotation_data(visible(f"{problem.where}: {problem.sentence}"))
    return f"::{problem.severity} {properties}::{body}"


def as_dict(problem: Problem, language: str = FALLBACK) -> dict[str, object]:
    """The problem for tools (JSON, the overlay): `code` and `severity` never change with the language of `message` and `hint`."""
    shown = problem.shown_in(language)
    fields = ("severity", "code", "file", "line", "column", "where", "message", "hint")
    return {name: getattr(shown, name) for name in fields}


def as_json(problems: Sequence[Problem], language: str = FALLBACK) -> str:
    # json.dumps escapes C0 itself; DEL, C1 and the rest it would leave raw for a terminal to read.
    shown = [as_dict(problem, language) for problem in problems]
    return _INVISIBLE_IN_JSON.sub(_json_escape, json.dumps(shown, ensure_ascii=False, indent=2))
