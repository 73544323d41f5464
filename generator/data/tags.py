"""YAML tags (`!!binary`, `!foo`, `!<tag:…>`) and `%TAG` directives: refused, each at its place.

The generator reads every value as the text written (load.py), so a tag would
change nothing on the site, but every other YAML tool (an editor, a linter, a
script) reads the tagged value as something else: `!!binary aGVsbG8=` is the
bytes "hello" to them and the text "aGVsbG8=" here, `!!str null` a text
to them. A file whose values mean different things to different readers is
refused, with the tag to remove.

A tag is a token of its own, so the file's tokens are read for them, but only
when a `!` could start one (after a space, a line start, `[`, `{`, `,` or `:`)
or a line starts with `%TAG`: a file without either has none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from .corruption import where_of
from .problems import Problem

_BEFORE_A_TAG = frozenset(" \t\r\n[{,:")
_TAG_DIRECTIVE = re.compile(r"^%TAG", re.MULTILINE)


@dataclass(frozen=True)
class Tags:
    problems: tuple[Problem, ...]
    # Where each tagged node starts (1-based line, column): what the checker finds wrong there is the tag's doing.
    places: frozenset[tuple[int, int]]


def tag_problems(text: str, root: yaml.Node, file: str, loader: type) -> Tags:
    """Every tag and %TAG directive of `text` (the file as composed into `root` with `loader`)."""
    if not _may_have_tags(text):
        return Tags((), frozenset())
    tags: dict[int, tuple[yaml.Mark, str]] = {}  # the index where its node starts -> where the tag is, as written
    directives: list[tuple[yaml.Mark, str]] = []
    anchor: yaml.AnchorToken | None = None
    for token in yaml.scan(text, Loader=loader):
        written = text[token.start_mark.index : token.end_mark.index]
        if isinstance(token, yaml.TagToken):
            # A node's properties come in either order: `&a !!str x` starts at its anchor.
            start = anchor.start_mark.index if anchor is not None else token.start_mark.index
            tags[start] = (token.start_mark, written)
        elif isinstance(token, yaml.DirectiveToken) and token.name == "TAG":
            directives.append((token.start_mark, written))
        anchor = token if isinstance(token, yaml.AnchorToken) else None
    problems = [
        Problem(
            "error", file, mark.line + 1, mark.column + 1, "YAML",
            "the %TAG directive is not used in events.yaml: it names YAML tags, and YAML tags are not used either",
            f"Remove the line `{written}`.",
        )
        for mark, written in directives
    ]
    places: set[tuple[int, int]] = set()
    for node, where in _tagged(root, tags):
        mark, written = tags[node.start_mark.index]
        places.add((node.start_mark.line + 1, node.start_mark.column + 1))
        problems.append(Problem("error", file, mark.line + 1, mark.column + 1, where, *refusal(written)))
    return Tags(tuple(problems), frozenset(places))


def _may_have_tags(text: str) -> bool:
    # Each `!` found by a plain search (a pattern that starts with a class tries every place of a large file).
    if any(match.start() == 0 or text[match.start() - 1] in _BEFORE_A_TAG for match in re.finditer("!", text)):
        return True
    return "%TAG" in text and _TAG_DIRECTIVE.search(text) is not None


def refusal(written: str) -> tuple[str, str]:
    """(message, hint) for the tag `written`."""
    return (
        f"YAML tags such as {written} are not used in events.yaml: other YAML tools would read this value as something else than the text written",
        f"Remove `{written}`; a text that starts with ! is written in quotes.",
    )


def _tagged(root: yaml.Node, tags: dict[int, tuple[yaml.Mark, str]]) -> Iterator[tuple[yaml.Node, str]]:
    """The nodes that start at a tag (or at the anchor before it), keys too, each with its place as the checker names it."""
    stack: list[tuple[yaml.Node, tuple[str | int, ...]]] = [(root, ())]
    seen: set[int] = set()  # an alias repeats a node: it is looked at once
    while stack:  # a stack, not recursion: nesting may be deep
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.start_mark.index in tags:
            yield node, where_of(root, path) if path else "file"
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                stack += [(key, (*path, name)), (value, (*path, name))]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, (*path, index)) for index, item in enumerate(node.value)]
