"""The timeline in TimelineJS3's JSON format, one file per language.

A newsroom loads it into TimelineJS as is (https://timeline.knightlab.com/docs/json-format.html):
one slide per event, a title slide from the site's title and description.
Dates carry only the parts that are known (a month has no day); a date
TimelineJS cannot say itself (a quarter, a season, a year, circa) gets the
site's own wording in `display_date`. TimelineJS shows `text` fields as
HTML: every value is escaped and the only tags are ours.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.data.dates import FuzzyDate, Precision
from generator.data.model import Event, Source, Timeline
from generator.languages.localize import Localizer

from .html import link, span
from .paths import event_url

Json = dict[str, object]

# TimelineJS writes days and months itself, in its own locale files; anything coarser it would show wrongly.
_SAID_BY_TIMELINEJS = (Precision.DAY, Precision.MONTH)


def timeline_json(timeline: Timeline, localizer: Localizer, base_url: str | None) -> Json:
    """TimelineJS3 JSON for the language of `localizer`; event pages are linked when `base_url` (the language's) is known."""
    lang = localizer.lang
    return {
        "title": {
            "text": {
                "headline": str(span(timeline.site.title, lang)),
                "text": str(Markup("<p>{}</p>").format(span(timeline.site.description, lang))),
            },
        },
        "events": [_slide(timeline, event, localizer, base_url) for event in timeline.events],
    }


def _slide(timeline: Timeline, event: Event, localizer: Localizer, base_url: str | None) -> Json:
    slide: Json = {
        "unique_id": event.id,
        "start_date": _date_parts(event.date, first=True),
        "text": {"headline": str(span(event.title, localizer.lang)), "text": str(_body(timeline, event, localizer, base_url))},
        # Data is never markup: TimelineJS would otherwise turn addresses in a summary into links.
        "autolink": False,
    }
    last = event.end or event.date
    if event.end is not None or event.date.precision in (Precision.QUARTER, Precision.SEASON):
        slide["end_date"] = _date_parts(last, first=False)
    if not _plain(event.date) or (event.end is not None and not _plain(event.end)):
        slide["display_date"] = localizer.date_range(event.date, event.end)
    return slide


def _plain(date: FuzzyDate) -> bool:
    return date.precision in _SAID_BY_TIMELINEJS and not date.circa and not date.open_start


def _date_parts(date: FuzzyDate, *, first: bool) -> Json:
    """A TimelineJS date object with only the known parts; a quarter or season is given by its first or last month."""
    day = date.start if first else date.end
    if date.precision is Precision.DAY:
        return {"year": day.year, "month": day.month, "day": day.day}
    if date.precision is Precision.YEAR:
        return {"year": day.year}
    return {"year": day.year, "month": day.month}


def _body(timeline: Timeline, event: Event, localizer: Localizer, base_url: str | None) -> Markup:
    lang = localizer.lang
    parts = [Markup("<p>{}</p>").format(span(event.summary, lang))]
    references = [_reference(timeline.sources[reference.source], localizer) for reference in event.references]
    parts.append(Markup("<p>{}</p><ul>{}</ul>").format(localizer.t("citations"), Markup("").join(references)))
    if base_url is not None:
        page = event_url(base_url, event.id)
        parts.append(Markup("<p>{}</p>").format(link(page, page)))
    return Markup("").join(parts)


def _reference(source: Source, localizer: Localizer) -> Markup:
    lang = localizer.lang
    if source.title is not None:
        heading: Markup | str = Markup('<span lang="{}">{}</span>').format(source.language, source.title)
    else:
        translated = source.title_translated.best(lang)
        heading = translated[0] if translated else localizer.t("title_unknown")
    outlet_text = source.outlet.best(lang) if source.outlet else None
    outlet = outlet_text[0] if outlet_text else localizer.t("outlet_unknown")
    parts = (link(source.url, heading), outlet, localizer.date(source.published))
    return Markup("<li>{}</li>").format(escape(localizer.t("list_sep")).join(parts))
