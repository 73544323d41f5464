"""Sitemaps that pair each page with its other-language versions, and an index of them at the root.

One sitemap per language (`<lang>/sitemap.xml`, and its gzip copy, which
replace the ones MkDocs writes), each page listed with an `xhtml:link`
alternate for every language that has the same page, itself included, and
`x-default` at the root's language choice (the format search engines document for
localized pages: https://developers.google.com/search/docs/specialty/international/localized-versions#sitemap).
`sitemap.xml` at the root is a sitemap index naming them.

A sitemap lists absolute addresses only, so a site without an address
(no `site_url`) gets every one of these files empty: no address to list, but
a file where the theme's script looks for one on every page.

`lastmod` comes from the data, never from the day of the build: an event's
page changed when the event was last corrected (its `updates` log) or else
when it was first reported; a page listing events changed when the latest of
them did. Hand-written pages carry no date the data knows, so none is given.
The bytes are the same on every build of the same input.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence

from generator.data.addresses import (
    ENTITIES,
    ENTITY_IDS,
    HOME,
    SOURCES,
    TIMELINE,
    address,
    entity_source,
    event_source,
    page_url,
    timeline_year_source,
)
from generator.data.iso import iso_first, last_revised
from generator.data.model import Event, Timeline
from generator.languages.settings import Settings

from .share import site_root
from .timeline_years import is_split, listed_years

SITEMAP = "sitemap.xml"
_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML_NS = "http://www.w3.org/1999/xhtml"
ET.register_namespace("", _SITEMAP_NS)
ET.register_namespace("xhtml", _XHTML_NS)


def generated_pages(timeline: Timeline, settings: Settings) -> dict[str, str | None]:
    """Each generated page's address (relative to a language's root) and its lastmod, the same in every language."""
    latest = _latest(timeline, timeline.events)
    pages: dict[str, str | None] = {page_url(path): latest for path in (HOME, TIMELINE, SOURCES, ENTITIES, ENTITY_IDS)}
    if is_split(timeline, settings):
        listed = listed_years(timeline)
        by_year: dict[int, list[Event]] = {}
        for event in timeline.events:
            by_year.setdefault(listed[event.id], []).append(event)
        for year, events in by_year.items():
            pages[page_url(timeline_year_source(year))] = _latest(timeline, events)
    for event in timeline.events:
        pages[page_url(event_source(event.id))] = _latest(timeline, [event])
    for entity_id in timeline.entities:
        pages[page_url(entity_source(entity_id))] = _latest(timeline, timeline.events_about(entity_id)) or latest
    return pages


def handwritten_pages(files: Iterable[str]) -> list[str]:
    """The addresses of hand-written files (paths relative to docs/<lang>/) that are pages, not images or downloads."""
    urls = []
    for name in files:
        target = address(name)
        if target != name:  # a Markdown page, served as <folder>/index.html
            urls.append(target.removesuffix("index.html"))
    return urls


def sitemaps(
    timeline: Timeline, languages: Sequence[str], site_url: str | None, handwritten: Mapping[str, Iterable[str]], mtime: int = 0,
    settings: Settings | None = None,
) -> dict[str, bytes]:
    """Every sitemap file, by its path in the site folder: `<lang>/sitemap.xml`, `<lang>/sitemap.xml.gz`, and the index `sitemap.xml`.

    `site_url`: the site's address; None gives every file empty;
    `handwritten`: each language's hand-written files (paths relative to docs/<lang>/);
    `mtime`: the time in the gzip header (the build's SOURCE_DATE_EPOCH, so two builds agree);
    `settings`: the site's (whether the timeline has year pages), the defaults when not given.
    """
    root = site_root(site_url) or ""  # "": no address, so no page to list
    generated = generated_pages(timeline, settings or Settings()) if root else {}
    present: dict[str, dict[str, str | None]] = {}
    for lang in languages:
        if not root:
            present[lang] = {}
            continue
        pages = dict.fromkeys(handwritten_pages(handwritten.get(lang, ())), None)
        pages.update(generated)  # the hand-written home is merged into the generated one
        present[lang] = pages
    files: dict[str, bytes] = {}
    for lang in languages:
        urlset = ET.Element(f"{{{_SITEMAP_NS}}}urlset")
        for url, lastmod in sorted(present[lang].items()):
            entry = ET.SubElement(urlset, f"{{{_SITEMAP_NS}}}url")
            ET.SubElement(entry, f"{{{_SITEMAP_NS}}}loc").text = f"{root}{lang}/{url}"
            if lastmod:
                ET.SubElement(entry, f"{{{_SITEMAP_NS}}}lastmod").text = lastmod
            versions = [other for other in languages if url in present[other]]
            if len(versions) > 1:
                for other in versions:
                    ET.SubElement(entry, f"{{{_XHTML_NS}}}link", rel="alternate", hreflang=other, href=f"{root}{other}/{url}")
                ET.SubElement(entry, f"{{{_XHTML_NS}}}link", rel="alternate", hreflang="x-default", href=root)
        data = _xml(urlset)
        files[f"{lang}/{SITEMAP}"] = data
        files[f"{lang}/{SITEMAP}.gz"] = gzip.compress(data, mtime=mtime)
    index = ET.Element(f"{{{_SITEMAP_NS}}}sitemapindex")
    latest = _latest(timeline, timeline.events)
    for lang in languages if root else ():
        entry = ET.SubElement(index, f"{{{_SITEMAP_NS}}}sitemap")
        ET.SubElement(entry, f"{{{_SITEMAP_NS}}}loc").text = f"{root}{lang}/{SITEMAP}"
        if latest:
            ET.SubElement(entry, f"{{{_SITEMAP_NS}}}lastmod").text = latest
    files[SITEMAP] = _xml(index)
    return files


def _latest(timeline: Timeline, events: Iterable[Event]) -> str | None:
    """The W3C date (2025-12-12, 2025-12 or 2025) when the latest of these events was added or corrected."""
    dates = [last_revised(timeline, event) for event in events]
    found = max(dates, key=lambda date: (date.start, date.end), default=None)
    return None if found is None else iso_first(found)


def _xml(element: ET.Element) -> bytes:
    ET.indent(element)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True) + b"\n"
