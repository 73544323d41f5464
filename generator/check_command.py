"""`check`: read events.yaml and report every problem in it (the rules themselves are in checker.py and rules.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from .checker import CheckResult, check_text
from .files import UsageError, read_bytes
from .localize import DEFAULT_LANGUAGES
from .problems import Problem, as_github, as_json, summary
from .settings import settings_error, settings_of


def check_file(path: Path, languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> CheckResult:
    """Check a file; the name in messages is the path as given."""
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return CheckResult(None, (_not_utf8(raw, error, str(path)),))
    return check_text(text, file=str(path), languages=languages)


def site_languages(config: Path) -> tuple[str, ...]:
    """The languages set in mkdocs.yml (extra.timeline.languages); the default pair when there is no such file.

    A mistake in the settings stops the command (exit 2) with every problem, each at its line of mkdocs.yml.
    """
    if not config.is_file():
        return DEFAULT_LANGUAGES
    from .build import BuildError, read_base_config

    try:
        base = read_base_config(config)
    except BuildError as error:
        raise UsageError(str(error)) from None
    settings, problems = settings_of(config, base)
    if settings is None:
        raise UsageError(str(settings_error(problems, str(config))))
    return settings.codes


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


def print_report(result: CheckResult, output_format: str, strict: bool, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    # A warning keeps its name under --strict (an unknown URL is honest, not a
    # mistake); the summary line says why the check fails all the same.
    problems: list[Problem] = list(result.problems)
    if output_format == "json":
        print(as_json(problems), file=out)
        return
    for problem in problems:
        print(as_github(problem) if output_format == "github" else problem.text, file=out)
    if output_format == "text":
        timeline = result.timeline
        counts = f" ({len(timeline.events)} events, {len(timeline.sources)} sources, {len(timeline.entities)} entities)" if timeline else ""
        strict_note = " (--strict: warnings fail the check)" if strict and result.warnings else ""
        print(f"{summary(problems)}{counts}{strict_note}", file=out)
