"""An Atom feed per language, newest first by the date each event was added or last corrected.

Built with feedgen. Events carry no time of day, so an entry's `updated` is
midnight UTC of the date from `iso.last_revised`: the latest entry of the
event's `updates` log, else the date it was first reported (the earliest
publication date among its cited sources), else its own date. An entry
therefore moves to the top, with a new `updated`, when its log gains an
entry; `published` is the date it was first reported. Ties are in the
timeline's order read backwards (`Event.sort_key`, newest first), so the
file is the same on every build.

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

from generator.data.addresses import event_page
from generator.data.dates import FuzzyDate
from generator.data.iso import first_reported, last_revised
from generator.data.model import Event, Localized, Timeline
from generator.languages.localize import Localizer

from .paths import FEED, event_url, in_language, normalized_base


def revised_at(timeline: Timeline, event: Event) -> dt.datetime:
    """When the event was added or last corrected, as the instant a feed needs."""
    return _instant(last_revised(timeline, event))


def feed_order(timeline: Timeline) -> list[Event]:
    """Newest first by the date added or last corrected; ties newest first in the timeline's order."""
    # A stable sort keeps the ties in the order given: the timeline's, read backwards.
    return sorted(reversed(timeline.events), key=lambda event: revised_at(timeline, event), reverse=True)


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
    feed.updated(max((revised_at(timeline, event) for event in ordered), default=_instant(None)))
    for event in ordered:
        entry = feed.add_entry(order="append")
        page = event_url(base_url, event.id) if base_url else event_page(event.id)
        entry.id(page if base_url else _urn(timeline, lang, event.id))
        entry.title(_text(event.title, lang))
        entry.summary(_text(event.summary, lang))
        entry.link(href=page, rel="alternate", type="text/html")
        entry.published(_instant(first_reported(timeline, event)))
        entry.updated(revised_at(timeline, event))
    out: bytes = feed.atom_str(pretty=True)
    return out


def _text(text: Localized, lang: str) -> str:
    found = text.best(lang)
    return found[0] if found else ""


def _instant(date: FuzzyDate | None) -> dt.datetime:
    day = date.start if date is not None else dt.date(1970, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _urn(timeline: Timeline, lang: str, name: str) -> str:
    site = _text(timeline.site.title, timeline.languages[0])
    return uuid.uuid5(uuid.NAMESPACE_URL, f"timeline:{site}:{lang}:{name}").urn
