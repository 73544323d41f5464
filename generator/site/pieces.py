"""The few HTML fragments built in Python: those the templates ask for thousands of times.

Each was a Jinja macro once; a macro call costs far more than the few lines these write, and they are
called for every event's date, status, title and entities on the timeline, the home page, the year pages
and the entity pages (measured: bench/run.py). Everything else is markup in the templates.

Each piece escapes every value from the data once (markupsafe's `escape` in an f-string, or
`Markup.format`; both leave Markup, already escaped, as it is) and marks as Markup only what it built from
escaped parts (tests/test_pieces.py gives each hostile text). The pieces used on many pages are kept, by
what they depend on, for one rendering of the timeline only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from markupsafe import Markup, escape

from generator.data.addresses import named_page
from generator.data.dates import FuzzyDate, Precision
from generator.data.expectations import Expectations
from generator.data.language_names import direction
from generator.data.model import Entity, Event, Localized
from generator.languages.localize import Localizer

from .reader import TimelineReader
from .urls import relative_url

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")


def markdown_text(text: str) -> str:
    """Text safe in a Markdown heading: every character Markdown could read as syntax is escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


class Pieces:
    """The hot fragments of one language's pages, made from one timeline.

    A fragment kept for the next page depends only on its arguments (an event, a date, a status), which the
    page read through the reader; what a fragment reads beyond them it reads on every call, so that each page
    that shows it records the read (reader.py).
    """

    def __init__(self, timeline: TimelineReader, localizer: Localizer, expectations: Callable[[], Expectations] | None = None) -> None:
        self.timeline = timeline
        self.expectations = expectations
        self.L = localizer
        self.lang = localizer.lang
        self._times: dict[FuzzyDate, Markup] = {}  # by date
        self._whens: dict[str, Markup] = {}  # by event
        self._badges: dict[tuple[str, bool, str], Markup] = {}  # by status, described, the methodology's address
        self._date_bases: dict[str, Markup] = {}  # by event
        self._entries: dict[tuple[str, str], Markup] = {}  # by event and the folder of the page listing it
        self._names_in_order: dict[tuple[str, ...], list[Entity]] = {}  # by entity ids

    def text(self, value: Localized | None) -> str:
        """A localized text in the page's language, or the best other one; "" when there is none."""
        found = value.best(self.lang) if value else None
        return found[0] if found else ""

    def localized(self, value: Localized | None, unknown_key: str | None = None) -> Markup:
        """A localized text; a missing translation shows the other language, marked with its own lang/dir, and a visible label."""
        found = value.best(self.lang) if value else None
        if found is None:
            return Markup('<span class="tl-unknown">{}</span>').format(self.L.t(unknown_key or "title_unknown"))
        return self.foreign(found)

    def foreign(self, found: tuple[str, str]) -> Markup:
        """A text found in `language` (text, language): marked with its own lang/dir, and a visible label, when not in the page's."""
        text, language = found
        if language == self.lang:
            return escape(text)
        return Markup(
            '<span lang="{}" dir="{}">{}</span> <span class="tl-untranslated" data-pagefind-ignore>{}</span>'
        ).format(language, direction(language), text, self.L.t("not_yet_translated"))

    def time(self, when: FuzzyDate | None) -> Markup:
        """A date as a `<time>` element (its machine-readable form in `datetime`); an unknown date said to be unknown."""
        if when is None:
            return Markup('<span class="tl-unknown">{}</span>').format(self.L.t("date_unknown"))
        if (known := self._times.get(when)) is None:
            known = self._times[when] = Markup('<time datetime="{}">{}</time>').format(when.machine, self.L.date(when))
        return known

    def when(self, event: Event) -> Markup:
        """An event's date, or its range of dates."""
        if (known := self._whens.get(event.id)) is None:
            start = self.time(event.date)
            if event.open and event.date_basis.kind == "report":
                # "by 10 December 2025 (date of the report)": the bound is the report's day, not the event's.
                text = self.L.t("open_date_report", date=self.L.date(event.date.bound))
                start = Markup('<time datetime="{}">{}</time>').format(event.date.machine, text)
            known = self._whens[event.id] = Markup("{} – {}").format(start, self.time(event.end)) if event.end else start
        return known

    def overdue(self, event: Event) -> Markup:
        """For an expectation whose window passed on the build's day: "expected by the end of March 2026; no report since"."""
        if self.expectations is None or not self.expectations().overdue(event):
            return Markup("")
        window = event.end or event.date
        key = "overdue_day" if window.precision is Precision.DAY else "overdue_period"
        return Markup(' <span class="tl-overdue" data-overdue="{}">{}</span>').format(
            window.end.isoformat(), self.L.t(key, date=self.L.date(window.bound))
        )

    def badge(self, methodology: str, status: str, described: bool = True) -> Markup:
        """A status, linked to its definition in the methodology (at `methodology`, from the page).

        `described`: its meaning as the link's title too; lists that repeat the badge line after line leave it out.
        """
        key = (status, described, methodology)
        if (known := self._badges.get(key)) is None:
            href = f"{methodology}#status-{status}"
            label = self.L.t(f"status.{status}")
            if described:
                known = Markup('<a class="tl-status tl-status--{0}" data-status="{0}" href="{1}" title="{2}">{3}</a>').format(
                    status, href, self.L.t(f"status_meaning.{status}"), label
                )
            else:
                known = Markup('<a class="tl-status tl-status--{}" href="{}">{}</a>').format(status, href, label)
            self._badges[key] = known
        return known

    def by_name(self, entity_ids: Iterable[str]) -> list[Entity]:
        """These entities in the order a reader of this page looks for names: the page's script first."""
        key = tuple(entity_ids)
        entities = [self.timeline.entities[entity_id] for entity_id in key]
        if (known := self._names_in_order.get(key)) is None:
            known = self._names_in_order[key] = sorted(entities, key=lambda entity: self.L.name_order(self.text(entity.label)))
        return known

    def chips(self, url: str, event: Event) -> Markup:
        """The entities of an event, by name, each linked to its page from the page at `url`; nothing without entities.

        Out of the search index (data-pagefind-ignore): a run of names makes a poor excerpt; every name of these
        entities is searchable through the page's search fields.
        """
        if not event.entities:
            return Markup("")
        # f-strings of escaped parts: Markup.format goes through string.Formatter, several times slower.
        chips = "".join(
            f'<li><a class="tl-chip tl-chip--{escape(entity.kind)}" href="{escape(relative_url(url, named_page("entity", entity.id)))}"'
            f' data-entity="{escape(entity.id)}">{self.localized(entity.label)}</a></li>\n'
            for entity in self.by_name(event.entities)
        )
        return Markup(f'<ul class="tl-chips" data-pagefind-ignore>\n{chips}</ul>')

    def date_basis_short(self, event: Event) -> Markup:
        """Where an event's date comes from, in a few words for lists; nothing when a cited article states it."""
        basis = event.date_basis
        if basis.kind == "stated":
            return Markup("")
        outlet = self.timeline.sources[basis.source].outlet
        if (known := self._date_bases.get(event.id)) is None:
            # A remembered record says so in the lists too, not only on the event's page.
            key = "record_unchecked" if self.timeline.sources[basis.source].unchecked else basis.kind
            text = self.L.t(f"date_basis_short.{key}", source=self.text(outlet) if outlet else self.L.t("unnamed_source"))
            known = self._date_bases[event.id] = Markup(f'<span class="tl-basis" data-basis="{escape(basis.kind)}">{escape(text)}</span>')
        return known

    def item(self, url: str, event: Event) -> Markup:
        """One event's entry in the lists of the timeline and the home page, from the page at `url`.

        One or two lines (date, status, title, number of sources); the summary and entities a native <details>
        away, so the list scans without script.
        """
        href = escape(relative_url(url, named_page("event", event.id)))
        sources = self.L.count("sources_count", len(event.references))
        return Markup(
            f'<li class="tl-item" id="event-{escape(event.id)}" data-status="{escape(event.status)}" data-year="{escape(event.date.year)}">\n'
            f'<p class="tl-item__line">{self.when(event)} {self.badge(relative_url(url, named_page("methodology")), event.status)}{self.overdue(event)}'
            f' <a class="tl-item__title" href="{href}">{self.localized(event.title)}</a>'
            f' <a class="tl-item__count" href="{href}#sources">{escape(sources)}</a></p>\n'
            '<details class="tl-item__more">\n'
            f'<summary>{escape(self.L.t("show_summary"))}</summary>\n'
            f'<p class="tl-item__summary">{self.date_basis_short(event)} {self.localized(event.summary)}</p>\n'
            f"{self.chips(url, event)}\n"
            "</details>\n"
            "</li>"
        )

    def compact_item(self, url: str, event: Event) -> Markup:
        """An event in an entity's list (under its year), from the page at `url`: its date, status and title,
        linking to its page. Each event is listed on the page of every entity it is about: made once per folder."""
        key = (event.id, url.rstrip("/").rpartition("/")[0])
        if (known := self._entries.get(key)) is None:
            href = escape(relative_url(url, named_page("event", event.id)))
            methodology = relative_url(url, named_page("methodology"))
            known = self._entries[key] = Markup(
                f'<li class="tl-item tl-item--compact"><span class="tl-item__meta">{self.when(event)} {self.badge(methodology, event.status, False)}</span>'
                f' <a href="{href}">{self.localized(event.title)}</a></li>'
            )
        return known
