"""The pages that list the timeline: home, the timeline (or its index and a page per year), sources,
entities, the maintainers' list of entity ids, and the embed page."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.data.addresses import EMBED, ENTITIES, ENTITY_IDS, HOME, SOURCES, TIMELINE, page_url, timeline_year_source
from generator.data.dates import FuzzyDate, Precision
from generator.data.model import ENTITY_KINDS, Event
from generator.engine.pages import read_front_matter
from generator.exports.jsonld import home_jsonld, script_tag
from generator.exports.paths import EVENTS_CSV, EVENTS_JSON, EVENTS_SCHEMA, FEED, SOURCES_CSL, TIMELINEJS

from .context import PageContext
from .environment import render_template
from .overview import COMPACT
from .page import Page
from .periods import Periods

# The exports linked from the home page (generator/exports/paths.py): UI word, address from a
# language's home, media type. Shared files are at the site's root, one level up.
DATA_FILES = (
    ("data_feed", FEED, "application/atom+xml"),
    ("data_timelinejs", TIMELINEJS, "application/json"),
    ("data_csv", f"../{EVENTS_CSV}", "text/csv"),
    ("data_json", f"../{EVENTS_JSON}", "application/json"),
    ("data_schema", f"../{EVENTS_SCHEMA}", "application/schema+json"),
    ("data_csl", f"../{SOURCES_CSL}", "application/vnd.citationstyles.csl+json"),
)


class ListPages:
    """The list pages of one language."""

    def __init__(self, context: PageContext, periods: Periods) -> None:
        self.context = context
        self.periods = periods
        self.timeline = context.timeline
        self.L = context.L

    def expected(self, event: Event) -> bool:
        """Still to come when last reported on: planned, or dated after the newest report the timeline cites (generator/data/expectations.py)."""
        return self.context.expectations.expected(event)

    def home(self, handwritten: str | None) -> Page:
        context, site = self.context, self.timeline.site
        count = self.timeline.setting("latest_events")
        # What happened, newest first in the one order (generator/data/order.py): an event known only to
        # the year comes after that year's months. What is expected, soonest first, apart from what is
        # overdue on the build's day (its window passed with no report since).
        expectations = context.expectations
        latest = tuple(event for event in self.timeline.newest_first if not self.expected(event))[:count] if count else ()
        expected = expectations.still_expected()[:count]
        overdue = expectations.past_due()
        overview = self.periods.overview(page_url(HOME), COMPACT)
        jsonld = script_tag(home_jsonld(self.timeline.as_timeline(), context.lang, context.base_url))
        today = expectations.today
        checked = self.L.date(FuzzyDate(Precision.DAY, today.year, today.month, today.day))
        values: dict[str, Any] = {"latest": latest, "expected": expected, "overdue_events": overdue, "checked": checked, "overview": overview, "jsonld": jsonld, "data_files": DATA_FILES}
        if handwritten is None:
            return context.page(
                HOME, context.text(site.title), "home.md.j2", description=context.text(site.description), handwritten=None, **values,
            )
        # A hand-written home keeps its own front matter; we only mark it as ours to switch language.
        body, meta = read_front_matter(handwritten)
        meta = dict(meta)
        meta.setdefault("timeline_page", True)
        meta.setdefault("description", context.text(site.description))
        meta.setdefault("share_title", context.text(site.title))
        meta.setdefault("share_description", context.text(site.description))
        text = context.render("home.md.j2", "", handwritten=Markup(body), **values)
        return Page(HOME, meta, text)

    def timeline_page(self) -> Page:
        """The whole timeline on one page, or, when it is split by year, the index of its years."""
        context, periods = self.context, self.periods
        overview = periods.overview(page_url(TIMELINE))
        if periods.split:
            return context.page(
                TIMELINE, self.L.t("timeline"), "timeline_index.md.j2", html_body=True,
                years=periods.years, overview=overview, embed_code=self.embed_code(),
                year_url=periods.year_url(TIMELINE), latest=periods.timeline_place(page_url(TIMELINE), self.timeline.events[-1]),
            )
        return context.page(TIMELINE, self.L.t("timeline"), "timeline.md.j2", years=periods.years, overview=overview, embed_code=self.embed_code())

    def year_page(self, year: int) -> Page:
        """One year of a split timeline: its entries under month headings, as on the single page, and the years around it."""
        years = self.timeline.years()
        position = years.index(year)
        path = timeline_year_source(year)
        before = years[position - 1] if position > 0 else None
        after = years[position + 1] if position + 1 < len(years) else None
        group = self.periods.year(year)
        return self.context.page(
            path, self.L.t("timeline_year", year=group.text), "timeline_year.md.j2", html_body=True,
            year=group, previous=before, following=after, year_url=self.periods.year_url(path),
        )

    def embed_code(self) -> str:
        """The `<iframe>` a newsroom pastes into its article (shown escaped, to be copied); "" while the site has no
        address: pasted into another site, a relative one would lead nowhere."""
        address = self.context.address
        if not address:
            return ""
        title = self.L.t("embed_frame_title", site=self.context.text(self.timeline.site.title))
        return render_template("embed_code.html.j2", source=f"{address}{EMBED}", title=title).rstrip("\n")

    def sources_page(self) -> Page:
        def order(source_id: str) -> tuple[object, ...]:
            published = self.timeline.sources[source_id].published
            return (published is None, published.start if published else None, source_id)

        sources = [self.timeline.sources[source_id] for source_id in sorted(self.timeline.sources, key=order)]
        return self.context.page(SOURCES, self.L.t("sources"), "sources.md.j2", html_body=True, sources=sources)

    def entities_page(self) -> Page:
        kinds = []
        for kind in ENTITY_KINDS:
            members = [entity for entity in self.timeline.entities.values() if entity.kind == kind]
            if members:
                members.sort(key=lambda entity: self.L.name_order(self.context.text(entity.label)))
                kinds.append((kind, members))
        return self.context.page(ENTITIES, self.L.t("entities"), "entities.md.j2", html_body=True, kinds=kinds)

    def entity_ids_page(self) -> Page:
        """For maintainers: every entity id with its kind, labels and aliases, to write under an event's `entities:`."""
        entities = sorted(self.timeline.entities.values(), key=lambda entity: entity.id)
        return self.context.page(
            ENTITY_IDS, self.L.t("entity_ids"), "entity_ids.md.j2", entities=entities, languages=self.L.settings.languages
        )

    def embed_page(self) -> str:
        """Every event, compact, each linked out to its page: for an `<iframe>` in another site's article."""
        context = self.context
        timeline_url = f"{context.base_url}{page_url(TIMELINE)}" if context.base_url else None
        return context.render(
            "embed.html.j2", EMBED, direction=self.L.language.direction, events=self.timeline.newest_first, timeline_url=timeline_url
        )
