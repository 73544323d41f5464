"""Collecting problems at the place a YAML node was found, and the wording shared by their hints."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

import yaml

from .aliases import AliasUse
from .load import position
from .problems import Problem, Severity


class Reporter:
    """Collects every problem of one file (never raises), so a maintainer sees all of them in one run."""

    def __init__(self, file: str, reached: Mapping[int, AliasUse] | None = None) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.reached = reached or {}  # the nodes (by id) that an alias stands for (load.Loaded.reached)
        self.through_alias: dict[int, AliasUse] = {}  # the problems found at them (by index), for aliases.settle

    def report(self, severity: Severity, node: yaml.Node, where: str, message: str, hint: str) -> None:
        line, column = position(node)
        if not hint.endswith((".", "?", "!")):
            hint += "."
        if self.reached and (use := self.reached.get(id(node))) is not None:
            self.through_alias[len(self.problems)] = use
        self.problems.append(Problem(severity, self.file, line, column, where, message, hint))

    def error(self, node: yaml.Node, where: str, message: str, hint: str) -> None:
        self.report("error", node, where, message, hint)

    def warning(self, node: yaml.Node, where: str, message: str, hint: str) -> None:
        self.report("warning", node, where, message, hint)


def did_you_mean(word: str, candidates: list[str]) -> str:
    """'; did you mean 'x'?' or '' — for hints."""
    # Long ids (outlet-date-topic) are often typed in part: an id that begins
    # with the word is as likely a match as one spelled alike.
    started = [candidate for candidate in candidates if word and candidate.startswith(word) and candidate != word]
    matches = list(dict.fromkeys([*started[:2], *difflib.get_close_matches(word, candidates, n=2, cutoff=0.5)]))[:2]
    if not matches:
        return ""
    return "; did you mean " + " or ".join(f"'{match}'" for match in matches) + "?"


def quoted_list(words: tuple[str, ...] | list[str]) -> str:
    """'a', 'b' and 'c'."""
    quoted = [f"'{word}'" for word in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
