"""The timeline's headings (years, then months, then "sometime in <year>") and where each is found.

The single timeline page writes them as Markdown headings; past `year_pages_above` events each year is a
page of its own (timeline_years.py) with the same headings and ids. The overview picture and every event
page link to these places.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from generator.data.addresses import TIMELINE, event_source, page_url, timeline_year_source
from generator.data.model import Event
from generator.languages.localize import Localizer

from .overview import FULL, Layout, Links, Overview, period_anchor
from .pieces import markdown_text
from .reader import TimelineReader
from .urls import relative_url


class _Heading:
    """A heading of the single timeline page, written in Markdown: its text and its id."""

    text: str
    anchor: str

    @property
    def label(self) -> str:
        """The heading's text for a Markdown heading."""
        return markdown_text(self.text)

    @property
    def attrs(self) -> str:
        return "{#" + self.anchor + "}"


@dataclass(frozen=True)
class Group(_Heading):
    """One period heading of the timeline and its entries; an entry of several events is a conflict."""

    text: str  # the heading's text
    anchor: str  # the heading's id: year-2025-07 (a month), year-2025-sometime (less precise)
    entries: tuple[tuple[Event, ...], ...]
    sometime: bool = False  # the events of the year known less precisely than a month
    open: bool = False  # the events known only to have happened on or before a day (../2025-12-10)

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(event for entry in self.entries for event in entry)


@dataclass(frozen=True)
class YearGroup(_Heading):
    year: int
    text: str  # the year as the page writes it (its digits)
    groups: tuple[Group, ...]

    @property
    def anchor(self) -> str:  # type: ignore[override]
        return f"year-{self.year}"

    @property
    def count(self) -> int:
        return sum(len(group.events) for group in self.groups)


def year_group(year: int, clusters: tuple[tuple[Event, ...], ...], localizer: Localizer) -> YearGroup:
    """A year's entries under month headings, then "sometime in <year>", in timeline order.

    The headings of a year never overlap: one per month for events known
    to the month or day, one before a month for the events known only to
    be on or before one of its days ("By 10 December 2025", never counted
    in the month), and one last heading for those known only to a
    quarter, season or year (see generator/data/order.py). Conflicting claims
    stay together as one entry, under the heading of the first of them.
    """
    groups: list[tuple[str, list[tuple[Event, ...]]]] = []
    for cluster in clusters:
        anchor = period_anchor(cluster[0])
        if groups and groups[-1][0] == anchor:
            groups[-1][1].append(cluster)
        else:
            groups.append((anchor, [cluster]))
    built = tuple(
        Group(_group_label(members[0][0], localizer), anchor, tuple(members), members[0][0].vague, members[0][0].open)
        for anchor, members in groups
    )
    return YearGroup(year, localizer.year(year), built)


def _group_label(event: Event, localizer: Localizer) -> str:
    if event.vague:
        return localizer.t("sometime_in_year", year=localizer.year(event.date.start.year))
    if event.open:
        return localizer.t("open_group", date=localizer.date(event.date.bound))
    return localizer.month_heading(event.date.start)


class Periods:
    """The headings of one language's timeline, whether it is split by year, and the address of each place."""

    def __init__(self, reader: TimelineReader, localizer: Localizer) -> None:
        self.reader = reader
        self.L = localizer

    @property
    def split(self) -> bool:
        return self.reader.split()

    def year(self, year: int) -> YearGroup:
        """One year's headings and entries."""
        return year_group(year, self.reader.year(year), self.L)

    @property
    def years(self) -> tuple[YearGroup, ...]:
        """Every year's headings and entries, in order."""
        return self.reader.derived("years", lambda: tuple(self.year(year) for year in self.reader.years()))

    def year_url(self, path: str) -> Callable[[int], str]:
        """A year page's address from the page at `path`."""
        return lambda year: relative_url(page_url(path), page_url(timeline_year_source(year)))

    def timeline_place(self, from_url: str, event: Event) -> str:
        """Where an event is listed in the timeline, from the page at `from_url`: its year page when the timeline is split."""
        page = page_url(timeline_year_source(self.reader.listed_year(event.id))) if self.split else page_url(TIMELINE)
        return relative_url(from_url, f"{page}#event-{event.id}")

    def _period_pages(self) -> Mapping[str, str]:
        """Each heading of the timeline (by its id) and the address it is on: its year's page, or the one timeline page."""
        pages: dict[str, str] = {}
        for year in self.years:
            page = page_url(timeline_year_source(year.year)) if self.split else page_url(TIMELINE)
            # A year's own link leads to the top of its page.
            pages[year.anchor] = page if self.split else f"{page}#{year.anchor}"
            pages.update((group.anchor, f"{page}#{group.anchor}") for group in year.groups)
        return pages

    def overview(self, from_url: str, layout: Layout = FULL) -> Markup:
        """The overview picture for the page at `from_url`: its links lead to event pages and to the timeline's headings."""
        timeline_url = page_url(TIMELINE)
        split = self.split
        period_pages = self.reader.derived("period_pages", self._period_pages)

        def period(anchor: str) -> str:
            # A month the list has no heading for (its only events are listed with an earlier conflicting claim)
            # leads to the index when the timeline is split by year.
            target = period_pages.get(anchor, timeline_url if split else f"{timeline_url}#{anchor}")
            page, _, fragment = target.partition("#")
            if page == from_url:
                return "#" + fragment if fragment else "./"
            return relative_url(from_url, target)

        links = Links(event=lambda event: relative_url(from_url, page_url(event_source(event.id))), period=period)
        return Overview(self.reader.events, self.L, links, layout).svg()
