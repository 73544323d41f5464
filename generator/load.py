"""Read events.yaml into YAML nodes that remember their line and column.

We stop at PyYAML's node level (compose) instead of constructing Python
objects: nodes keep their source marks for error messages, nothing arbitrary
is ever constructed, and each scalar keeps the exact text the maintainer
wrote, so YAML's implicit typing (`no` -> False, `2025` -> int) cannot change
its meaning.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import yaml

from .characters import readable_copy
from .problems import Problem
from .syntax import explain_syntax_error

try:  # The C loader is much faster on large files; fall back when absent.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


@dataclass(frozen=True)
class Loaded:
    root: yaml.Node | None
    problems: tuple[Problem, ...]


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused, e.g. while the file becomes nodes and the model.

    Reading allocates an object per scalar and frees next to none, so the collector, run again and
    again over the growing tree, found nothing and took most of the time at thousands of events.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def position(node: yaml.Node) -> tuple[int, int]:
    """1-based (line, column) of a node."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def load_nodes(text: str, file: str) -> Loaded:
    """Compose `text` into nodes; YAML syntax errors and aliases become problems.

    Characters YAML's reader refuses (or counts as line breaks where editors do
    not) are read as U+FFFD, so that the rest of the file is still checked and
    every position is the editor's; characters.py reports them, in their field.
    """
    readable = readable_copy(text)
    try:
        root = yaml.compose(readable, Loader=_SafeLoader)
    except yaml.MarkedYAMLError as error:
        return Loaded(None, (_syntax_problem(error, readable, file),))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return Loaded(
            None,
            (Problem("error", file, line, column, "YAML", _first_line(str(error)), "Fix the YAML syntax at this place."),),
        )
    if root is None:
        return Loaded(None, (Problem("error", file, 1, 1, "file", "the file is empty", "Start from the complete example in guide/data-model.md."),))
    problems = _structure_problems(root, file, may_alias="*" in readable and "&" in readable)
    # With aliases the tree is a graph; refuse it before anything walks it.
    return Loaded(None if problems else root, tuple(problems))


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unreadable YAML"


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    what = error.problem or "invalid YAML"
    if error.context:
        what = f"{error.context}, {what}"
    hint = "Fix the YAML syntax at this place: check the indentation, and put quotes around text that contains ': ' or starts with a special character such as *, &, !, [, { or @."
    # The C loader does not name the character ("found character that cannot start any token").
    at_mark = text[mark.index : mark.index + 1] if error.problem_mark is not None and mark is not None else ""
    if at_mark == "\t" or "tab" in what.lower():
        what = "a tab character where YAML expects spaces" if at_mark == "\t" else what
        hint = "YAML indentation must use spaces, not tabs. Replace the tab with spaces."
        return Problem("error", file, line, column, "YAML", what, hint)
    if error.problem_mark is not None and (plain := explain_syntax_error(error, error.problem_mark, text)):
        (line, column), what, hint = plain
    return Problem("error", file, line, column, "YAML", what, hint)


def _structure_problems(root: yaml.Node, file: str, may_alias: bool = True) -> list[Problem]:
    """Aliases and merge keys: a shared node could make a tiny file expand enormously.

    An alias (`*name`) repeats an anchor (`&name`): in a file without both marks (`may_alias`
    False) no node is shared, so the walk neither remembers nodes nor visits the hundreds of
    thousands of scalars, and only looks at the mappings' keys for merge keys.
    """
    problems: list[Problem] = []
    seen_nodes: set[int] = set()
    stack: list[yaml.Node] = [root]

    def visit(node: yaml.Node) -> None:
        if may_alias or not isinstance(node, yaml.ScalarNode):
            stack.append(node)

    while stack:
        node = stack.pop()
        if may_alias:
            if id(node) in seen_nodes:
                line, column = position(node)
                problems.append(
                    Problem(
                        "error", file, line, column, "YAML",
                        "an alias (*name) repeats a value defined elsewhere",
                        "Write the value out in full here; anchors and aliases are not supported.",
                    )
                )
                continue
            seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag == "tag:yaml.org,2002:merge":
                    line, column = position(key)
                    problems.append(
                        Problem("error", file, line, column, "YAML", "merge keys (<<) are not supported", "Write the fields out in full.")
                    )
                visit(key)
                visit(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                visit(item)
    return problems
