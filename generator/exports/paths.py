"""Where the exports are published, and the absolute addresses built from a language's base URL.

A language's pages live under `<root>/<lang>/` (the site's layout), so the
site's root is the parent of a language's base URL. Shared files are
published once at the root; what is worded in a language lives under it.
"""

from __future__ import annotations

from urllib.parse import urljoin

from generator.data.addresses import DATA_FOLDER, FEED, event_page

# At the site's root, once for every language.
EVENTS_CSV = "data/events.csv"
EVENTS_JSON = "data/events.json"
EVENTS_SCHEMA = "data/events.schema.json"
SOURCES_CSL = "data/sources.csl.json"
# Under each language's folder.
TIMELINEJS = f"{DATA_FOLDER}/timeline.json"
__all__ = ["EVENTS_CSV", "EVENTS_JSON", "EVENTS_SCHEMA", "FEED", "SOURCES_CSL", "TIMELINEJS", "at_root", "event_url", "in_language"]


def normalized_base(base_url: str) -> str:
    """A base URL that ends with '/', so relative addresses resolve inside it."""
    return base_url if base_url.endswith("/") else base_url + "/"


def event_url(base_url: str, event_id: str) -> str:
    """The permanent address of an event page: `<base>/events/<id>/` (ids are slugs, so nothing escapes)."""
    return urljoin(normalized_base(base_url), event_page(event_id))


def in_language(base_url: str, path: str) -> str:
    """The address of a per-language export such as `feed.xml`."""
    return urljoin(normalized_base(base_url), path)


def at_root(base_url: str, path: str) -> str:
    """The address of a shared export: the root is the parent of the language's folder."""
    return urljoin(normalized_base(base_url), "../" + path)
