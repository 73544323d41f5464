"""schema.org JSON-LD for the pages: an event page as a NewsArticle, the home page as WebSite and Dataset.

An event page is an article about the event: its headline and description
in the page's language, `temporalCoverage` in ISO 8601 at the date's precision
(`2025-12`, `2025`, a quarter `2026-01/2026-03`), `datePublished` when it was
first reported, `dateModified` when last corrected (its `updates` log), each
cited article as a `citation` and the entities it is `about`. Addresses that
need the site's URL are left out while it is unknown; citations keep theirs.

`script_tag` embeds it in HTML safely: data never ends the script.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from generator.data.iso import as_of, first_reported, iso8601, iso_first, latest_update
from generator.data.model import Entity, Event, Localized, Source, Timeline

from .paths import EVENTS_CSV, EVENTS_JSON, SOURCES_CSL, TIMELINEJS, at_root, event_url, in_language, normalized_base

Json = dict[str, object]
CONTEXT = "https://schema.org"

_ENTITY_TYPES = {"person": "Person", "organization": "Organization", "model": "SoftwareApplication", "product": "Product", "topic": "Thing"}
# What is published under /data/, with its media type (CSL-JSON's is registered by the CSL project).
_DOWNLOADS: tuple[tuple[str, str, bool], ...] = (
    (EVENTS_JSON, "application/json", True),
    (EVENTS_CSV, "text/csv", True),
    (SOURCES_CSL, "application/vnd.citationstyles.csl+json", True),
    (TIMELINEJS, "application/json", False),
)


def event_jsonld(timeline: Timeline, event: Event, lang: str, base_url: str | None) -> Json:
    """The JSON-LD of an event page in `lang`; `base_url` is the language's (None when unknown)."""
    data: Json = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": _text(event.title, lang),
        "description": _text(event.summary, lang),
        "inLanguage": lang,
        "temporalCoverage": iso8601(event.date, event.end),
        "datePublished": iso_first(first_reported(timeline, event)),
    }
    latest = latest_update(event)
    if latest is not None:
        data["dateModified"] = iso_first(latest)
    if base_url is not None:
        data["url"] = data["@id"] = event_url(base_url, event.id)
        data["isPartOf"] = {"@type": "WebSite", "name": _text(timeline.site.title, lang), "url": normalized_base(base_url)}
    data["citation"] = [_citation(timeline.sources[reference.source]) for reference in event.references]
    data["about"] = [_entity(timeline.entities[entity_id], lang) for entity_id in event.entities]
    return data


def home_jsonld(timeline: Timeline, lang: str, base_url: str | None) -> Json:
    """The home page's WebSite and Dataset; downloads are addressed relative to the home page while the site's URL is unknown."""
    title, description = _text(timeline.site.title, lang), _text(timeline.site.description, lang)
    website: Json = {"@type": "WebSite", "name": title, "description": description, "inLanguage": lang}
    dataset: Json = {
        "@type": "Dataset",
        "name": title,
        "description": description,
        "inLanguage": list(timeline.languages),
        "distribution": [
            {
                "@type": "DataDownload",
                "name": path.rsplit("/", 1)[-1],
                "encodingFormat": media_type,
                "contentUrl": _download_url(base_url, path, shared),
            }
            for path, media_type, shared in _DOWNLOADS
        ],
    }
    if timeline.events:
        # The span of the dates, not the first and last in the timeline's order (a year-only date comes after the days of its year).
        first = min(timeline.events, key=lambda event: (event.date.start, event.date.end))
        last = max(timeline.events, key=lambda event: (event.end or event.date).end)
        dataset["temporalCoverage"] = iso8601(first.date, last.end or last.date)
    if (latest := as_of(timeline)) is not None:
        # "As of": the latest change in the data (generator/data/iso.py), never the day of the build.
        website["dateModified"] = dataset["dateModified"] = latest.isoformat()
    if base_url is not None:
        website["url"] = website["@id"] = normalized_base(base_url)
        dataset["url"] = normalized_base(base_url)
    return {"@context": CONTEXT, "@graph": [website, dataset]}


def script_tag(data: Json) -> Markup:
    """`<script type="application/ld+json">` holding `data`.

    `<`, `>` and `&` are written as JSON escapes (\\u003c...), so no text in
    the data can close the script or open a comment; JSON readers get the
    same characters back.
    """
    # Without the spaces json.dumps puts after separators by default: a tenth of its size on every event page.
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(text))


def _download_url(base_url: str | None, path: str, shared: bool) -> str:
    if base_url is None:
        return "../" + path if shared else path
    return at_root(base_url, path) if shared else in_language(base_url, path)


def _citation(source: Source) -> Json:
    article: Json = {"@type": "NewsArticle", "inLanguage": source.language}
    if source.title is not None:
        article["headline"] = source.title
    if source.url is not None:
        article["url"] = source.url
    if source.published is not None:
        article["datePublished"] = iso_first(source.published)
    if source.outlet is not None and (outlet := source.outlet.best(source.language)):
        article["publisher"] = {"@type": "Organization", "name": outlet[0]}
    if source.archive_url is not None:
        article["archivedAt"] = source.archive_url
    return article


def _entity(entity: Entity, lang: str) -> Json:
    thing: Json = {"@type": _ENTITY_TYPES.get(entity.kind, "Thing"), "name": _text(entity.label, lang)}
    others = [name for name in entity.names if name != thing["name"]]
    if others:
        thing["alternateName"] = others
    return thing


def _text(text: Localized, lang: str) -> str:
    found = text.best(lang)
    return found[0] if found else ""
