"""`links --archive --write`: each snapshot found recorded as its source's `archive_url` in events.yaml.

One line is inserted after the source's `url:` line and every other byte is
kept; the file is checked again before it is replaced, all at once (see
`files.write_edited`), and left as it was when a line cannot be placed safely.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

import yaml

from generator.data.checker import check_text
from generator.data.files import read_to_edit, write_edited
from generator.data.load import load_nodes
from generator.site.site_languages import site_languages


def insert_archive_urls(text: str, archive_urls: Mapping[str, str], newline: str) -> str:
    """`text` with an `archive_url:` line after the `url:` line of each source, ending in `newline`; nothing else changes."""
    root = load_nodes(text, "events.yaml").root
    sections = {key.value: value for key, value in root.value} if isinstance(root, yaml.MappingNode) else {}
    sources = sections.get("sources")
    lines = text.splitlines(keepends=True)
    insertions: list[tuple[int, str]] = []
    if isinstance(sources, yaml.MappingNode):
        for key, value in sources.value:
            if key.value not in archive_urls or not isinstance(value, yaml.MappingNode):
                continue
            for field, field_value in value.value:
                if field.value == "url":
                    end = field_value.end_mark
                    after_line = end.line if end.column > 0 else end.line - 1
                    insertions.append((after_line + 1, f"{' ' * field.start_mark.column}archive_url: {archive_urls[key.value]}{newline}"))
    for at, line in sorted(insertions, reverse=True):
        if at > 0 and at <= len(lines) and not lines[at - 1].endswith(("\n", "\r")):
            lines[at - 1] += newline
        lines.insert(at, line)
    return "".join(lines)


def write_archive_urls(events: Path, archive_urls: Mapping[str, str]) -> bool:
    file = read_to_edit(events)
    updated = insert_archive_urls(file.text, archive_urls, file.newline)
    result = check_text(updated, file=str(events), languages=site_languages(events.parent / "mkdocs.yml"))
    recorded = result.timeline is not None and all(
        result.timeline.sources[source_id].archive_url == url for source_id, url in archive_urls.items()
    )
    if not recorded:
        print(f"error: {events} was not changed: the archive_url lines could not be placed safely; add them by hand.", file=sys.stderr)
        return False
    write_edited(file, updated)
    print(f"{events}: recorded archive_url for {', '.join(sorted(archive_urls))}")
    return True
