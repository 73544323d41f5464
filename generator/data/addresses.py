"""Where every page of a language lives, and the names and lengths that are therefore taken.

One list, read by both the checker (an event or entity id that would land on
a generated page, or that is too long to be a file name, is refused with its
line) and the build (a hand-written page in docs/<lang>/ that would be served
at a generated page's address, or overwrite a file the build writes, is
refused with its file name). MkDocs runs with use_directory_urls, so
`timeline.md` and `timeline/index.md` are one address: `timeline/`.
A long timeline is split into one page per year (`timeline/<year>/`, see
timeline_years.py), so the folder `timeline/` belongs to generated pages at
every size: a hand-written page there would clash as soon as the timeline grew.
"""

from __future__ import annotations

import posixpath

# Generated pages, as sources in the docs folder of a language.
HOME, TIMELINE, SOURCES, ENTITIES = "index.md", "timeline.md", "sources.md", "entities/index.md"
EVENTS_FOLDER, ENTITIES_FOLDER = "events", "entities"
# The pages of a timeline split by year: timeline/<year>.md, served at timeline/<year>/.
TIMELINE_FOLDER = TIMELINE.removesuffix(".md")
# Pages for the maintainers, generated like the others but kept out of the navigation:
# the contributing page links to them.
MAINTAINERS_FOLDER = "maintainers"
ENTITY_IDS = f"{MAINTAINERS_FOLDER}/entity-ids.md"  # every entity id, kind, label and alias
STYLESHEET = "assets/timeline.css"  # the generator's stylesheet, copied into every language
# The embed page of a language (embed.html.j2), written beside MkDocs' pages: a whole document for an <iframe>.
EMBED_FOLDER = "embed"
EMBED = EMBED_FOLDER + "/"

# The data exports of a language (generator/exports/paths.py): its feed, and a folder of data files.
FEED, DATA_FOLDER = "feed.xml", "data"

# Folders whose every address belongs to generated pages (one per event or entity, one per year of a long
# timeline, the embed page, the maintainers' pages) or data files, plus `search/`, where MkDocs' search plugin writes when a configuration turns it on.
GENERATED_FOLDERS = (EVENTS_FOLDER, ENTITIES_FOLDER, TIMELINE_FOLDER, EMBED_FOLDER, MAINTAINERS_FOLDER, DATA_FOLDER, "search")
# Files each language's build writes besides its pages: our stylesheet, the
# feed, and what MkDocs and Material write from their templates.
# The search dialog script is written by the engine (engine/hooks.py).
GENERATED_FILES = (STYLESHEET, FEED, "404.html", "sitemap.xml", "sitemap.xml.gz", "assets/javascripts/pagefind-dialog.js")

# `index` would be the page of the folder itself (events/index.md is served at
# events/, entities/index.md is the list of entities), so no event or entity may take it.
RESERVED_IDS = frozenset({"index"})
# Ids become folder names (site/en/events/<id>/index.html, build/en/docs/events/<id>.md).
# File systems allow 255 bytes per name; a short limit also keeps addresses readable
# and leaves room for the folders above them.
MAX_ID_LENGTH = 100


def event_source(event_id: str) -> str:
    return f"{EVENTS_FOLDER}/{event_id}.md"


def entity_source(entity_id: str) -> str:
    return f"{ENTITIES_FOLDER}/{entity_id}.md"


def timeline_year_source(year: int) -> str:
    """The page of one year of a split timeline: 'timeline/2025.md', served at 'timeline/2025/'."""
    return f"{TIMELINE_FOLDER}/{year}.md"


def page_url(source: str) -> str:
    """The address of a page source, relative to its language's root: 'events/x.md' -> 'events/x/', 'index.md' -> ''."""
    stem = source.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def event_page(event_id: str) -> str:
    """An event page's address under its language's root: 'events/<id>/', stable forever."""
    return page_url(event_source(event_id))


def entity_page(entity_id: str) -> str:
    return page_url(entity_source(entity_id))


# The pages templates link to by name (`url_for('timeline')`, `url_for('event', id)`).
# Generated pages by name, and the hand-written methodology page, which the status badges link to.
NAMED_PAGES = {"home": HOME, "timeline": TIMELINE, "sources": SOURCES, "entities": ENTITIES, "entity_ids": ENTITY_IDS, "methodology": "methodology.md"}


def named_page(name: str, item_id: str | None = None) -> str:
    """The address of a generated page by its name, e.g. ('event', 'llama-4') -> 'events/llama-4/'."""
    if name == "event" and item_id is not None:
        return event_page(item_id)
    if name == "entity" and item_id is not None:
        return entity_page(item_id)
    if name in NAMED_PAGES and item_id is None:
        return page_url(NAMED_PAGES[name])
    raise ValueError(f"no page named {name!r}" + (f" with an id ({item_id!r})" if item_id is not None else ""))


def id_problem(item_id: str, *, is_page: bool) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) when an id cannot be an address; None when it can.

    `is_page`: the id names a page of its own (an event or an entity), not only an anchor (a source).
    """
    if len(item_id) > MAX_ID_LENGTH:
        return (
            f"the id is {len(item_id)} characters long, more than the {MAX_ID_LENGTH} an address may have",
            f"Shorten it to at most {MAX_ID_LENGTH} characters, e.g. '{_shortened(item_id)}'",
        )
    if is_page and item_id in RESERVED_IDS:
        return (
            f"the id '{item_id}' is a name the site uses for its own pages",
            f"Choose another id, e.g. '{item_id}-1'; reserved ids: {', '.join(sorted(RESERVED_IDS))}",
        )
    return None


def _shortened(item_id: str) -> str:
    cut = item_id[:MAX_ID_LENGTH]
    return cut.rsplit("-", 1)[0] if "-" in cut else cut


def address(source: str) -> str:
    """The file MkDocs writes for a docs file (POSIX, relative): 'timeline.md' and 'timeline/index.md' -> 'timeline/index.html'."""
    parent, name = posixpath.split(source)
    stem, extension = posixpath.splitext(name)
    if extension.lower() not in (".md", ".markdown", ".mdown", ".mkdn", ".mkd"):
        return source  # not a page: copied as it is
    stem = "index" if stem == "README" else stem  # MkDocs serves README.md as its folder's index
    return posixpath.join(parent, "index.html") if stem == "index" else posixpath.join(parent, stem, "index.html")


def clash(source: str, generated_pages: frozenset[str]) -> str | None:
    """Why a hand-written docs file may not exist (it would replace or hide generated output); None when it may.

    `generated_pages`: the addresses (see `address`) of the generated pages.
    """
    target = address(source)
    if source == HOME:
        return None  # the hand-written home is merged into the generated one
    url = target.removesuffix("index.html")
    if target in generated_pages:
        return f"a generated page has this address ({url}), so one of the two would be lost; rename the hand-written page"
    if target in GENERATED_FILES:
        return f"the build writes {target} itself and would overwrite this file; rename the hand-written file"
    folder = target.split("/", 1)[0]
    if "/" in target and folder in GENERATED_FOLDERS:
        return f"the folder {folder}/ belongs to generated pages; move the hand-written file elsewhere"
    return None
