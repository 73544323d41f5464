"""Every generated page of one language, from one timeline: the one producer that build and serve use.

Every page is plain Markdown that MkDocs (or another engine reading mkdocs.yml) can build; see
environment.py for how text from events.yaml stays text, and page.py for the front matter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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
from .repository import Repository


class LanguagePages:
    """The pages of one language."""

    def __init__(
        self, timeline: Timeline, localizer: Localizer, site_url: str | None = None,
        repository: Repository | None = None, handwritten_home: str | None = None, today: dt.date | None = None,
    ) -> None:
        self.timeline = timeline
        self.L = localizer
        self.handwritten_home = handwritten_home
        self.context = PageContext(timeline, localizer, site_url, repository, today)
        self.periods = Periods(timeline, localizer)

    @cached_property
    def lists(self) -> ListPages:
        return ListPages(self.context, self.periods)

    @cached_property
    def makers(self) -> dict[str, Callable[[], Page]]:
        """Every generated page's docs-folder path, in the order a build writes them, and the function that makes it."""
        lists, context, periods = self.lists, self.context, self.periods
        makers: dict[str, Callable[[], Page]] = {HOME: lambda: lists.home(self.handwritten_home), TIMELINE: lists.timeline_page}
        if periods.split:
            makers.update((timeline_year_source(year.year), partial(lists.year_page, year.year)) for year in periods.years)
        makers.update({SOURCES: lists.sources_page, ENTITIES: lists.entities_page, ENTITY_IDS: lists.entity_ids_page})
        makers.update((event_source(event.id), partial(event_page, context, periods, event)) for event in self.timeline.events)
        makers.update((entity_source(key), partial(entity_page, context, entity)) for key, entity in self.timeline.entities.items())
        return makers

    def addresses(self) -> list[str]:
        """The docs-folder path of every generated page."""
        return list(self.makers)

    def page(self, path: str) -> Page:
        """The generated page at `path`; KeyError when there is none."""
        return self.makers[path]()

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
