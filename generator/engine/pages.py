"""How MkDocs reads a page's front matter."""

from __future__ import annotations

from typing import Any

from mkdocs.utils.meta import get_data


def read_front_matter(text: str) -> tuple[str, dict[str, Any]]:
    """(body, metadata) as MkDocs reads them; front matter it cannot parse stays in the body."""
    body, meta = get_data(text)
    return body, meta
