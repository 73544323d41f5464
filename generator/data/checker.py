"""Check events.yaml and build the typed timeline from it.

The file is read as YAML nodes (load.py); each record is then read on its own,
field by field, by the description of fields.py (records.py, with a reader per
kind of field in readers.py); the rules over records (rules.py) run over what
was read. Every problem is collected (never raised), with the place it was
found, so a maintainer sees all of them in one run. The timeline is built only
when no error was found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

from .aliases import settle
from .character_problems import character_problems
from .corruption import explain
from .fields import FILE
from .language_names import DEFAULT_LANGUAGES
from .load import collection_paused, load_nodes
from .model import Timeline, build_timeline
from .problems import Problem
from .readers import Record, kind_of
from .records import Walker
from .rules import check_rules


@dataclass(frozen=True)
class CheckResult:
    timeline: Timeline | None  # None when there is any error
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


def check_text(
    text: str, file: str = "events.yaml", languages: tuple[str, ...] = DEFAULT_LANGUAGES, today: dt.date | None = None
) -> CheckResult:
    """Check the text of an events file; `file` is the name used in messages, `languages` the site's (mkdocs.yml);
    `today`, when given, the day against which expectations are found overdue (a warning)."""
    # The model is thousands of small objects that live as long as the build: collecting them while they
    # are made only costs time (a third of the check at 5,000 events).
    with collection_paused():
        return _check_text(text, file, languages, today)


def _check_text(text: str, file: str, languages: tuple[str, ...], today: dt.date | None) -> CheckResult:
    loaded = load_nodes(text, file)
    found = loaded.problems + tuple(character_problems(loaded.root, text, file))
    if loaded.root is None or loaded.checked is None:
        return CheckResult(None, tuple(sorted(found, key=lambda p: p.sort_key)))
    walker = Walker(file, languages, loaded.reached)
    timeline = _timeline(walker, loaded.checked, today)
    settled = settle(walker.problems, walker.through_alias)
    checked = tuple(p for p in explain(settled, loaded.root, text, file) if (p.line, p.column) not in loaded.explained)
    problems = tuple(sorted(found + checked, key=lambda p: p.sort_key))
    has_errors = any(p.severity == "error" for p in problems)
    return CheckResult(None if has_errors else timeline, problems)


def _timeline(walker: Walker, root: yaml.Node, today: dt.date | None) -> Timeline | None:
    """The file read record by record and its rules checked; the timeline of what was read whole (used only without errors)."""
    if not isinstance(root, yaml.MappingNode):
        walker.error(
            root, "file", f"expected the parts of the file (site, sources, entities, events), found {kind_of(root)}",
            "Start from the complete example in guide/data-model.md: the file begins with 'site:' at the left margin, with no '- ' before it.",
        )
        return None
    file = walker.record(FILE, root, "")
    assert file is not None  # the root is a mapping
    check_rules(walker, file, walker.languages, today)
    site: Record | None = file.values.get("site")
    if site is None or site.built is None:
        return None
    return build_timeline(
        site.built, _built(file.values.get("sources")), _built(file.values.get("entities")),
        [event.built for event in file.values.get("events", ()) if event.built is not None], walker.languages,
    )


def _built(records: dict[str, Record] | None) -> dict[str, Any]:
    return {item_id: record.built for item_id, record in (records or {}).items() if record.built is not None}
