"""Problems found in events.yaml, and the ways of printing them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is (1-based line and column) and how to fix it."""

    severity: Severity
    file: str
    line: int
    column: int
    where: str  # e.g. "event 'llama-4-release', citations[0].source"
    message: str  # what is wrong, without a final full stop
    hint: str  # how to fix it, a full sentence

    @property
    def text(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.where}: {self.message}. {self.hint}"

    @property
    def sort_key(self) -> tuple[object, ...]:
        return (self.file, self.line, self.column, self.severity, self.where, self.message)


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
            f"file={_escape_annotation_property(problem.file)}",
            f"line={problem.line}",
            f"col={problem.column}",
            f"title={_escape_annotation_property(problem.where)}",
        ]
    )
    body = _escape_annotation_data(f"{problem.where}: {problem.message}. {problem.hint}")
    return f"::{problem.severity} {properties}::{body}"


def as_json(problems: Sequence[Problem]) -> str:
    return json.dumps([asdict(problem) for problem in problems], ensure_ascii=False, indent=2)
