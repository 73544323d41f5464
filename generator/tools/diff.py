"""`diff`: what a change to events.yaml changes in the timeline, as editorial content.

Both versions (the file at a git ref and the working copy) go through the
checker, and the typed timelines are compared, so a reviewer reads "the
English title changed from … to …", never a YAML diff; reordering or
reformatting the file changes nothing here. Every invisible character a text
holds (a joiner, a direction mark, a variation selector: those the checker lets
through) is written as its escape, `\u200d`: a change that adds one must not read
"Title → Title".
"""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.data.checker import CheckResult, check_text
from generator.data.dates import FuzzyDate
from generator.data.errors import UsageError
from generator.data.files import read_text_file
from generator.data.invisible import shown
from generator.data.model import Localized, Timeline
from generator.site.site_languages import site_languages

from .markdown import escape
from .word_diff import markdown_cell, markdown_change, one_line, text_change

Format = Literal["markdown", "text"]
LANGUAGE_NAMES = {"en": "English", "ar": "Arabic"}
EMPTY = "—"


class SideError(Exception):
    """One side of the comparison has errors: the diff cannot be made (exit code 1)."""


@dataclass(frozen=True)
class FieldChange:
    field: str  # e.g. "title.en", "citations[0].quote"
    before: str | None  # None: the field was absent
    after: str | None


@dataclass(frozen=True)
class Item:
    """An added or removed event, source or entity, with all its fields."""

    id: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Edited:
    id: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class SectionDiff:
    kind: str  # "event", "source", "entity"
    added: tuple[Item, ...]
    removed: tuple[Item, ...]
    edited: tuple[Edited, ...]

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.edited)


@dataclass(frozen=True)
class Coverage:
    """How many events have their title and summary in one language."""

    lang: str
    events: int
    titles: int
    summaries: int


@dataclass(frozen=True)
class TimelineDiff:
    base_ref: str
    sections: tuple[SectionDiff, ...]
    coverage_before: tuple[Coverage, ...]
    coverage_after: tuple[Coverage, ...]


# -- reading both sides ------------------------------------------------------


def read_at_ref(events: Path, ref: str) -> str:
    """The text of `events` as committed at `ref`; UsageError says plainly why it cannot be read."""
    folder = events.resolve().parent
    if not folder.is_dir():
        raise UsageError(f"{events}: no such folder.")

    def git(*args: str) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)
        except FileNotFoundError:
            raise UsageError("git is not installed (or not on PATH); the diff reads the base version from git.") from None

    if git("rev-parse", "--git-dir").returncode != 0:
        raise UsageError(f"{events}: is not inside a git repository, so there is no '{ref}' to compare with.")
    if git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        raise UsageError(
            f"'{ref}' is not a branch, tag or commit of this repository. "
            "Give an existing one (e.g. main or origin/main); in a CI checkout, fetch it first (git fetch origin main)."
        )
    shown = git("show", f"{ref}:./{events.name}")
    if shown.returncode != 0:
        raise UsageError(f"{events.name} does not exist at '{ref}'.")
    try:
        return shown.stdout.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{events.name} at '{ref}' is not UTF-8 text.") from None


def _checked(result: CheckResult, side: str, name: str) -> Timeline:
    if result.timeline is None:
        errors = result.errors
        listing = "\n".join(problem.text for problem in errors)
        raise SideError(
            f"{side} has {len(errors)} error{'s' if len(errors) != 1 else ''}, so the change cannot be summarised; "
            f"fix {'it' if len(errors) == 1 else 'them'} first (python -m generator check {name}):\n{listing}"
        )
    return result.timeline


def diff_file(events: Path, base_ref: str) -> TimelineDiff:
    base_text = read_at_ref(events, base_ref)
    head_text = read_text_file(events)
    base = _checked(check_text(base_text, file=f"{base_ref}:{events.name}", languages=site_languages(events.parent / "mkdocs.yml")), f"the base version ({events.name} at '{base_ref}')", events.name)
    head = _checked(check_text(head_text, file=str(events), languages=site_languages(events.parent / "mkdocs.yml")), f"the working copy ({events})", str(events))
    return diff_timelines(base, head, base_ref)


# -- comparing ---------------------------------------------------------------


def flatten(value: object, path: str = "") -> dict[str, str]:
    """Every field of a model object as text, keyed by its path ("title.en", "citations[1].quote")."""
    out: dict[str, str] = {}
    _flatten(value, path, out)
    return out


def _flatten(value: object, path: str, out: dict[str, str]) -> None:
    if value is None:
        return
    if isinstance(value, str):
        out[path] = value
    elif isinstance(value, FuzzyDate):
        out[path] = str(value)
    elif isinstance(value, Localized):
        for lang, text in value.items():
            _flatten(text, f"{path}.{lang}", out)
    elif isinstance(value, tuple):
        if all(isinstance(item, str) for item in value):
            if value:
                out[path] = ", ".join(value)
        else:
            for index, item in enumerate(value):
                _flatten(item, f"{path}[{index}]", out)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            if path == "" and field.name == "id":
                continue  # the id names the item; it is never a change of its own
            if not field.compare:
                continue  # where an item sits in the file (Event.line) is not what it says
            _flatten(getattr(value, field.name), f"{path}.{field.name}" if path else field.name, out)
    else:
        out[path] = str(value)


def _changes(before: Mapping[str, str], after: Mapping[str, str]) -> tuple[FieldChange, ...]:
    names = list(dict.fromkeys([*before, *after]))
    return tuple(
        FieldChange(name, before.get(name), after.get(name)) for name in names if before.get(name) != after.get(name)
    )


def _section(kind: str, before: Mapping[str, object], after: Mapping[str, object]) -> SectionDiff:
    added = tuple(Item(key, tuple(flatten(after[key]).items())) for key in after if key not in before)
    removed = tuple(Item(key, tuple(flatten(before[key]).items())) for key in before if key not in after)
    edited = tuple(
        Edited(key, changes)
        for key in after
        if key in before and (changes := _changes(flatten(before[key]), flatten(after[key])))
    )
    return SectionDiff(kind, added, removed, edited)


def coverage(timeline: Timeline) -> tuple[Coverage, ...]:
    return tuple(
        Coverage(
            lang,
            len(timeline.events),
            sum(1 for event in timeline.events if event.title.get(lang) is not None),
            sum(1 for event in timeline.events if event.summary.get(lang) is not None),
        )
        for lang in timeline.languages
    )


def diff_timelines(base: Timeline, head: Timeline, base_ref: str) -> TimelineDiff:
    return TimelineDiff(
        base_ref=base_ref,
        sections=(
            _section("event", {event.id: event for event in base.events}, {event.id: event for event in head.events}),
            _section("source", base.sources, head.sources),
            _section("entity", base.entities, head.entities),
        ),
        coverage_before=coverage(base),
        coverage_after=coverage(head),
    )


# -- writing -----------------------------------------------------------------


def _plural(kind: str) -> str:
    return "entities" if kind == "entity" else f"{kind}s"


def _counts(section: SectionDiff) -> str:
    return f"{len(section.added)} added, {len(section.removed)} removed, {len(section.edited)} edited"


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole}"


def as_text(diff: TimelineDiff) -> str:
    lines = [f"Timeline changes against {diff.base_ref}:"]
    lines += [f"  {_plural(section.kind)}: {_counts(section)}" for section in diff.sections]
    for section in diff.sections:
        for item in section.added:
            lines.append(f"{section.kind} added: {shown(item.id)}")
            lines += [f"  {name}: {one_line(text)}" for name, text in item.fields]
        for item in section.removed:
            lines.append(f"{section.kind} removed: {shown(item.id)}")
            lines += [f"  {name}: {one_line(text)}" for name, text in item.fields]
        for edited in section.edited:
            lines.append(f"{section.kind} edited: {shown(edited.id)}")
            for change in edited.changes:
                lines += text_change(change.field, change.before or EMPTY, change.after or EMPTY)
    lines.append("Translation coverage of events (before → after):")
    for before, after in zip(diff.coverage_before, diff.coverage_after, strict=True):
        lines.append(
            f"  {LANGUAGE_NAMES[after.lang]}: titles {_share(before.titles, before.events)} → {_share(after.titles, after.events)}, "
            f"summaries {_share(before.summaries, before.events)} → {_share(after.summaries, after.events)}"
        )
    return "\n".join(lines) + "\n"


def _cell(text: str | None) -> str:
    return markdown_cell(text, EMPTY)


def as_markdown(diff: TimelineDiff) -> str:
    lines = [f"## Timeline changes against {escape(diff.base_ref)}", ""]
    if all(section.unchanged for section in diff.sections):
        lines += ["No event, source or entity changes.", ""]
    else:
        lines += ["| | added | removed | edited |", "|---|---|---|---|"]
        lines += [f"| {_plural(s.kind)} | {len(s.added)} | {len(s.removed)} | {len(s.edited)} |" for s in diff.sections]
        lines.append("")
    for section in diff.sections:
        for heading, items in (("added", section.added), ("removed", section.removed)):
            for item in items:
                lines += [f"### {section.kind.capitalize()} {heading}: {escape(shown(item.id))}", "", "| field | text |", "|---|---|"]
                lines += [f"| {escape(name)} | {_cell(text)} |" for name, text in item.fields]
                lines.append("")
        for edited in section.edited:
            lines += [f"### {section.kind.capitalize()} edited: {escape(shown(edited.id))}", "", "| field | before | after |", "|---|---|---|"]
            lines += [f"| {escape(change.field)} | {' | '.join(markdown_change(change.before, change.after, EMPTY))} |" for change in edited.changes]
            lines.append("")
    lines += ["### Translation coverage of events", "", "| language | titles | summaries |", "|---|---|---|"]
    for before, after in zip(diff.coverage_before, diff.coverage_after, strict=True):
        lines.append(
            f"| {LANGUAGE_NAMES[after.lang]} | {_share(before.titles, before.events)} → {_share(after.titles, after.events)} "
            f"| {_share(before.summaries, before.events)} → {_share(after.summaries, after.events)} |"
        )
    return "\n".join(lines) + "\n"


def render(diff: TimelineDiff, output_format: Format) -> str:
    return as_markdown(diff) if output_format == "markdown" else as_text(diff)


# -- the command ---------------------------------------------------------------


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "diff", help="summarise what changed in the timeline since a git ref",
        description="List the events, sources and entities added, removed and edited in events.yaml since BASE_REF "
        "(old → new text for each field), and the translation coverage of each language.",
    )
    parser.add_argument("base_ref", metavar="BASE_REF", help="the git branch, tag or commit to compare with, e.g. origin/main")
    parser.add_argument("--events", default="events.yaml", type=Path, help="the events file (default: events.yaml)")
    parser.add_argument("--format", choices=("text", "markdown"), default="text", help="text (default) or markdown (for a GitHub job summary)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        result = diff_file(args.events, args.base_ref)
    except SideError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(render(result, args.format))
    return 0
