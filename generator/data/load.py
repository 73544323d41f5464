"""Read events.yaml into YAML nodes that remember their line and column.

We stop at PyYAML's node level (compose) instead of constructing Python
objects: nodes keep their source marks for error messages, nothing arbitrary
is ever constructed, and each scalar keeps the exact text the maintainer
wrote, so YAML's implicit typing (`no` -> False, `2025` -> int) cannot change
its meaning.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

import yaml

from . import aliases
from .characters import readable_copy
from .problems import Problem
from .syntax import explain_syntax_error
from .tags import tag_problems

try:  # The C loader is much faster on large files; fall back when absent.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


@dataclass(frozen=True)
class Loaded:
    root: yaml.Node | None  # the file as written, each alias an aliases.AliasUse; None when it cannot be read
    problems: tuple[Problem, ...]
    # Places (1-based line, column) whose value a problem above makes unreliable (a tag: `!!null x`, a
    # merge key): what else is found at them is left out, since that problem is its cause.
    explained: frozenset[tuple[int, int]] = frozenset()
    checked: yaml.Node | None = None  # what the checker reads: `root` with each alias's value in its place
    reached: Mapping[int, aliases.AliasUse] = field(default_factory=dict)  # the nodes of `checked` an alias stands for


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
    """Compose `text` into nodes; YAML syntax errors, tags, aliases and merge keys become problems.

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
    if "*" in readable and "&" in readable and _shares_nodes(root):
        # An alias makes the tree a graph, which a walk could follow billions of times: read the file again,
        # each alias a node of its own (aliases.py).
        composed = aliases.compose(readable, _SafeLoader)
        root, uses = composed.root, composed.uses
        expanded = aliases.expand(composed)
        refused = aliases.alias_problems(composed, file)
    else:
        uses, expanded, refused = (), None, []
    merges = _merge_keys(root, file)
    tags = tag_problems(readable, root, file, _SafeLoader)
    explained = {(p.line, p.column) for p in merges} | tags.places
    if uses and expanded is None:  # too many copies: the checker reads each alias as an empty value
        explained |= {position(use) for use in uses}
    if merges:  # the checker does not read the fields a merge key brings in: it would call them missing
        return Loaded(root, (*refused, *merges, *tags.problems), frozenset(explained))
    return Loaded(
        root, (*refused, *merges, *tags.problems), frozenset(explained),
        checked=expanded.root if expanded is not None else root, reached=expanded.reached if expanded is not None else {},
    )


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


def _shares_nodes(root: yaml.Node) -> bool:
    """Whether a node is reached twice (an alias repeats it), looking at each node once."""
    seen: set[int] = set()
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return False


def _merge_keys(root: yaml.Node, file: str) -> list[Problem]:
    """Merge keys (`<<: {…}`, `<<: *defaults`): the fields they bring in are not written where they apply."""
    problems: list[Problem] = []
    stack: list[yaml.Node] = [root]
    while stack:  # only collections: a file has hundreds of thousands of scalars, and a key is looked at in its mapping
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag == "tag:yaml.org,2002:merge":
                    line, column = position(key)
                    problems.append(Problem("error", file, line, column, "YAML", "merge keys (<<) are not supported", "Write the fields out in full."))
                if isinstance(key, yaml.CollectionNode):
                    stack.append(key)
                if isinstance(value, yaml.CollectionNode):
                    stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack += [item for item in node.value if isinstance(item, yaml.CollectionNode)]
    return problems
