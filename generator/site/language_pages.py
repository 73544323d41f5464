"""Every generated page of one language, from one timeline: the one producer that build and serve use.

A page is made by one function of this layer, listed here by the page's address (its path in the docs
folder); `render` makes it and gives what it read of the timeline (reader.py), so that `serve` can tell,
after a save, which pages to make again. Every page is plain Markdown that MkDocs (or another engine
reading mkdocs.yml) can build; see environment.py for how text from events.yaml stays text, and page.py
for the front matter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial

from generator.data.addresses import ENTITIES, ENTITY_IDS, HOME, SOURCES, TIMELINE, entity_source, event_source, timeline_year_source
from generator.data.model import Timeline
from generator.languages.localize import Localizer
from generator.languages.settings import Settings

from .context import PageContext
from .environment import render_template
from .item_pages import entity_page, event_page
from .list_pages import ListPages
from .page import Page
from .periods import Periods
from .reader import Reads, TimelineReader
from .repository import Repository
from .timeline_years import is_split, years_of


@dataclass(frozen=True)
class Rendered:
    """A page, and the keys of everything it read of the timeline and the settings."""

    page: Page
    reads: Reads


class LanguagePages:
    """The pages of one language: every address, and the page at each."""

    def __init__(
        self, timeline: Timeline, localizer: Localizer, site_url: str | None = None,
        repository: Repository | None = None, handwritten_home: str | None = None, today: dt.date | None = None,
    ) -> None:
        self.timeline = timeline
        self.L = localizer
        self.handwritten_home = handwritten_home
        self.reader = TimelineReader(timeline, localizer.settings)
        self.context = PageContext(self.reader, localizer, site_url, repository, today)
        self.periods = Periods(self.reader, localizer)
        self.lists = ListPages(self.context, self.periods)

    @cached_property
    def makers(self) -> dict[str, Callable[[], Page]]:
        """Every generated page's docs-folder path, in the order a build writes them, and the function that makes it."""
        lists, context, periods, timeline = self.lists, self.context, self.periods, self.timeline
        makers: dict[str, Callable[[], Page]] = {HOME: partial(lists.home, self.handwritten_home), TIMELINE: lists.timeline_page}
        if is_split(timeline, self.L.settings):
            makers.update((timeline_year_source(year), partial(lists.year_page, year)) for year in years_of(timeline))
        makers.update({SOURCES: lists.sources_page, ENTITIES: lists.entities_page, ENTITY_IDS: lists.entity_ids_page})
        makers.update((event_source(event.id), partial(event_page, context, periods, event.id)) for event in timeline.events)
        makers.update((entity_source(key), partial(entity_page, context, key)) for key in timeline.entities)
        return makers

    def addresses(self) -> list[str]:
        """The docs-folder path of every generated page."""
        return list(self.makers)

    def render(self, path: str) -> Rendered:
        """The generated page at `path`, and what it read; KeyError when there is none."""
        make = self.makers[path]
        with self.reader.recording() as reads:
            page = make()
        return Rendered(page, frozenset(reads))

    def rendered(self) -> list[Rendered]:
        """Every page, in order, with what each read."""
        return [self.render(path) for path in self.makers]

    def pages(self) -> list[Page]:
        return [make() for make in self.makers.values()]

    def embed_page(self) -> str:
        return self.lists.embed_page()


def render_language(
    timeline: Timeline, localizer: Localizer, handwritten_home: str | None = None,
    site_url: str | None = None, repository: Repository | None = None, today: dt.date | None = None,
) -> list[Page]:
    """Every generated page of a language; `today`, the build's day, decides which expectations are overdue
    (None: the data's own latest date, generator/data/iso.py `as_of`)."""
    return LanguagePages(timeline, localizer, site_url, repository, handwritten_home, today).pages()


def render_embed(timeline: Timeline, localizer: Localizer, site_url: str | None = None, today: dt.date | None = None) -> str:
    """The embed page of a language (`<lang>/embed/index.html`): a whole HTML document, no theme, no script."""
    return LanguagePages(timeline, localizer, site_url, today=today).embed_page()


def render_root(timeline: Timeline, settings: Settings) -> str:
    """The site root: a language choice that needs no JavaScript, in the site's order of languages."""
    choices = []
    for language in settings.languages:
        title = timeline.site.title.best(language.code)
        choices.append((language, title[0] if title else ""))
    default = settings.languages[0]
    description = timeline.site.description.best(default.code)
    return render_template("root.html.j2", choices=choices, default=default, description=description[0] if description else "")
