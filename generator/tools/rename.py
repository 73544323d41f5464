"""`rename OLD NEW`: a source, entity or event id renamed, with every reference to it, every other byte kept.

The file is composed by the checker's own loader; each place that holds the
id (its definition, and every citation, date basis, `entities` list and
`conflicts_with` list naming it) is changed at the line and column the loader
gives, and nothing else: comments, quoting, blank lines, the byte-order mark
and the line endings stay as they were. Nothing is written unless the file
passed the checker before and passes it after; then it is written all at once
(`files.write_edited`).

An event id is the event's address, promised to be stable: a renamed event
keeps its old id under `moved_from`, and the build writes a page at the old
address that leads to the new one (site/redirects.py).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.data.addresses import ENTITIES_FOLDER, EVENTS_FOLDER, id_problem
from generator.data.checker import check_text
from generator.data.errors import UsageError
from generator.data.files import read_to_edit, write_edited
from generator.data.load import load_nodes
from generator.data.readers import SLUG, slug_hint
from generator.data.reporting import did_you_mean
from generator.site.site_languages import site_languages

KINDS = ("source", "entity", "event")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Edit:
    start: int  # offsets in the text
    end: int
    text: str
    line: int  # 1-based, for the report


def _mapping(node: yaml.Node | None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: (key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _items(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) and not node.tag.endswith(":null") else None


class Places:
    """Offsets of (line, column) positions in the text, counted as YAML counts them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]

    def offset(self, mark: yaml.Mark) -> int:
        return self.starts[mark.line] + mark.column

    def line_after(self, mark: yaml.Mark) -> int:
        """The offset where the line after `mark`'s line starts (the text's end on the last line)."""
        return self.starts[mark.line + 1] if mark.line + 1 < len(self.starts) else len(self.text)


@dataclass(frozen=True)
class Found:
    kind: str
    definition: yaml.Node  # the key (source, entity) or the `id` value (event)
    references: tuple[yaml.Node, ...]
    event: yaml.MappingNode | None  # the renamed event's mapping


def _events(root: yaml.Node) -> list[dict[str, tuple[yaml.Node, yaml.Node]]]:
    return [_mapping(event) for event in _items(_mapping(root).get("events", (None, None))[1])]


def ids_of(root: yaml.Node, kind: str) -> dict[str, yaml.Node]:
    """Every id of a kind, with the node that defines it; events' former ids (`moved_from`) too."""
    if kind != "event":
        section = "sources" if kind == "source" else "entities"
        return {name: key for name, (key, _) in _mapping(_mapping(root).get(section, (None, None))[1]).items()}
    found: dict[str, yaml.Node] = {}
    for event in _events(root):
        if (value := _scalar(event.get("id", (None, None))[1])) is not None:
            found.setdefault(value, event["id"][1])
        for former in _items(event.get("moved_from", (None, None))[1]):
            if (value := _scalar(former)) is not None:
                found.setdefault(value, former)
    return found


def _references(root: yaml.Node, kind: str, old: str) -> Iterator[yaml.Node]:
    for event in _events(root):
        if kind == "source":
            basis = _mapping(event.get("date_basis", (None, None))[1])
            places: list[yaml.Node | None] = [basis.get("source", (None, None))[1]]
            places += [_mapping(citation).get("source", (None, None))[1] for citation in _items(event.get("citations", (None, None))[1])]
        else:
            places = list(_items(event.get("entities" if kind == "entity" else "conflicts_with", (None, None))[1]))
        yield from (node for node in places if node is not None and _scalar(node) == old)


def find(root: yaml.Node, old: str, kind: str | None) -> Found:
    kinds = [kind] if kind else [k for k in KINDS if old in ids_of(root, k)]
    if not kinds or old not in ids_of(root, kinds[0]):
        known = [name for k in ([kind] if kind else KINDS) for name in ids_of(root, k)]
        what = f"no {kind} has" if kind else "no source, entity or event has"
        raise UsageError(f"{what} the id '{old}'{did_you_mean(old, known) or '.'}")
    if len(kinds) > 1:
        raise UsageError(f"'{old}' is the id of a {' and of an '.join(kinds)}; say which with --kind {'/'.join(kinds)}.")
    found_kind = kinds[0]
    definition = ids_of(root, found_kind)[old]
    event = None
    if found_kind == "event":
        event = next(
            (node for node in _items(_mapping(root)["events"][1]) if isinstance(node, yaml.MappingNode) and _scalar(_mapping(node).get("id", (None, None))[1]) == old),
            None,
        )
        if event is None:  # `old` is only a former id
            raise UsageError(f"'{old}' is a former id of an event (under moved_from); rename the event by its current id.")
    return Found(found_kind, definition, tuple(_references(root, found_kind, old)), event)


def refusal(root: yaml.Node, found: Found, old: str, new: str) -> str | None:
    """Why `new` cannot replace `old`, or None."""
    if new == old:
        return f"'{new}' is already the id; give a different one."
    if not SLUG.fullmatch(new):
        return f"the id '{new}' is not a slug. {str(slug_hint(new)).rstrip('.')}."
    if (problem := id_problem(new, is_page=found.kind != "source")) is not None:
        return f"{problem[0]}. {problem[1]}."
    taken = ids_of(root, found.kind)
    if new in taken:
        former = found.kind == "event" and _scalar(taken[new]) == new and taken[new] not in {
            _mapping(event).get("id", (None, None))[1] for event in _items(_mapping(root)["events"][1])
        }
        line = taken[new].start_mark.line + 1
        if former:
            return f"'{new}' is a former id of an event (line {line}): its address leads there. Choose another id."
        return f"another {found.kind} already has the id '{new}' (line {line}). Choose another id."
    return None


def _replace(places: Places, node: yaml.Node, old: str, new: str) -> Edit:
    start, end = places.offset(node.start_mark), places.offset(node.end_mark)
    written = places.text[start:end]
    style = next((quote for quote in ("", "'", '"') if written == f"{quote}{old}{quote}"), None)
    if style is None:  # an escaped or folded spelling: never guess at other bytes
        raise UsageError(f"line {node.start_mark.line + 1}: the id is written in a way rename cannot change safely ({written!r}); write it as plain '{old}' and try again.")
    if not style and yaml.safe_load(new) != new:  # `2025`, `true`: YAML would read another kind of value
        style = "'"
    return Edit(start, end, f"{style}{new}{style}", node.start_mark.line + 1)


def _keep_former(places: Places, event: yaml.MappingNode, old: str, newline: str) -> Edit:
    """`old` added to the event's `moved_from` (the field added after `id` when absent)."""
    fields = _mapping(event)
    if "moved_from" in fields:
        listed = fields["moved_from"][1]
        if not isinstance(listed, yaml.SequenceNode):
            raise UsageError(f"line {listed.start_mark.line + 1}: moved_from is not a list; make it one and try again.")
        if listed.flow_style:
            closing = places.offset(listed.end_mark) - 1
            return Edit(closing, closing, (", " if listed.value else "") + old, listed.start_mark.line + 1)
        last = listed.value[-1]
        at = places.line_after(last.end_mark)
        ending = "" if at == len(places.text) and not places.text.endswith(("\n", "\r")) else newline
        return Edit(at, at, ("" if ending else newline) + " " * listed.start_mark.column + f"- {old}" + ending, last.end_mark.line + 2)
    key, value = fields["id"]
    if event.flow_style:
        at = places.offset(value.end_mark)
        return Edit(at, at, f", moved_from: [{old}]", value.start_mark.line + 1)
    at = places.line_after(value.end_mark)
    ending = newline if at < len(places.text) or places.text.endswith(("\n", "\r")) else ""
    return Edit(at, at, ("" if ending else newline) + " " * key.start_mark.column + f"moved_from: [{old}]" + ending, value.start_mark.line + 2)


def renamed(text: str, old: str, new: str, kind: str | None, newline: str) -> tuple[str, Found, list[Edit]]:
    root = load_nodes(text, "events.yaml").root
    if root is None:
        raise UsageError("the file cannot be read as YAML; run `python -m generator check` and fix it first.")
    found = find(root, old, kind)
    if (why := refusal(root, found, old, new)) is not None:
        raise UsageError(f"cannot rename {found.kind} '{old}' to '{new}': {why}")
    places = Places(text)
    unique = {id(node): node for node in (found.definition, *found.references)}  # an anchored value is changed once
    edits = [_replace(places, node, old, new) for node in unique.values()]
    if found.event is not None:
        edits.append(_keep_former(places, found.event, old, newline))
    for edit in sorted(edits, key=lambda edit: edit.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text, found, edits


def rename(events: Path, old: str, new: str, kind: str | None = None, docs: Path = Path("docs")) -> str:
    """Rename in the file; returns what was done, in a sentence. UsageError when it cannot be done."""
    file = read_to_edit(events)
    before = check_text(file.text, file=str(events), languages=site_languages(events.parent / "mkdocs.yml"))
    if before.errors:
        raise UsageError(f"{events} has errors; run `python -m generator check {events}`, fix them, then try again.")
    updated, found, edits = renamed(file.text, old, new, kind, file.newline)
    after = check_text(updated, file=str(events), languages=site_languages(events.parent / "mkdocs.yml"))
    if after.errors:  # never leave a broken file behind
        raise UsageError(f"{events} was not changed: renamed, it would not pass the checker:\n" + "\n".join(p.text for p in after.errors))
    write_edited(file, updated)
    renamed_places = edits[: len(edits) - (found.event is not None)]
    references = len(renamed_places) - 1
    lines = ", ".join(str(edit.line) for edit in sorted(renamed_places, key=lambda edit: edit.start))
    said = f"{events}: renamed {found.kind} '{old}' to '{new}' and {references} reference{'s' * (references != 1)} to it (line{'s' * (references > 0)} {lines})."
    if found.kind == "event":
        said += (
            f"\nIts old address {EVENTS_FOLDER}/{old}/ is kept under moved_from (line {edits[-1].line}): "
            f"the next build writes a page there that leads to {EVENTS_FOLDER}/{new}/."
        )
    elif found.kind == "entity":
        said += f"\nThe entity's page moves from {ENTITIES_FOLDER}/{old}/ to {ENTITIES_FOLDER}/{new}/."
    if found.kind != "source":
        folder = EVENTS_FOLDER if found.kind == "event" else ENTITIES_FOLDER
        for place in links_to(docs, folder, old):
            said += f"\n{place}: links to {folder}/{old}/; change the link to {folder}/{new}/ (hand-written pages are not changed)."
    return said


def links_to(docs: Path, folder: str, old: str) -> list[str]:
    """'docs/en/x.md:12' for each line of a hand-written page that links to the old address (to be told, not changed)."""
    pattern = re.compile(rf"{re.escape(folder)}/{re.escape(old)}(?:/|\.md\b)")
    found = []
    for page in sorted(docs.rglob("*.md")) if docs.is_dir() else ():
        try:
            lines = page.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        found += [f"{page}:{number}" for number, line in enumerate(lines, 1) if pattern.search(line)]
    return found


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "rename", help="rename a source, entity or event id and every reference to it",
        description="Rename a source, entity or event id in events.yaml, with every citation, date basis, entity list and "
        "conflicts_with that names it, keeping every other byte. A renamed event keeps its old address: the old id goes "
        "under moved_from and the build writes a page there that leads to the new one.",
    )
    parser.add_argument("old", metavar="OLD", help="the id to rename")
    parser.add_argument("new", metavar="NEW", help="the new id (a lowercase slug, e.g. 'harbour-bridge-opens')")
    parser.add_argument("--kind", choices=KINDS, help="what OLD names, when a source, entity or event share it")
    parser.add_argument("--events", default="events.yaml", type=Path, help="the events file (default: events.yaml)")
    parser.add_argument("--docs", default="docs", type=Path, help="hand-written pages, searched for links to the old address (default: docs)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    print(rename(args.events, args.old, args.new, args.kind, args.docs), file=sys.stdout)
    return 0
