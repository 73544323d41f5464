"""What a page's template is given: the language, the timeline, the pieces and links from the page's address.

Every generated page is made here (`PageContext.page`): its template rendered with this context, its front
matter made from its title, description and share values, and its text checked for refused characters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

from markupsafe import Markup

from generator.data.addresses import named_page, page_url
from generator.data.characters import code_point, first_refused
from generator.data.dates import FuzzyDate, Precision
from generator.data.expectations import Expectations
from generator.data.language_names import direction
from generator.data.model import STATUSES, Localized, Source
from generator.languages.localize import Localizer

from .environment import ENVIRONMENT
from .overview import status_symbol
from .page import HTML_BODY, Page
from .pieces import Pieces
from .reader import TimelineReader
from .repository import Repository
from .share import is_public, language_base
from .urls import language_url, relative_url


class PageContext:
    """Makes the pages of one language from one timeline: each from its template and this context."""

    def __init__(
        self, timeline: TimelineReader, localizer: Localizer, site_url: str | None = None, repository: Repository | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.timeline = timeline  # read through the reader only: each page's reads are recorded
        # The build's day (SOURCE_DATE_EPOCH, else the data's "as of") decides what is overdue
        # (generator/data/expectations.py). Neither is the clock: builds are reproducible.
        self.today = today
        self.L = localizer
        self.lang = localizer.lang
        # This language's public address (`<site_url><lang>/`), for citations and JSON-LD: None when the site
        # has none, or only a loopback preview address, which no reader of a citation could follow.
        self.base_url = language_base(site_url, self.lang) if is_public(site_url) else None
        # The embed code names the embed page wherever the site has an address, the preview's included.
        self.address = language_base(site_url, self.lang)
        self.repository = repository  # None: pages offer no edit or correction links
        self.pieces = Pieces(timeline, localizer, lambda: self.expectations)
        # A cited article's reference, by article and the links it has from the page (see `cite`).
        self._references: dict[tuple[str, tuple[str, ...]], Markup] = {}

    @property
    def as_of(self) -> dt.date | None:
        """The data's latest date (a key of the reader: a page that shows it is made again when it changes)."""
        return cast(dt.date | None, self.timeline.read("as_of"))

    @property
    def expectations(self) -> Expectations:
        """What is still expected and what is overdue on the build's day, found once, its reads recorded.

        The build's day follows the data's "as of" when SOURCE_DATE_EPOCH is not set, so "as of" is read too.
        """
        def found() -> Expectations:
            latest = self.as_of
            return Expectations(self.timeline.as_timeline(), self.today or latest or dt.date(1970, 1, 1))

        return self.timeline.derived("expectations", found)

    @property
    def as_of_note(self) -> Markup:
        """'As of 10 December 2025', a `<time>` with the note of what that date is; nothing when the data has no date."""
        if self.as_of is None:
            return Markup("")
        when = Markup('<time datetime="{}">{}</time>').format(self.as_of.isoformat(), self.L.date(FuzzyDate(Precision.DAY, self.as_of.year, self.as_of.month, self.as_of.day)))
        before, _, after = self.L.t("as_of").partition("{date}")
        return Markup('<span class="tl-as-of" title="{}">{}{}{}</span>').format(self.L.t("as_of_note"), before, when, after)

    def text(self, value: Localized | None) -> str:
        return self.pieces.text(value)

    def values(self, url: str, **values: Any) -> dict[str, Any]:
        """The template context of a page (or a piece of one) at `url`."""
        pieces = self.pieces
        methodology = relative_url(url, named_page("methodology"))
        context: dict[str, Any] = {
            "lang": self.lang,
            "timeline": self.timeline,
            "L": self.L,
            "t": self.L.t,
            "dir_of": direction,
            # A generated page by name, from this page: url_for('event', event.id), url_for('timeline').
            "url_for": lambda name, item_id=None: relative_url(url, named_page(name, item_id)),
            # A file the theme or the build puts in the language's folder (not a page: pages go through url_for).
            "asset": lambda path: relative_url(url, path),
            "plain": pieces.text,
            "localized": pieces.localized,
            "foreign": pieces.foreign,
            "time": pieces.time,
            "when": pieces.when,
            "badge": lambda status, described=True: pieces.badge(methodology, status, described),
            "chips": lambda event: pieces.chips(url, event),
            "item": lambda event: pieces.item(url, event),
            "compact_item": lambda event: pieces.compact_item(url, event),
            "cite": lambda source: self.cite(url, source),
            "translated": self.translated,
            "entity_names": self.entity_names,
            "quote_marks": self.quote_marks,
            "symbol": status_symbol,
            "statuses": STATUSES,
            "overdue": pieces.overdue,
            # "As of 10 December 2025": the latest report, access or correction the data records.
            "as_of": self.as_of_note,
        }
        context.update(values)
        return context

    def render(self, template: str, url: str, **values: Any) -> str:
        """A page's body: its template, with the page's context and its links to the other languages' pages."""
        context = self.values(url, **values)
        context["switch"] = self.switch(url)
        return ENVIRONMENT.get_template(template).render(context)

    def page(
        self, path: str, title: str, template: str, description: str | None = None, share: dict[str, str] | None = None,
        *, html_body: bool = False, **values: Any
    ) -> Page:
        """The page at `path` (in the docs folder) from `template`, with its front matter."""
        # Raw, as the data has it: the theme's overridden partials escape them, once.
        meta: dict[str, Any] = {"title": title, "timeline_page": True}
        if html_body:
            meta[HTML_BODY] = True
        if description:
            meta["description"] = description
        meta["share_title"] = title
        if description:
            meta["share_description"] = description
        meta.update(share or {})
        values.setdefault("report_url", self.report_url(path, title))
        body = self.render(template, page_url(path), **values)
        # The checker refuses these in the data; a page must never carry one (NUL, ESC...) into HTML.
        for text in (body, *(value for value in meta.values() if isinstance(value, str))):
            if found := first_refused(text):
                raise ValueError(f"{path}: the character {code_point(found.group())} reached a page")
        return Page(path, meta, body)

    def report_url(self, path: str, title: str) -> str | None:
        """A new issue in the repository about this page, prefilled with its title and address; None without a repository."""
        if self.repository is None:
            return None
        address = (self.address or f"/{self.lang}/") + page_url(path)
        return self.repository.new_issue_url(
            self.L.t("correction_issue_title", title=title), self.L.t("correction_issue_body", address=address)
        )

    def switch(self, url: str) -> Markup:
        """Links from the page at `url` to the same page in each other language, each offered in its own words."""
        others = [(language, language_url(language.code, url)) for language in self.L.settings.languages if language.code != self.lang]
        return Markup(ENVIRONMENT.get_template("switch.html.j2").render(others=others).rstrip("\n"))

    def cite(self, url: str, source: Source) -> Markup:
        """A cited article's reference (the `cite` macro), from the page at `url`: made once per article and language.

        An article is cited by several events, and listed on the sources page: its reference differs between
        those pages only by the links to the entities it was relayed from (`via`), so those links are in the key.
        """
        via = tuple(relative_url(url, named_page("entity", entity.id)) for outlet in source.via if (entity := self.timeline.entity_named(outlet)))
        key = (source.id, via)
        if (known := self._references.get(key)) is None:
            known = self._references[key] = Markup(ENVIRONMENT.get_template("reference.html.j2").render(self.values(url, source=source)))
        return known

    def translated(self, value: Localized, original_language: str) -> tuple[str, str] | None:
        """A translation of a text written in `original_language`, for this page; None when not needed or absent."""
        if original_language.split("-")[0].lower() == self.lang:
            return None
        found = value.best(self.lang)
        if found is None or found[1] == original_language.split("-")[0].lower():
            return None
        return found

    def quote_marks(self, language: str) -> tuple[str, str]:
        """The quotation marks of a quote's own language when the site has its words (« » for Arabic), else the page's."""
        code = language.split("-")[0].lower()
        labels = self.L.settings.language(code).labels if code in self.L.settings.codes else self.L.labels
        return labels["quote_open"], labels["quote_close"]

    def entity_names(self, entity_ids: Iterable[str]) -> list[str]:
        """Every recorded name of these entities, once each (for the search index)."""
        return list(dict.fromkeys(name for entity_id in entity_ids for name in self.timeline.entities[entity_id].names))
