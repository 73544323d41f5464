"""The outlets a new source's address is matched against: those the timeline's own sources name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import yaml


@dataclass(frozen=True)
class Outlet:
    """A publication whose address is known: its names, and its language when it publishes in one only."""

    key: str  # the first part of source ids
    en: str
    ar: str
    language: str | None


# The outlets a guess is made from are the file's own: a new article from a host the timeline already cites takes
# that source's outlet names, language and id stem (generator/data stays free of any one timeline's outlets). An
# unknown address gets `null` and a note, never a name.
_ID_STEM = re.compile(r"^(.+?)-(?:19|20)\d\d(?:-|$)")


def file_outlets(sources: yaml.Node | None) -> dict[str, Outlet]:
    """The outlets of the file's sources, by host (the first source of a host gives its names)."""
    found: dict[str, Outlet] = {}
    if not isinstance(sources, yaml.MappingNode):
        return found
    for key, value in sources.value:
        if not isinstance(value, yaml.MappingNode):
            continue
        fields = {name.value: node for name, node in value.value}
        url, outlet = fields.get("url"), fields.get("outlet")
        if not (isinstance(url, yaml.ScalarNode) and isinstance(outlet, yaml.MappingNode)):
            continue
        names = {name.value: node.value for name, node in outlet.value if isinstance(node, yaml.ScalarNode)}
        host = (urlsplit(url.value).hostname or "").lower().removeprefix("www.")
        language = fields.get("language")
        stem = _ID_STEM.match(key.value)
        if host and "en" in names and "ar" in names and host not in found:
            found[host] = Outlet(
                stem[1] if stem else key.value, names["en"], names["ar"],
                language.value if isinstance(language, yaml.ScalarNode) and language.value else None,
            )
    return found
