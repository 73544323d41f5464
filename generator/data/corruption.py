"""Valid YAML that does not say what the maintainer meant: texts changed without a word.

YAML accepts these, so the checker's rules see a well-formed value, but the
text on the site would differ from the one typed:

- ` #` after an unquoted text starts a comment: the rest of the line is dropped;
- typographic quotation marks (‘…’, “…”, «…») are not YAML quotes: they stay in the text;
- a stray ' or " at one end of a text, left over from quoting;
- an Arabic comma (،) in a [flow, list] does not separate items: the list has one item.

Only free-text fields are looked at (titles, summaries, quotes, notes, labels…):
a comment after an id, a date or a status is ordinary and stays silent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import yaml

from .fields import SECTIONS, Kind
from .problems import Problem

_NULL_TAG = "tag:yaml.org,2002:null"


def _named(kind: Kind) -> frozenset[str]:
    return frozenset(field.name for section in SECTIONS for field in section.fields if field.kind is kind)


# Fields whose value is a text, a mapping of language -> text, a list of texts or a list of ids (fields.py).
TEXT_FIELDS = _named(Kind.TEXT)
LOCALIZED_FIELDS = _named(Kind.LOCALIZED)
TEXT_LIST_FIELDS = _named(Kind.TEXTS)
ID_LIST_FIELDS = _named(Kind.IDS)
# Joined once, not for each of the file's scalars.
_LIST_FIELDS = ID_LIST_FIELDS | TEXT_LIST_FIELDS
_TEXT_OR_LOCALIZED_FIELDS = TEXT_FIELDS | LOCALIZED_FIELDS
# Opening mark -> closing marks that may end a text it opens.
TYPOGRAPHIC_QUOTES = {
    "‘": "’", "’": "’", "‚": "‘’", "“": "”", "”": "”", "„": "“”", "«": "»", "»": "«", "‹": "›", "›": "‹", "「": "」", "『": "』",
}
ARABIC_COMMA = "،"

Path = tuple[str | int, ...]


def explain(found: Iterable[Problem], root: yaml.Node | None, text: str, file: str) -> tuple[Problem, ...]:
    """`found` plus the silent corruptions of `root`; a problem found at the very place
    of a corruption error is left out, since the corruption is its cause (an unknown
    entity 'meta، bloomberg' is one list item where two were meant)."""
    corruptions = tuple(corruption_problems(root, text, file)) if root is not None else ()
    explained = {(p.line, p.column) for p in corruptions if p.severity == "error"}
    return tuple(p for p in found if (p.line, p.column) not in explained) + corruptions


def corruption_problems(root: yaml.Node, text: str, file: str) -> Iterator[Problem]:
    lines = text.split("\n")  # YAML's lines: splitlines() would also break at U+2028, NEL, form feeds…
    for path, node, parent in _scalars(root, ()):
        # The place's name (`where_of`) is only worked out for a problem: a file has a hundred thousand scalars.
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if _is_item_of(path, parent, _LIST_FIELDS) and getattr(parent, "flow_style", False) and not node.style and ARABIC_COMMA in node.value:
            yield _arabic_comma(node, path, where_of(root, path), file)
        if not _is_text(path, parent) or node.tag == _NULL_TAG:
            continue
        if not node.style:
            rest = lines[node.end_mark.line][node.end_mark.column :] if node.end_mark.line < len(lines) else ""
            if rest.lstrip(" \t").startswith("#"):
                yield _cut_by_comment(node, rest, where_of(root, path), file)
            if typographic := _typographic_quotes(node.value):
                yield Problem(
                    "warning", file, line, column, where_of(root, path),
                    f"the text is wrapped in {typographic}, which YAML keeps as part of the text",
                    "These quotation marks are part of the text; YAML quotes are ' or \". Remove them, or put the text in ' or \" if it needs quoting.",
                )
        if stray := _stray_quote(node.value):
            yield Problem(
                "warning", file, line, column, where_of(root, path),
                f"a stray {stray} is left at one end of the text",
                f"Remove it, or add the {stray} that should match it; the site would show it as written.",
            )


def _scalars(node: yaml.Node, path: Path, parent: yaml.Node | None = None) -> Iterator[tuple[Path, yaml.ScalarNode, yaml.Node]]:
    """Every scalar value (not key) with its path of keys and list indexes, and its parent node."""
    stack: list[tuple[yaml.Node, Path, yaml.Node | None]] = [(node, path, parent)]
    while stack:
        current, at, above = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            if above is not None:
                yield at, current, above
        elif isinstance(current, yaml.MappingNode):
            for key, value in reversed(current.value):
                if isinstance(key, yaml.ScalarNode):
                    stack.append((value, (*at, key.value), current))
        elif isinstance(current, yaml.SequenceNode):
            for index, item in reversed(list(enumerate(current.value))):
                stack.append((item, (*at, index), current))


def _is_item_of(path: Path, parent: yaml.Node, fields: frozenset[str]) -> bool:
    return isinstance(parent, yaml.SequenceNode) and len(path) >= 2 and isinstance(path[-1], int) and path[-2] in fields


def _is_text(path: Path, parent: yaml.Node) -> bool:
    if len(path) < 3:  # a top-level section or an id's whole value is never a text
        return False
    last = path[-1]
    if isinstance(last, str) and last in _TEXT_OR_LOCALIZED_FIELDS:
        return True
    if isinstance(last, str) and isinstance(parent, yaml.MappingNode) and path[-2] in LOCALIZED_FIELDS:
        return True  # a language key under a localized field
    return _is_item_of(path, parent, TEXT_LIST_FIELDS) or (last in TEXT_LIST_FIELDS)


def where_of(root: yaml.Node, path: Path) -> str:
    """The place as the checker names it: "event 'harbour-bridge-opens', title.en"."""
    if not path:
        return "file"
    section, rest = path[0], path[1:]
    head = str(section)
    if section in ("sources", "entities") and rest:
        head, rest = f"{'source' if section == 'sources' else 'entity'} '{rest[0]}'", rest[1:]
    elif section == "events" and rest and isinstance(rest[0], int):
        head, rest = _event_name(root, rest[0]), rest[1:]
    tail = ""
    for part in rest:
        tail += f"[{part}]" if isinstance(part, int) else (f".{part}" if tail else str(part))
    return f"{head}{tail}" if tail.startswith("[") else f"{head}, {tail}" if tail else head


def _event_name(root: yaml.Node, index: int) -> str:
    events = next((value for key, value in root.value if key.value == "events"), None) if isinstance(root, yaml.MappingNode) else None
    if isinstance(events, yaml.SequenceNode) and index < len(events.value) and isinstance(events.value[index], yaml.MappingNode):
        for key, value in events.value[index].value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode) and value.value.strip():
                return f"event '{value.value.strip()}'"
    return f"events[{index}]"


def quoted(value: str) -> str:
    """`value` as a double-quoted YAML text."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _cut_by_comment(node: yaml.ScalarNode, rest: str, where: str, file: str) -> Problem:
    hash_column = node.end_mark.column + len(rest) - len(rest.lstrip(" \t")) + 1
    comment = rest.lstrip(" \t")
    return Problem(
        "warning", file, node.end_mark.line + 1, hash_column, where,
        f"the text stops before '{comment[:20]}{'…' if len(comment) > 20 else ''}': after a space, # starts a comment, so the site shows only '{node.value}'",
        f"Put the whole text in quotes: {quoted(node.value + rest.rstrip())}; if it is a real comment, move it to a line of its own.",
    )


def _typographic_quotes(value: str) -> str:
    """'‘ ’' when the whole text is wrapped in typographic quotation marks, else ''."""
    if len(value) >= 2 and value[-1] in TYPOGRAPHIC_QUOTES.get(value[0], ""):
        inner = value[1:-1]
        if value[0] not in inner and value[-1] not in inner:  # «a» and «b»: two quotations, not a wrapper
            return f"{value[0]} {value[-1]}"
    return ""


def _stray_quote(value: str) -> str:
    """The quote mark left at either end without its pair, or ''."""
    text = value.strip()
    for mark in ("'", '"'):
        if not (text.startswith(mark) or text.endswith(mark)):
            continue
        # An apostrophe between letters (O'Neill, ما'قال) is part of a word, not a quotation mark.
        unpaired = [i for i, ch in enumerate(text) if ch == mark and not (mark == "'" and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha())]
        if len(unpaired) % 2 == 1:
            return mark
    return ""


def _arabic_comma(node: yaml.ScalarNode, path: Path, where: str, file: str) -> Problem:
    items = [part.strip() for part in node.value.split(ARABIC_COMMA)]
    is_ids = path[-2] in ID_LIST_FIELDS
    return Problem(
        "error" if is_ids else "warning", file, node.start_mark.line + 1, node.start_mark.column + 1, where,
        f"'{node.value}' is read as one item: an Arabic comma (،) does not separate the items of a list",
        f"Separate items with a Latin comma: [{', '.join(items)}].",
    )
