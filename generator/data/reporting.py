"""Collecting problems at the place a YAML node was found, and the wording shared by their hints."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

import yaml

from .aliases import AliasUse
from .load import position
from .messages import Text, tr, verbatim
from .problems import Problem, Severity


class Reporter:
    """Collects every problem of one file (never raises), so a maintainer sees all of them in one run."""

    def __init__(self, file: str, reached: Mapping[int, AliasUse] | None = None) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.reached = reached or {}  # the nodes (by id) that an alias stands for (load.Loaded.reached)
        self.through_alias: dict[int, AliasUse] = {}  # the problems found at them (by index), for aliases.settle

    def report(self, severity: Severity, node: yaml.Node, where: str, message: str | Text, hint: str | Text) -> None:
        line, column = position(node)
        if self.reached and (use := self.reached.get(id(node))) is not None:
            self.through_alias[len(self.problems)] = use
        self.problems.append(problem(severity, self.file, line, column, where, message, hint))

    def error(self, node: yaml.Node, where: str, message: str | Text, hint: str | Text) -> None:
        self.report("error", node, where, message, hint)

    def warning(self, node: yaml.Node, where: str, message: str | Text, hint: str | Text) -> None:
        self.report("warning", node, where, message, hint)


def problem(severity: Severity, file: str, line: int, column: int, where: str, message: str | Text, hint: str | Text) -> Problem:
    """A problem whose words (given with messages.t and tr) can be shown in the maintainer's language."""
    hint_text = str(hint)
    if not hint_text.endswith((".", "?", "!")):
        hint_text += "."
    if isinstance(message, Text):
        words = (message, hint if isinstance(hint, Text) else verbatim(str(hint)))
        return Problem(severity, file, line, column, where, str(message), hint_text, message.code or "other", words)
    return Problem(severity, file, line, column, where, message, hint_text)


def did_you_mean(word: str, candidates: list[str]) -> Text:
    """'; did you mean 'x'?' or nothing — for hints."""
    # Long ids (outlet-date-topic) are often typed in part: an id that begins
    # with the word is as likely a match as one spelled alike.
    started = [candidate for candidate in candidates if word and candidate.startswith(word) and candidate != word]
    matches = list(dict.fromkeys([*started[:2], *difflib.get_close_matches(word, candidates, n=2, cutoff=0.5)]))[:2]
    if not matches:
        return verbatim("")
    if len(matches) == 1:
        return tr("; did you mean '{first}'?", first=matches[0])
    return tr("; did you mean '{first}' or '{second}'?", first=matches[0], second=matches[1])


def quoted_list(words: tuple[str, ...] | list[str]) -> Text:
    """'a', 'b' and 'c'."""
    quoted = [f"'{word}'" for word in words]
    if len(quoted) == 1:
        return verbatim(quoted[0])
    return tr("{first} and {last}", first=", ".join(quoted[:-1]), last=quoted[-1])
