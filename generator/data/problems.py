"""Problems found in events.yaml, and the ways of printing them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

from .invisible import BEYOND_FIRST_PLANE, FIRST_PLANE

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

    @property
    def text(self) -> str:
        return visible(f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.where}: {self.message}. {self.hint}")

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


def summary(problems: Sequence[Problem]) -> str:
    errors, warnings = count(problems, "error"), count(problems, "warning")
    if not problems:
        return "no problems found"
    parts = [f"{errors} error{'s' if errors != 1 else ''}", f"{warnings} warning{'s' if warnings != 1 else ''}"]
    return ", ".join(parts)


def _escape_annotation_data(text: str) -> str:
    # GitHub's workflow-command escaping: % first, then line breaks.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_annotation_property(text: str) -> str:
    return _escape_annotation_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problem: Problem) -> str:
    properties = ",".join(
        [
            f"file={_escape_annotation_property(visible(problem.file))}",
            f"line={problem.line}",
            f"col={problem.column}",
            f"title={_escape_annotation_property(visible(problem.where))}",
        ]
    )
    body = _escape_annotation_data(visible(f"{problem.where}: {problem.message}. {problem.hint}"))
    return f"::{problem.severity} {properties}::{body}"


def as_json(problems: Sequence[Problem]) -> str:
    # json.dumps escapes C0 itself; DEL, C1 and the rest it would leave raw for a terminal to read.
    return _INVISIBLE_IN_JSON.sub(_json_escape, json.dumps([asdict(problem) for problem in problems], ensure_ascii=False, indent=2))
