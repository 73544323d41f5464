"""The page of each event and of each entity."""

from __future__ import annotations

import base64

from generator.data.addresses import entity_source, event_source, page_url
from generator.data.iso import first_reported, iso_first, latest_update
from generator.exports.cite import cite_bibtex, cite_text
from generator.exports.jsonld import event_jsonld, script_tag

from .context import PageContext
from .page import Page
from .periods import Periods


def event_page(context: PageContext, periods: Periods, event_id: str) -> Page:
    """An event: its facts, summary, citations with their quotes, corrections, how to cite it, and the events around it."""
    reader = context.timeline
    event = reader.event(event_id)
    timeline = reader.as_timeline()  # for the exports' functions, which read a Timeline's values: recorded all the same
    previous, following = reader.neighbours(event)
    # Open Graph's article times, from the data: when first reported, when last corrected.
    share = {"og_type": "article", "published_time": iso_first(first_reported(timeline, event))}
    latest = latest_update(event)
    if latest is not None:
        share["modified_time"] = iso_first(latest)
    bibtex = cite_bibtex(timeline, event, context.lang, context.base_url, None)
    path = event_source(event.id)
    line = reader.line(event.id) if context.repository else None
    return context.page(
        path,
        context.text(event.title),
        "event.md.j2",
        html_body=True,
        description=context.text(event.summary),
        share=share,
        event=event,
        jsonld=script_tag(event_jsonld(timeline, event, context.lang, context.base_url)),
        citation=cite_text(timeline, event, context.L, context.base_url, None),
        bibtex=bibtex,
        # Base64: shorter than percent-encoding for text of spaces, braces, line breaks and Arabic letters.
        bibtex_href="data:application/x-bibtex;charset=utf-8;base64," + base64.b64encode(bibtex.encode("utf-8")).decode("ascii"),
        first_reported=reader.first_reported(event),
        other_claims=reader.conflicts(event),
        previous=previous,
        following=following,
        timeline_place=periods.timeline_place(page_url(path), event),
        edit_url=context.repository.line_url(line) if context.repository and line else None,
    )


def entity_page(context: PageContext, entity_id: str) -> Page:
    """An entity: its kind, names and the events about it, by year."""
    entity = context.timeline.entities[entity_id]
    return context.page(
        entity_source(entity.id), context.text(entity.label), "entity.md.j2", html_body=True,
        entity=entity, events=context.timeline.events_about(entity.id),
    )
