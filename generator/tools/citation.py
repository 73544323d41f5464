"""A citation read from an article's page, as Wikipedia's Citoid does: each value with where it was found.

The page's own metadata comes first, in the order publishers fill it most
carefully: Highwire `citation_*` tags, schema.org JSON-LD (NewsArticle and
kin), Open Graph and `article:*` tags, then the document (`<html lang>`,
`<link rel=canonical>`), then trafilatura's reading of the page (its title,
site name and htmldate's publication date). A value found nowhere stays None:
nothing is guessed here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html

from .fetching import decode
from .http_client import Limits, Refused, check_address, get
from .page_text import parse
from .terminal_text import printable


@dataclass(frozen=True)
class Found:
    value: str
    origin: str  # where on the page it was found, for the maintainer


@dataclass(frozen=True)
class Citation:
    title: Found | None = None
    outlet: Found | None = None
    published: Found | None = None  # 2025-12-10, 2025-12 or 2025: as precise as the page says
    language: Found | None = None  # a primary language subtag: ar, en, fr…
    canonical: Found | None = None


_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting", "opinionnewsarticle",
                  "backgroundnewsarticle", "reviewnewsarticle", "scholarlyarticle", "report", "webpage"}
_DATE = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?=$|[T\s+Z])")
_LANGUAGE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")


def _clean(text: object) -> str | None:
    if not isinstance(text, str):
        return None
    cleaned = printable(re.sub(r"\s+", " ", text).strip(), limit=400)
    return cleaned or None


def _date(text: object) -> str | None:
    match = _DATE.match(text) if isinstance(text, str) else None
    if not match:
        return None
    year, month, day = match[1], match[2], match[3]
    if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31:
        return None
    return "-".join(part.zfill(2) for part in (year, month, day) if part)


def _language(text: object) -> str | None:
    match = _LANGUAGE.match(text) if isinstance(text, str) else None
    return match[1].lower() if match else None


def _metas(tree: lxml.html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("http-equiv") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key and content and content.strip() and key not in found:
            found[key] = content
    return found


def _json_ld(tree: lxml.html.HtmlElement) -> Iterator[dict[str, object]]:
    def walk(item: object) -> Iterator[dict[str, object]]:
        if isinstance(item, list):
            for part in item:
                yield from walk(part)
        elif isinstance(item, dict):
            kinds = item.get("@type")
            kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
            if any(isinstance(kind, str) and kind.lower() in _ARTICLE_TYPES for kind in kinds):
                yield item
            yield from walk(item.get("@graph"))

    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            try:
                yield from walk(json.loads(script.text))
            except ValueError:
                continue  # a broken block: the page's other metadata still counts


def _name(value: object) -> str | None:
    if isinstance(value, list):
        return next((name for name in map(_name, value) if name), None)
    if isinstance(value, dict):
        return _clean(value.get("name")) or _clean(value.get("alternateName"))
    return _clean(value)


def _site_name(document: object, url: str) -> str | None:
    name = _clean(getattr(document, "sitename", None))
    host = (urlsplit(url).hostname or "").lower()
    # trafilatura falls back on the address's host name: that is not a name the page gives.
    if name is None or name.lower().removeprefix("www.") in (host.removeprefix("www."), (urlsplit(url).netloc or "").lower()):
        return None
    return name


def _first(*candidates: tuple[str | None, str]) -> Found | None:
    return next((Found(value, origin) for value, origin in candidates if value), None)


def read_citation(markup: str | bytes, url: str) -> Citation:
    tree = parse(markup)
    if tree is None:
        return Citation()
    meta = _metas(tree)
    ld = next(_json_ld(tree), {})
    import trafilatura  # only when a page is read: it takes a while to import

    try:
        document = trafilatura.extract_metadata(tree, default_url=url)
    except Exception:  # noqa: BLE001 - the page's own tags still count when the extractor fails
        document = None
    canonical_link = next((link.get("href") for link in tree.iter("link") if "canonical" in (link.get("rel") or "").lower().split()), None)
    canonical = None
    for candidate, origin in ((canonical_link, "<link rel=canonical>"), (meta.get("og:url"), "og:url"), (ld.get("url"), "JSON-LD url")):
        if isinstance(candidate, str) and candidate.strip():
            absolute = urljoin(url, candidate.strip())
            try:
                check_address(absolute)
            except Refused:
                continue
            canonical = Found(printable(absolute), origin)
            break
    return Citation(
        title=_first(
            (_clean(meta.get("citation_title")), "citation_title"), (_clean(ld.get("headline")), "JSON-LD headline"),
            (_clean(meta.get("og:title")), "og:title"), (_clean(getattr(document, "title", None)), "the page's heading or title (trafilatura)"),
        ),
        outlet=_first(
            (_clean(meta.get("og:site_name")), "og:site_name"), (_name(ld.get("publisher")), "JSON-LD publisher"),
            (_clean(meta.get("citation_journal_title")), "citation_journal_title"), (_clean(meta.get("citation_publisher")), "citation_publisher"),
            (_site_name(document, url), "the page's site name (trafilatura)"),
        ),
        published=_first(
            (_date(meta.get("citation_publication_date")), "citation_publication_date"), (_date(meta.get("citation_date")), "citation_date"),
            (_date(meta.get("article:published_time")), "article:published_time"), (_date(ld.get("datePublished")), "JSON-LD datePublished"),
            (_date(getattr(document, "date", None)), "htmldate's reading of the page"),
        ),
        language=_first(
            (_language(meta.get("citation_language")), "citation_language"), (_language(_name(ld.get("inLanguage"))), "JSON-LD inLanguage"),
            (_language(meta.get("og:locale")), "og:locale"), (_language(tree.get("lang")), "<html lang>"),
            (_language(meta.get("content-language")), "Content-Language"),
        ),
        canonical=canonical,
    )


def fetch_citation(url: str, limits: Limits) -> Citation:
    """The citation of the page at `url`; `Refused` says why the page could not be read."""
    answer = get(url, limits)
    if answer.status >= 400:
        raise Refused(f"the server answered {answer.status} {printable(answer.reason)}".strip())
    if answer.content_type not in ("text/html", "application/xhtml+xml"):
        raise Refused(f"the page is not HTML (it is {printable(answer.content_type) or 'of no stated type'})")
    return read_citation(decode(answer.body, answer.charset), answer.url)
