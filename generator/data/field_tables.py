"""The field tables of the guide (guide/data-model.md), generated from the field description in fields.py.

Each table sits between marker comments, `<!-- fields:event -->` and
`<!-- /fields -->` (and `<!-- values:status -->` for the statuses), so the
prose around it stays hand-written while the table cannot drift from the
checker: a test compares them, and `python -m generator schema --write`
rewrites them.
"""

from __future__ import annotations

import re
from pathlib import Path

from .fields import EVENT, FILE, SECTIONS, STATUS_MEANINGS, Section

_BLOCK = re.compile(r"(<!-- (fields|values):([a-z_]+) -->\n)(.*?)(<!-- /\2 -->)", re.S)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def field_table(section: Section) -> str:
    rows = [f"| `{field.name}` | {field.required_text} | {_cell(field.help_with_limit)} |" for field in section.fields]
    return "\n".join(["| field | required | meaning |", "|---|---|---|", *rows]) + "\n"


def status_table() -> str:
    rows = [f"| `{value}` | {_cell(STATUS_MEANINGS[value])} |" for value in EVENT.field("status").values]
    return "\n".join(["| status | meaning |", "|---|---|", *rows]) + "\n"


def table(kind: str, name: str) -> str:
    """The generated table for a marker: ("fields", "event") or ("values", "status")."""
    if kind == "values" and name == "status":
        return status_table()
    section = next((section for section in SECTIONS if section.name == name and section is not FILE), None)
    if kind != "fields" or section is None:
        raise ValueError(f"no table is generated for <!-- {kind}:{name} -->")
    return field_table(section)


def tables_in(text: str) -> dict[str, str]:
    """The tables found between markers, by marker ("fields:event")."""
    return {f"{match.group(2)}:{match.group(3)}": match.group(4) for match in _BLOCK.finditer(text)}


def regenerated(text: str) -> str:
    """The text with every marked table replaced by the generated one."""
    return _BLOCK.sub(lambda match: match.group(1) + table(match.group(2), match.group(3)) + match.group(5), text)


def write_tables(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    page.write_text(regenerated(text), encoding="utf-8")
