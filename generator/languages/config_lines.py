"""Where each setting under `extra.timeline` is written in a mkdocs.yml, so that a problem names its line.

Lines come from composing mkdocs.yml into PyYAML nodes: composing resolves no
tag, so `!ENV` and the other tags of MkDocs read as they are written.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml

from .options import KeyPath

# The line of a place in extra.timeline (see `lines_in`), None when it is not known.
LineFinder = Callable[[KeyPath], int | None]


def no_lines(keys: KeyPath) -> int | None:
    return None


def lines_in(text: str) -> LineFinder:
    """Where each key under extra.timeline is in a mkdocs.yml; the nearest enclosing key when that one is not there."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return no_lines
    timeline = _child(_child(root, "extra"), "timeline")

    def line_of(keys: KeyPath) -> int | None:
        node, line = timeline, _line(timeline)
        for key in keys:
            node, key_node = _step(node, key)
            if key_node is None:
                break
            line = _line(key_node)
        return line

    return line_of


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _step(node: yaml.Node | None, key: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    """(the value at key, the node that names it: the key of a mapping or the item of a list)."""
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value, key_node
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        item = node.value[key]
        return item, item
    return None, None


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    return _step(node, key)[0]
