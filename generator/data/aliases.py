"""Anchors and aliases (`&name`, `*name`): each alias refused at its own place, and the file still checked.

An alias repeats a value written elsewhere. The site never needs one, a
reviewer reading a change sees `*name` instead of the value, and a few lines of
aliases of aliases stand for billions of values. So each alias is an error at
its own line and column, naming the line its value is written on. The rest of
the file is still checked, with the value each alias stands for, as YAML reads it:

- the file is composed again (`compose`), each alias kept as an `AliasUse`: the
  file as written, which characters.py, corruption.py and tags.py read;
- the checker reads a copy of it (`expand`) where each alias is replaced by a copy
  of its value, whose nodes keep the places where they are written. A problem that
  the value also has where it is written (a misspelt field inside it) is that
  problem, told once, there; one found only through an alias (a citation used as a
  date basis) depends on where the alias is used, and is told at the alias, naming
  where the value is written (`settle`);
- the copies are bounded: at most as many nodes as the file has (at least 10,000).
  Beyond that (aliases of aliases), the checker reads the file as written, where an
  alias is an empty value, and what it finds at an alias is left out: the alias's
  own error is its cause.

The messages are bounded too: the first ten aliases of an anchor are told one by
one, the others in one message with their number.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import cast

import yaml

from .corruption import where_of
from .problems import Problem

_NULL_TAG = "tag:yaml.org,2002:null"
_TOLD_ONE_BY_ONE = 10
_FEWEST_COPIES = 10_000


class AliasUse(yaml.ScalarNode):
    """An alias in the file as written: an empty value at the alias's place that knows the value it repeats."""

    def __init__(self, name: str, repeats: yaml.Node, start_mark: yaml.Mark | None, end_mark: yaml.Mark | None) -> None:
        super().__init__(_NULL_TAG, "", start_mark, end_mark)
        self.name = name
        self.repeats = repeats


@dataclass(frozen=True)
class Composed:
    root: yaml.Node
    uses: tuple[AliasUse, ...]  # in the order of the file
    nodes: int  # how many nodes the file has, aliases too


def compose(text: str, loader: type) -> Composed:
    """`text` composed as yaml.compose does, but with each alias an `AliasUse` instead of the node it repeats.

    A loop over the parser's events, not recursion: nesting may be deep. Only called on text that
    yaml.compose has read, so its errors (an unknown alias, two documents) cannot occur here.
    """
    resolver = yaml.resolver.Resolver()
    anchors: dict[str, yaml.Node] = {}
    uses: list[AliasUse] = []
    open_nodes: list[tuple[yaml.Node, list[yaml.Node]]] = []  # each open collection, with a key waiting for its value
    root: yaml.Node | None = None
    nodes = 0
    for event in yaml.parse(text, Loader=loader):
        node: yaml.Node
        # The C parser's marks are a class of their own, with the same fields (as in the nodes yaml.compose makes).
        start, end = cast("yaml.Mark | None", event.start_mark), cast("yaml.Mark | None", event.end_mark)
        if isinstance(event, yaml.CollectionEndEvent):
            open_nodes.pop()[0].end_mark = end
            continue
        if isinstance(event, yaml.AliasEvent):
            node = AliasUse(event.anchor or "", anchors[event.anchor or ""], start, end)
            uses.append(node)
        elif isinstance(event, yaml.ScalarEvent):
            tag = event.tag if event.tag not in (None, "!") else resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
            node = yaml.ScalarNode(tag or "", event.value, start, end, style=event.style)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            kind = yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent) else yaml.MappingNode
            tag = event.tag if event.tag not in (None, "!") else resolver.resolve(kind, None, event.implicit)
            node = kind(tag or "", [], start, None, flow_style=event.flow_style)
        else:
            continue  # the stream's and the document's start and end
        nodes += 1
        if not isinstance(node, AliasUse) and isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            anchors[event.anchor] = node
        if not open_nodes:
            root = node
        else:
            parent, waiting = open_nodes[-1]
            if isinstance(parent, yaml.SequenceNode):
                parent.value.append(node)
            elif waiting:
                parent.value.append((waiting.pop(), node))
            else:
                waiting.append(node)
        if isinstance(node, yaml.CollectionNode):
            open_nodes.append((node, []))
    assert root is not None  # yaml.compose read a document from the same text
    return Composed(root, tuple(uses), nodes)


@dataclass(frozen=True)
class Expanded:
    root: yaml.Node
    # The copied nodes (by id) that an alias stands for, each with the alias (the outermost, for an alias within an alias's value).
    reached: Mapping[int, AliasUse]


class _TooMany(Exception):
    pass


def expand(composed: Composed) -> Expanded | None:
    """The file as YAML reads it: each alias replaced by a copy of its value; None beyond the bound on copies."""
    limit = max(_FEWEST_COPIES, composed.nodes)
    reached: dict[int, AliasUse] = {}

    def placed(node: yaml.Node, through: AliasUse | None) -> tuple[yaml.Node, yaml.Node, AliasUse | None]:
        """(the node as written, the node in its place in the copy, the alias it is reached through)."""
        if isinstance(node, AliasUse):
            through = through or node
            node = node.repeats
        if through is None and isinstance(node, yaml.ScalarNode):
            return node, node, None  # read in its own place: the same node
        copy: yaml.Node
        if isinstance(node, yaml.ScalarNode):
            copy = yaml.ScalarNode(node.tag, node.value, node.start_mark, node.end_mark, style=node.style)
        elif isinstance(node, yaml.SequenceNode):
            copy = yaml.SequenceNode(node.tag, [], node.start_mark, node.end_mark, flow_style=node.flow_style)
        else:
            copy = yaml.MappingNode(node.tag, [], node.start_mark, node.end_mark, flow_style=getattr(node, "flow_style", None))
        if through is not None:
            reached[id(copy)] = through
            if len(reached) > limit:
                raise _TooMany
        return node, copy, through

    try:
        written, top, _ = placed(composed.root, None)
        stack: list[tuple[yaml.Node, yaml.Node, AliasUse | None]] = [(written, top, None)]
        while stack:  # a stack, not recursion: nesting may be deep
            node, copy, through = stack.pop()
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    key_places, value_places = placed(key, through), placed(value, through)
                    copy.value.append((key_places[1], value_places[1]))
                    stack += [places for places in (key_places, value_places) if isinstance(places[0], yaml.CollectionNode)]
            elif isinstance(node, yaml.SequenceNode):
                for item in node.value:
                    places = placed(item, through)
                    copy.value.append(places[1])
                    if isinstance(places[0], yaml.CollectionNode):
                        stack.append(places)
    except _TooMany:
        return None
    return Expanded(top, reached)


def alias_problems(composed: Composed, file: str) -> list[Problem]:
    """Each alias, at its own place: an anchor's first ten one by one, the others in one message."""
    paths = dict(_paths(composed.root))
    by_anchor: dict[int, list[AliasUse]] = {}
    for use in composed.uses:
        by_anchor.setdefault(id(use.repeats), []).append(use)
    problems: list[Problem] = []
    for uses in by_anchor.values():
        anchored = uses[0].repeats.start_mark.line + 1
        for use in uses[:_TOLD_ONE_BY_ONE]:
            problems.append(_problem(use, composed.root, paths, file, f"the alias *{use.name} repeats the value of &{use.name} on line {anchored}", f"Write the value out in full here, as on line {anchored}."))
        if len(uses) > _TOLD_ONE_BY_ONE:
            use, others = uses[_TOLD_ONE_BY_ONE], len(uses) - _TOLD_ONE_BY_ONE - 1
            problems.append(_problem(
                use, composed.root, paths, file,
                f"the alias *{use.name} repeats the value of &{use.name} on line {anchored}, here and {others:,} more time{'s' if others != 1 else ''} below",
                f"Write the value out in full at each of them, as on line {anchored}.",
            ))
    return problems


def _problem(use: AliasUse, root: yaml.Node, paths: Mapping[int, tuple[str | int, ...]], file: str, message: str, hint: str) -> Problem:
    path = paths.get(id(use), ())
    return Problem(
        "error", file, use.start_mark.line + 1, use.start_mark.column + 1, where_of(root, path) if path else "YAML",
        f"{message}: aliases are not used in events.yaml", hint,
    )


def _paths(root: yaml.Node) -> Iterator[tuple[int, tuple[str | int, ...]]]:
    """(id, path of keys and indexes) of each alias of the file as written; the place is named only for those told."""
    stack: list[tuple[yaml.Node, tuple[str | int, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, AliasUse):
            yield id(node), path
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                stack += [(key, (*path, name)), (value, (*path, name))]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, (*path, index)) for index, item in enumerate(node.value)]


def settle(problems: Sequence[Problem], through: Mapping[int, AliasUse]) -> list[Problem]:
    """The checker's problems, each once: one found through an alias (`through`: by index) that its value's own place
    also has is left out; one found only through aliases is told at the first of them, naming where the value is written."""
    if not through:
        return list(problems)
    direct = {(p.line, p.column, p.message) for index, p in enumerate(problems) if index not in through}
    told: set[tuple[int, int, str]] = set()
    settled: list[Problem] = []
    for index, problem in enumerate(problems):
        use = through.get(index)
        if use is None:
            settled.append(problem)
            continue
        key = (problem.line, problem.column, problem.message)
        if key in direct or key in told:
            continue
        told.add(key)
        settled.append(replace(
            problem,
            line=use.start_mark.line + 1, column=use.start_mark.column + 1,
            message=f"{problem.message} (in the value the alias *{use.name} repeats, written at line {problem.line}, column {problem.column})",
        ))
    return settled
