"""An Atom feed per language, newest first by the date each event was added or last corrected.

Built with feedgen. Entries carry no false precision: `published` is the day the event was first reported
(the earliest publication date among its cited sources) and is left out when that is not known to the day;
`updated` is the day of the latest entry of its `updates` log, else the day it was first reported, else the
day the data was last changed ("as of", generator/data/iso.py), which is also the feed's own `updated`. A
date known only to a year or a month is never stamped as its first day. Events carry no time of day, so
each instant is midnight UTC. Each entry's content gives the event's date as written ("2025",
"by 10 December 2025 (date of the report)"), its status, its summary and its sources. Ties are newest first
in the one order (generator/data/order.py), so the file is the same on every build.

Each entry links to the event's permanent page, `<base>/events/<id>/`, and
its id is that address: stable for as long as the page is, which is forever.

Fallback when the language's base URL is unknown (a site without
`site_url`): links are relative to the feed's own address (`events/<id>/`
from `<lang>/feed.xml`), which RFC 4287 (§2, xml:base and the document's
address) resolves to the same pages, and entry ids, which must be absolute,
are `urn:uuid:` names derived from the site's title and the event's id
(UUID version 5): stable across builds, but different from the page
addresses used once `site_url` is set, so readers see the entries once more
after that switch.
"""

from __future__ import annotations

import datetime as dt
import uuid

from feedgen.feed import FeedGenerator
from markupsafe import escape

from generator.data.addresses import event_page
from generator.data.dates import FuzzyDate, Precision
from generator.data.iso import as_of, latest_update
from generator.data.model import Event, Localized, Timeline
from generator.languages.localize import Localizer

from .paths import FEED, event_url, in_language, normalized_base


def _day(date: FuzzyDate | None) -> dt.datetime | None:
    """Midnight UTC of a date known to the day (or about the day); None for a date known less precisely, or unknown."""
    if date is None or date.precision is not Precision.DAY:
        return None
    return _instant(date)


def published_at(timeline: Timeline, event: Event) -> dt.datetime | None:
    """The day the event was first reported, when known to the day."""
    return _day(timeline.first_reported(event))


def revised_at(timeline: Timeline, event: Event) -> dt.datetime:
    """When the event was last corrected, else first reported, each when known to the day; else the data's "as of"."""
    known = _day(latest_update(event)) or published_at(timeline, event)
    return known or _instant(_as_of_date(timeline))


def feed_order(timeline: Timeline) -> list[Event]:
    """Newest first by the date added or last corrected; ties newest first in the one order (order.py)."""
    # A stable sort keeps the ties in the order given.
    return sorted(timeline.newest_first, key=lambda event: revised_at(timeline, event), reverse=True)


def atom_feed(timeline: Timeline, localizer: Localizer, base_url: str | None) -> bytes:
    """The Atom feed of one language, ready to publish as `<lang>/feed.xml`."""
    lang = localizer.lang
    title = _text(timeline.site.title, lang)
    ordered = feed_order(timeline)
    feed = FeedGenerator()
    feed.id(in_language(base_url, FEED) if base_url else _urn(timeline, lang, "feed"))
    feed.title(title)
    feed.subtitle(_text(timeline.site.description, lang))
    feed.language(lang)
    feed.author({"name": title})
    home = normalized_base(base_url) if base_url else "./"
    feed.link(href=home, rel="alternate", type="text/html")
    feed.link(href=in_language(base_url, FEED) if base_url else FEED, rel="self", type="application/atom+xml")
    feed.updated(_instant(_as_of_date(timeline)))
    for event in ordered:
        entry = feed.add_entry(order="append")
        page = event_url(base_url, event.id) if base_url else event_page(event.id)
        entry.id(page if base_url else _urn(timeline, lang, event.id))
        entry.title(_text(event.title, lang))
        entry.summary(_text(event.summary, lang))
        entry.content(_content(timeline, event, localizer), type="html")
        entry.link(href=page, rel="alternate", type="text/html")
        if (published := published_at(timeline, event)) is not None:
            entry.published(published)
        entry.updated(revised_at(timeline, event))
    out: bytes = feed.atom_str(pretty=True)
    return out


def _content(timeline: Timeline, event: Event, localizer: Localizer) -> str:
    """The entry's HTML: the date as written, the status, the summary and the sources (feedgen escapes it into the XML)."""
    lang, L = localizer.lang, localizer
    date = L.date_range(event.date, event.end)
    if event.open and event.date_basis.kind == "report":
        date = L.t("open_date_report", date=L.date(event.date.bound))
    sources = []
    for reference in event.references:
        source = timeline.sources[reference.source]
        outlet = _text(source.outlet, lang) if source.outlet else L.t("outlet_unknown")
        title = f" {L.t('quote_open')}{escape(source.title)}{L.t('quote_close')}" if source.title else ""
        said = f"{escape(outlet)}{title}, {escape(L.date(source.published))}"
        sources.append(f'<li><a href="{escape(source.url)}">{said}</a></li>' if source.url else f"<li>{said}</li>")
    return (
        f"<p>{escape(L.t('date'))}: {escape(date)} · {escape(L.t('status'))}: {escape(L.t(f'status.{event.status}'))}</p>\n"
        f"<p>{escape(_text(event.summary, lang))}</p>\n"
        f"<p>{escape(L.t('sources'))}:</p>\n<ul>{''.join(sources)}</ul>"
    )


def _as_of_date(timeline: Timeline) -> FuzzyDate | None:
    latest = as_of(timeline)
    return None if latest is None else FuzzyDate(Precision.DAY, latest.year, latest.month, latest.day)


def _text(text: Localized, lang: str) -> str:
    found = text.best(lang)
    return found[0] if found else ""


def _instant(date: FuzzyDate | None) -> dt.datetime:
    day = date.start if date is not None else dt.date(1970, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _urn(timeline: Timeline, lang: str, name: str) -> str:
    site = _text(timeline.site.title, timeline.languages[0])
    return uuid.uuid5(uuid.NAMESPACE_URL, f"timeline:{site}:{lang}:{name}").urn
