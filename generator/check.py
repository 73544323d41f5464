"""`check`: read events.yaml and report every problem in it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from .problems import Problem, as_github, as_json, summary
from .localize import DEFAULT_LANGUAGES
from .validate import CheckResult, check_text


class UsageError(Exception):
    """The command itself cannot run (missing or unreadable file): exit code 2."""


def read_text_file(path: Path) -> str:
    """A maintainer's UTF-8 file (events.yaml, a hand-written page); UsageError says plainly why it cannot be read."""
    if not path.exists():
        raise UsageError(f"{path}: no such file. Give the path of your events file, e.g. 'events.yaml'.")
    if path.is_dir():
        raise UsageError(f"{path}: is a folder, not a file.")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror}).") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise UsageError(f"{path}:{line}: the file is not UTF-8 text. Save it as UTF-8 in your editor.") from None


def check_file(path: Path, languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> CheckResult:
    """Check a file; the name in messages is the path as given."""
    return check_text(read_text_file(path), file=str(path), languages=languages)


def site_languages(config: Path) -> tuple[str, ...]:
    """The languages set in mkdocs.yml (extra.timeline.languages); the default pair when there is no such file."""
    if not config.is_file():
        return DEFAULT_LANGUAGES
    from .build import BuildError, read_base_config, read_settings

    try:
        return read_settings(read_base_config(config), config).codes
    except BuildError as error:
        raise UsageError(str(error)) from None


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
