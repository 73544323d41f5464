"""The guide's tables of site settings (guide/operators.md), generated from the declarations in options.py.

Each table sits between marker comments, `<!-- settings:timeline -->` (the
settings of extra.timeline) or `<!-- settings:language -->` (those of each
language) and `<!-- /settings -->`, so the prose around it stays hand-written
while the table cannot drift from what the generator accepts: a test
compares them, and `python -m generator schema --write` rewrites them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .options import LANGUAGE_OPTIONS, TIMELINE_OPTIONS, Option

# The guide's page of the settings, from the repository's root.
SETTINGS_PAGE = "guide/operators.md"
TABLES: dict[str, tuple[Option[Any], ...]] = {"timeline": TIMELINE_OPTIONS, "language": LANGUAGE_OPTIONS}
_BLOCK = re.compile(r"(<!-- settings:([a-z_]+) -->\n)(.*?)(<!-- /settings -->)", re.S)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def settings_table(name: str) -> str:
    """The table of the settings of `extra.timeline` ("timeline") or of each language ("language")."""
    options = TABLES.get(name)
    if options is None:
        raise ValueError(f"no table is generated for <!-- settings:{name} -->")
    rows = [f"| `{option.name}` | {_cell(option.takes)} | {_cell(option.shown_default)} | {_cell(option.help)} |" for option in options]
    return "\n".join(["| setting | value | default | meaning |", "|---|---|---|---|", *rows]) + "\n"


def tables_in(text: str) -> dict[str, str]:
    """The tables found between markers, by name ("timeline", "language")."""
    return {match.group(2): match.group(3) for match in _BLOCK.finditer(text)}


def regenerated(text: str) -> str:
    """The text with every marked table replaced by the generated one."""
    return _BLOCK.sub(lambda match: match.group(1) + settings_table(match.group(2)) + match.group(4), text)


def write_tables(page: Path = Path(SETTINGS_PAGE)) -> str | None:
    """Rewrite the tables of `page`; what was done, to print, or None when there is no such page (outside the repository)."""
    if not page.is_file():
        return None
    text = page.read_text(encoding="utf-8")
    page.write_text(regenerated(text), encoding="utf-8")
    return f"wrote the settings tables of {page}"
