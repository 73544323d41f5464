"""A long timeline split by year: whether it is split, and which year page lists each event.

Past `extra.timeline.year_pages_above` events (localize.Settings), the
timeline page (`timeline/`) becomes an index: the overview picture and the
years, each with its count of events and its months; each year is a page of
its own (`timeline/<year>/`) with the list, headings and anchors the single
page had. An entry stands under the year of its first claim (conflicting
claims stay together, as on the single page), so that is the year page
an event is found on. The renderer, the sitemaps and incremental serve all
ask here, so they agree on where every event is.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.data.addresses import timeline_year_source
from generator.data.model import Timeline, conflict_clusters
from generator.languages.settings import Settings


def is_split(timeline: Timeline, settings: Settings) -> bool:
    return len(timeline.events) > settings.year_pages_above


def listed_years(timeline: Timeline) -> Mapping[str, int]:
    """The year each event is listed under: its own, or that of the first claim of its conflict cluster."""
    years: dict[str, int] = {}
    for cluster in conflict_clusters(timeline.events):
        year = cluster[0].date.start.year
        years.update((event.id, year) for event in cluster)
    return years


def years_of(timeline: Timeline) -> tuple[int, ...]:
    """The years that have a page, in order (a year with events listed under an earlier one has none)."""
    return tuple(sorted(set(listed_years(timeline).values())))


def year_pages(timeline: Timeline, settings: Settings) -> tuple[str, ...]:
    """The docs-folder paths of the year pages (none when the timeline is one page)."""
    if not is_split(timeline, settings):
        return ()
    return tuple(timeline_year_source(year) for year in years_of(timeline))
