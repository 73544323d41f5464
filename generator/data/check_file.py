"""`check`: read events.yaml and report every problem in it (the rules themselves are in checker.py and rules.py)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TextIO

from .checker import CheckResult, check_text
from .files import read_bytes
from .language_names import DEFAULT_LANGUAGES
from .messages import FALLBACK, ntr, tr
from .problems import Problem, as_github, as_json, summary


def check_file(path: Path, languages: tuple[str, ...] = DEFAULT_LANGUAGES, today: dt.date | None = None) -> CheckResult:
    """Check a file; the name in messages is the path as given; `today`: see `check_text`."""
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return CheckResult(None, (_not_utf8(raw, error, str(path)),))
    return check_text(text, file=str(path), languages=languages, today=today)



def _not_utf8(raw: bytes, error: UnicodeDecodeError, file: str) -> Problem:
    """Bytes that are not UTF-8 are a mistake in the file, like a syntax error: found at their line and column."""
    line_start = raw.rfind(b"\n", 0, error.start) + 1
    line = raw.count(b"\n", 0, error.start) + 1
    column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1
    bad = raw[error.start : error.end]
    return Problem(
        "error", file, line, column, "file",
        f"the byte{'s' if len(bad) > 1 else ''} {' '.join(f'0x{byte:02X}' for byte in bad)} {'are' if len(bad) > 1 else 'is'} not UTF-8 text",
        "Save the file as UTF-8 in your editor (it was probably saved as Latin-1 or Windows-1252), then check the characters at this place.",
    )


def fails(result: CheckResult, strict: bool) -> bool:
    return bool(result.errors) or (strict and bool(result.warnings))


def print_report(result: CheckResult, output_format: str, strict: bool, out: TextIO | None = None, language: str = FALLBACK) -> None:
    out = out or sys.stdout
    # A warning keeps its name under --strict (an unknown URL is honest, not a
    # mistake); the summary line says why the check fails all the same.
    problems: list[Problem] = list(result.problems)
    if output_format == "json":
        print(as_json(problems, language), file=out)
        return
    for problem in problems:
        print(as_github(problem, language) if output_format == "github" else problem.text_in(language), file=out)
    if output_format == "text":
        timeline = result.timeline
        counts = ""
        if timeline:
            sizes = [ntr("{n} event", "{n} events", len(timeline.events)), ntr("{n} source", "{n} sources", len(timeline.sources)),
                     ntr("{n} entity", "{n} entities", len(timeline.entities))]
            counts = " " + tr("({events}, {sources}, {entities})", events=sizes[0], sources=sizes[1], entities=sizes[2]).render(language)
        strict_note = " " + tr("(--strict: warnings fail the check)").render(language) if strict and result.warnings else ""
        print(f"{summary(problems, language)}{counts}{strict_note}", file=out)
