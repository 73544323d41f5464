"""Render the timeline as Markdown pages for one language.

Every page is plain Markdown that MkDocs (or another engine reading
mkdocs.yml) can build. Text from events.yaml only ever reaches a page inside
block-level HTML written by an autoescaping Jinja template: Markdown leaves
such blocks alone, so `**x**`, `[x](javascript:…)` or `<script>` in the data
show literally and never become markup. Page titles and descriptions go
through front matter raw: the theme's templates escape them where they print
them (see generator/engine/). Front matter that YAML could not read would reach Markdown as text (with
attr_list active), so every value in it is a double-quoted YAML string with
escapes, and each page's front matter is read back before it is written.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property, partial
from typing import Any

import jinja2
import yaml
from markupsafe import Markup, escape

from generator.data.addresses import (
    EMBED,
    ENTITIES,
    ENTITY_IDS,
    HOME,
    SOURCES,
    TIMELINE,
    entity_source,
    event_source,
    named_page,
    page_url,
    timeline_year_source,
)
from generator.data.characters import code_point, first_refused
from generator.data.dates import FuzzyDate
from generator.data.iso import first_reported, iso_first, latest_update
from generator.data.language_names import direction
from generator.data.model import ENTITY_KINDS, STATUSES, Citation, Entity, Event, Localized, Source, Timeline, conflict_clusters
from generator.engine.pages import read_front_matter
from generator.exports.cite import cite_bibtex, cite_text
from generator.exports.jsonld import event_jsonld, home_jsonld, script_tag
from generator.exports.paths import EVENTS_CSV, EVENTS_JSON, EVENTS_SCHEMA, FEED, SOURCES_CSL, TIMELINEJS
from generator.languages.localize import Localizer
from generator.languages.settings import Settings

from .overview import COMPACT, FULL, Layout, Links, Overview, period_anchor, status_symbol
from .repository import Repository
from .share import is_public, language_base
from .timeline_years import is_split, listed_years

# Generated pages and their places in the docs folder are kept in addresses.py.


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, POSIX
    meta: Mapping[str, Any]  # the front matter's values, raw
    body: str

    @cached_property
    def text(self) -> str:
        """The page as a Markdown file for the engine: front matter, then the body.

        Made when asked for only: pages written through a page shell (generator/build/shell.py) never need it.
        """
        return front_matter(dict(self.meta)) + self.body

    @property
    def html_body(self) -> bool:
        """The body is one HTML block (the template's `html_block`): no Markdown in it."""
        return self.meta.get(HTML_BODY) is True


# The front matter key of pages whose body is one HTML block (the engine may skip Markdown for them).
HTML_BODY = "html_body"


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both directory URLs under one root ('' is the root).

    posixpath.relpath would do, but asks the system for the working folder on every one of the
    tens of thousands of links: both addresses are relative and normalised, so the shared folders
    and the page's depth below them are enough.
    """
    target, _, fragment = to_url.partition("#")
    here = [part for part in from_url.split("/") if part]
    there = [part for part in target.split("/") if part]
    shared = 0
    for mine, theirs in zip(here, there, strict=False):
        if mine != theirs:
            break
        shared += 1
    parts = [".."] * (len(here) - shared) + there[shared:]
    rel = "/".join(parts) + ("/" if parts and (target.endswith("/") or not target) else "") if parts else "./"
    return rel + (f"#{fragment}" if fragment else "")


def language_url(lang: str, url: str) -> str:
    """The same page in language `lang`, from a page at `url`: every language's build sits side by side under the site root."""
    depth = url.count("/")
    return "../" * (depth + 1) + f"{lang}/{url}"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")


def markdown_text(text: str) -> str:
    """Text safe in a Markdown heading: every character Markdown could read as syntax is escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _html_block(value: str) -> Markup:
    # Blank lines would end a raw HTML block and hand the rest to Markdown;
    # a blank line in a value (a YAML block scalar) reads the same as a space.
    lines = [line for line in str(value).splitlines() if line.strip()]
    return Markup("\n\n" + "\n".join(lines) + "\n\n")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.site", "templates"),
        autoescape=True,  # every template, whatever its name: data is never markup
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        # The templates are the package's own and do not change while the process runs: without this,
        # every get_template (one per page and per import) asks the file system whether one did.
        auto_reload=False,
    )
    env.filters["html_block"] = _html_block
    return env


_ENV = _environment()


# libyaml's emitter, when PyYAML has it: the pure-Python one took a sixth of rendering's time.
# Both escape alike; every page's front matter is read back before it is written anyway.
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _FrontMatterDumper(_BaseDumper):  # type: ignore[valid-type,misc]
    """Every string double-quoted on one line: PyYAML escapes whatever YAML could not read back raw
    (control characters, noncharacters, line breaks), so no value can end the front matter or break it."""


_FrontMatterDumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar(
        # A bare word is written plain (PyYAML quotes one YAML would retype, such as 'true').
        "tag:yaml.org,2002:str", text, style=None if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", text) else '"'
    ),
)


class FrontMatterError(ValueError):
    """Front matter that MkDocs would not read back as written: a bug, never shown as a page."""


def front_matter(values: dict[str, Any]) -> str:
    """YAML front matter that MkDocs reads back exactly as `values`, or FrontMatterError."""
    dumped = yaml.dump(
        values, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False, width=2**31 - 1, default_flow_style=False
    )
    text = "---\n" + dumped + "---\n"
    body, meta = read_front_matter(text + "body\n")  # the engine's own reader, which drops what it cannot parse
    # repr: a hand-written page's NaN is not equal to itself, yet reads back alike.
    if (meta != values and repr(meta) != repr(values)) or body != "body\n":
        raise FrontMatterError(f"page metadata that MkDocs would not read back: {values!r}")
    return text


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


class Renderer:
    """Renders every page of one language."""

    def __init__(self, timeline: Timeline, localizer: Localizer, site_url: str | None = None, repository: Repository | None = None) -> None:
        self.timeline = timeline
        self.L = localizer
        self.lang = localizer.lang
        # This language's public address (`<site_url><lang>/`), for citations and JSON-LD: None when the site
        # has none, or only a loopback preview address, which no reader of a citation could follow.
        self.base_url = language_base(site_url, self.lang) if is_public(site_url) else None
        # The embed code names the embed page wherever the site has an address, the preview's included.
        self.address = language_base(site_url, self.lang)
        self.repository = repository  # None: pages offer no edit or correction links
        # An event's entry in entity lists, by event and the folder of the page listing it (links are relative).
        self._entries: dict[tuple[str, str], Markup] = {}
        # Pieces that many pages repeat, made once per Renderer (a serve process renders many times: never kept
        # beyond it). The templates ask for them thousands of times: see `_time` and the functions after it.
        self._times: dict[FuzzyDate, Markup] = {}  # by date
        self._whens: dict[str, Markup] = {}  # by event
        self._badges: dict[tuple[str, bool, str], Markup] = {}  # by status, described, the methodology's address
        self._date_bases: dict[str, Markup] = {}  # by event
        self._references: dict[tuple[str, tuple[str, ...]], Markup] = {}  # by source and its links (see `_cite`)
        self._names_in_order: dict[tuple[str, ...], list[Entity]] = {}  # by entity ids
        self._names: dict[tuple[str, ...], list[str]] = {}  # by entity ids

    # -- helpers given to templates --------------------------------------------------

    def _context(self, url: str, **values: Any) -> dict[str, Any]:
        context: dict[str, Any] = {
            "lang": self.lang,
            "timeline": self.timeline,
            "L": self.L,
            "t": self.L.t,
            "dir_of": direction,
            # A generated page by name, from this page: url_for('event', event.id), url_for('timeline').
            "url_for": lambda name, item_id=None: relative_url(url, named_page(name, item_id)),
            # A file the theme or the build puts in the language's folder (not a page: pages go through url_for).
            "asset": lambda path: relative_url(url, path),
            "plain": self._text,
            "time": self._time,
            "when": self._when,
            "badge": partial(self._badge, relative_url(url, named_page("methodology"))),
            "chips": partial(self._chips, url),
            "cite": partial(self._cite, url),
            "item": partial(self._item, url),
            "search_fields": self._search_fields,
            "translated": self._translated,
            "foreign": self._foreign,
            "date_basis": self._date_basis,
            "quote": self._quote,
            "localized": self._localized,
            "entity_names": self._entity_names,
            "quote_marks": self._quote_marks,
            "symbol": status_symbol,
            "statuses": STATUSES,
        }
        context.update(values)
        return context

    def _page_context(self, url: str, **values: Any) -> dict[str, Any]:
        """A page's context: its links to the other languages' pages (`switch`) too."""
        context = self._context(url, **values)
        context["switch"] = self._switch(url)
        return context

    def _switch(self, url: str) -> Markup:
        """Links from the page at `url` to the same page in each other language, each offered in its own words."""
        others = ((language, language_url(language.code, url)) for language in self.L.settings.languages if language.code != self.lang)
        links = " · ".join(
            f'<a href="{escape(address)}" hreflang="{escape(language.code)}" lang="{escape(language.code)}"'
            f' dir="{escape(language.direction)}">{escape(language.labels["read_here"])}</a>'
            for language, address in others
        )
        return Markup(f'<p class="tl-switch" data-pagefind-ignore>{links}</p>')

    def _localized(self, value: Localized | None, unknown_key: str | None = None) -> Markup:
        """A localized text; a missing translation shows the other language, marked with its own lang/dir, and a visible label."""
        found = value.best(self.lang) if value else None
        if found is None:
            return Markup('<span class="tl-unknown">{}</span>').format(self.L.t(unknown_key or "title_unknown"))
        return self._foreign(found)

    def _foreign(self, found: tuple[str, str]) -> Markup:
        """A text found in `language` (text, language): marked with its own lang/dir, and a visible label, when not in the page's."""
        text, language = found
        if language == self.lang:
            return escape(text)
        return Markup(
            '<span lang="{}" dir="{}">{}</span> <span class="tl-untranslated" data-pagefind-ignore>{}</span>'
        ).format(language, direction(language), text, self.L.t("not_yet_translated"))

    def _translated(self, value: Localized, original_language: str) -> tuple[str, str] | None:
        """A translation of a text written in `original_language`, for this page; None when not needed or absent."""
        if original_language.split("-")[0].lower() == self.lang:
            return None
        found = value.best(self.lang)
        if found is None or found[1] == original_language.split("-")[0].lower():
            return None
        return found

    def _quote_marks(self, language: str) -> tuple[str, str]:
        """The quotation marks of a quote's own language when the site has its words (« » for Arabic), else the page's."""
        code = language.split("-")[0].lower()
        labels = self.L.settings.language(code).labels if code in self.L.settings.codes else self.L.labels
        return labels["quote_open"], labels["quote_close"]

    def _by_name(self, entity_ids: Iterable[str]) -> list[Entity]:
        """These entities in the order a reader of this page looks for names: the page's script first."""
        key = tuple(entity_ids)
        if (known := self._names_in_order.get(key)) is None:
            entities = [self.timeline.entities[entity_id] for entity_id in key]
            known = self._names_in_order[key] = sorted(entities, key=lambda entity: self.L.name_order(self._text(entity.label)))
        return known

    # The pieces below were Jinja macros; each is called thousands of times (every event's date, status and
    # entities on its page, the timeline, the home page and its entities' pages), and a macro call costs far
    # more than the few lines they write. Each escapes every value from the data once (escape() in an
    # f-string, or Markup.format; both leave Markup, already escaped, as it is) and marks as Markup only
    # what it built from escaped parts. Those used on many pages are kept, by what they depend on.

    def _time(self, when: FuzzyDate | None) -> Markup:
        """A date as a `<time>` element (its machine-readable form in `datetime`); an unknown date said to be unknown."""
        if when is None:
            return Markup('<span class="tl-unknown">{}</span>').format(self.L.t("date_unknown"))
        if (known := self._times.get(when)) is None:
            known = self._times[when] = Markup('<time datetime="{}">{}</time>').format(when.machine, self.L.date(when))
        return known

    def _when(self, event: Event) -> Markup:
        """An event's date, or its range of dates."""
        if (known := self._whens.get(event.id)) is None:
            start = self._time(event.date)
            known = self._whens[event.id] = Markup("{} – {}").format(start, self._time(event.end)) if event.end else start
        return known

    def _badge(self, methodology: str, status: str, described: bool = True) -> Markup:
        """A status, linked to its definition in the methodology (at `methodology`, from the page).

        `described`: its meaning as the link's title too; lists that repeat the badge line after line leave it out.
        """
        key = (status, described, methodology)
        if (known := self._badges.get(key)) is None:
            href = f"{methodology}#status-{status}"
            label = self.L.t(f"status.{status}")
            if described:
                known = Markup('<a class="tl-status tl-status--{0}" data-status="{0}" href="{1}" title="{2}">{3}</a>').format(
                    status, href, self.L.t(f"status_meaning.{status}"), label
                )
            else:
                known = Markup('<a class="tl-status tl-status--{}" href="{}">{}</a>').format(status, href, label)
            self._badges[key] = known
        return known

    def _chips(self, url: str, event: Event) -> Markup:
        """The entities of an event, by name, each linked to its page from the page at `url`; nothing without entities.

        Out of the search index (data-pagefind-ignore): a run of names makes a poor excerpt; every name of these
        entities is searchable through the page's search fields.
        """
        if not event.entities:
            return Markup("")
        # f-strings of escaped parts: Markup.format goes through string.Formatter, several times slower.
        chips = "".join(
            f'<li><a class="tl-chip tl-chip--{escape(entity.kind)}" href="{escape(relative_url(url, named_page("entity", entity.id)))}"'
            f' data-entity="{escape(entity.id)}">{self._localized(entity.label)}</a></li>\n'
            for entity in self._by_name(event.entities)
        )
        return Markup(f'<ul class="tl-chips" data-pagefind-ignore>\n{chips}</ul>')

    def _search_fields(self, event: Event) -> Markup:
        """What the search index (Pagefind) records about an event beyond its visible text: the result's title,
        date and status, the filters, and every recorded name of its entities in any script, so that any
        spelling finds it. Hidden and empty elements whose values sit in attributes: they add nothing to the
        page, and nothing to the excerpts shown with results."""
        status = escape(self.L.t(f"status.{event.status}"))
        fields = [
            f'<span hidden data-pagefind-meta="title:{escape(self._text(event.title))}"></span>',
            f'<span hidden data-pagefind-meta="date:{escape(self.L.date_range(event.date, event.end))}"></span>',
            f'<span hidden data-pagefind-meta="status:{status}"></span>',
            f'<span hidden data-pagefind-filter="status:{status}"></span>',
            f'<span hidden data-pagefind-filter="year:{escape(self.L.year(event.date.start.year))}"></span>',
            *(
                f'<span hidden data-pagefind-filter="entity:{escape(self._text(self.timeline.entities[entity_id].label))}"></span>'
                for entity_id in event.entities
            ),
        ]
        if names := self._entity_names(event.entities):
            fields.append(f'<span hidden data-pagefind-meta="aliases:{escape(", ".join(names))}"></span>')
        return Markup("".join(field + "\n" for field in fields))

    def _date_basis(self, event: Event) -> Markup:
        """Where the event's date comes from: the label of its kind, with the cited article it rests on linked to
        that article's entry in the reference list."""
        source = self.timeline.sources[event.date_basis.source]
        number = event.date_basis_reference
        before, after = self.L.t(f"date_basis.{event.date_basis.kind}").split("{source}")
        name = self._text(source.outlet) if source.outlet else self.L.t("unnamed_source")
        return Markup(
            f'{escape(before)}<a class="tl-basis__source" href="#cite-{number}">{escape(name)} [{escape(self.L.digits(str(number)))}]</a>{escape(after)}'
        )

    def _quote(self, citation: Citation, source: Source) -> Markup:
        """A passage quoted from a cited article, in its language's quotation marks, and its translation when the page needs one."""
        opening, closing = self._quote_marks(source.language)
        quoted = (
            f'<blockquote class="tl-quote" lang="{escape(source.language)}" dir="{escape(direction(source.language))}"><p>'
            f'<span class="tl-quote__mark">{escape(opening)}</span>{escape(citation.quote)}<span class="tl-quote__mark">{escape(closing)}</span></p></blockquote>\n'
        )
        if found := self._translated(citation.quote_translated, source.language):
            label = escape(self.L.t("translation"))
            quoted += f'<p class="tl-quote-translation"><span class="tl-label" data-pagefind-ignore>{label}:</span> {self._foreign(found)}</p>\n'
        return Markup(quoted)

    def _date_basis_short(self, event: Event) -> Markup:
        """Where an event's date comes from, in a few words for lists; nothing when a cited article states it."""
        basis = event.date_basis
        if basis.kind == "stated":
            return Markup("")
        if (known := self._date_bases.get(event.id)) is None:
            outlet = self.timeline.sources[basis.source].outlet
            text = self.L.t(f"date_basis_short.{basis.kind}", source=self._text(outlet) if outlet else self.L.t("unnamed_source"))
            known = self._date_bases[event.id] = Markup(f'<span class="tl-basis" data-basis="{escape(basis.kind)}">{escape(text)}</span>')
        return known

    def _item(self, url: str, event: Event) -> Markup:
        """One event's entry in the lists of the timeline and the home page, from the page at `url`.

        One or two lines (date, status, title, number of sources); the summary and entities a native <details>
        away, so the list scans without script.
        """
        href = escape(relative_url(url, named_page("event", event.id)))
        sources = self.L.count("sources_count", len(event.references))
        return Markup(
            f'<li class="tl-item" id="event-{escape(event.id)}" data-status="{escape(event.status)}" data-year="{escape(event.date.year)}">\n'
            f'<p class="tl-item__line">{self._when(event)} {self._badge(relative_url(url, named_page("methodology")), event.status)}'
            f' <a class="tl-item__title" href="{href}">{self._localized(event.title)}</a>'
            f' <a class="tl-item__count" href="{href}#sources">{escape(sources)}</a></p>\n'
            '<details class="tl-item__more">\n'
            f'<summary>{escape(self.L.t("show_summary"))}</summary>\n'
            f'<p class="tl-item__summary">{self._date_basis_short(event)} {self._localized(event.summary)}</p>\n'
            f"{self._chips(url, event)}\n"
            "</details>\n"
            "</li>"
        )

    def _cite(self, url: str, source: Source) -> Markup:
        """A cited article's reference (the `cite` macro), from the page at `url`: made once per article and language.

        An article is cited by several events, and listed on the sources page: its reference differs between
        those pages only by the links to the entities it was relayed from (`via`), so those links are in the key.
        """
        via = tuple(relative_url(url, named_page("entity", entity.id)) for outlet in source.via if (entity := self.timeline.entity_named(outlet)))
        key = (source.id, via)
        if (known := self._references.get(key)) is None:
            known = self._references[key] = Markup(_ENV.get_template("reference.html.j2").render(self._context(url, source=source)))
        return known

    def _entity_names(self, entity_ids: Iterable[str]) -> list[str]:
        """Every recorded name of these entities, once each (for the search index)."""
        key = tuple(entity_ids)
        if (known := self._names.get(key)) is None:
            known = self._names[key] = list(dict.fromkeys(name for entity_id in key for name in self.timeline.entities[entity_id].names))
        return known

    def _render(self, template: str, url: str, **values: Any) -> str:
        return _ENV.get_template(template).render(self._page_context(url, **values))

    def _page(
        self, path: str, title: str, template: str, description: str | None = None, share: dict[str, str] | None = None,
        *, html_body: bool = False, **values: Any
    ) -> Page:
        # Raw, as the data has it: the theme's overridden partials escape them, once.
        meta: dict[str, Any] = {"title": title, "timeline_page": True}
        if html_body:
            meta[HTML_BODY] = True
        if description:
            meta["description"] = description
        meta["share_title"] = title
        if description:
            meta["share_description"] = description
        meta.update(share or {})
        values.setdefault("report_url", self._report_url(path, title))
        body = self._render(template, page_url(path), **values)
        # The checker refuses these in the data; a page must never carry one (NUL, ESC...) into HTML.
        for text in (body, *(value for value in meta.values() if isinstance(value, str))):
            if found := first_refused(text):
                raise ValueError(f"{path}: the character {code_point(found.group())} reached a page")
        return Page(path, meta, body)

    def _report_url(self, path: str, title: str) -> str | None:
        """A new issue in the repository about this page, prefilled with its title and address; None without a repository."""
        if self.repository is None:
            return None
        address = (self.address or f"/{self.lang}/") + page_url(path)
        return self.repository.new_issue_url(
            self.L.t("correction_issue_title", title=title), self.L.t("correction_issue_body", address=address)
        )

    def _text(self, value: Localized | None) -> str:
        found = value.best(self.lang) if value else None
        return found[0] if found else ""

    # -- pages ---------------------------------------------------------------------

    def pages(self, handwritten_home: str | None) -> list[Page]:
        pages = [
            self.home(handwritten_home),
            *self.timeline_pages(),
            self.sources_page(),
            self.entities_page(),
            self.entity_ids_page(),
        ]
        pages.extend(self.event_page(event) for event in self.timeline.events)
        pages.extend(self.entity_page(entity) for entity in self.timeline.entities.values())
        return pages

    @cached_property
    def _newest_report(self) -> date | None:
        """The last day the newest cited report can be from: found once, not once per event (thousands of events, as many sources)."""
        return max((source.published.end for source in self.timeline.sources.values() if source.published), default=None)

    def expected(self, event: Event) -> bool:
        """Still to come: planned, or dated after the newest report the timeline cites (never the clock: builds are reproducible)."""
        newest = self._newest_report
        return event.status == "planned" or (newest is not None and event.date.start > newest)

    def home(self, handwritten: str | None) -> Page:
        count = self.L.settings.latest_events
        # What happened, newest first by the first day its date can be: an event
        # known only to the year (1 January at the earliest) is not "latest"
        # because the year is the latest; what is expected, soonest first.
        past = sorted((event for event in self.timeline.events if not self.expected(event)), key=lambda event: (event.date.start, not event.vague))
        latest = tuple(reversed(past[-count:])) if count else ()
        expected = tuple(event for event in self.timeline.events if self.expected(event))[:count]
        overview = self.overview(page_url(HOME), COMPACT)
        jsonld = script_tag(home_jsonld(self.timeline, self.lang, self.base_url))
        values: dict[str, Any] = {"latest": latest, "expected": expected, "overview": overview, "jsonld": jsonld, "data_files": DATA_FILES}
        if handwritten is None:
            return self._page(
                HOME, self._text(self.timeline.site.title), "home.md.j2",
                description=self._text(self.timeline.site.description), handwritten=None, **values,
            )
        # A hand-written home keeps its own front matter; we only mark it as ours to switch language.
        body, meta = read_front_matter(handwritten)
        meta = dict(meta)
        meta.setdefault("timeline_page", True)
        meta.setdefault("description", self._text(self.timeline.site.description))
        meta.setdefault("share_title", self._text(self.timeline.site.title))
        meta.setdefault("share_description", self._text(self.timeline.site.description))
        text = self._render("home.md.j2", "", handwritten=Markup(body), **values)
        return Page(HOME, meta, text)

    def timeline_pages(self) -> list[Page]:
        """The timeline page; past `year_pages_above` events, the index of years and a page per year."""
        if not self._split:
            return [self.timeline_page()]
        return [self.timeline_page(), *(self.year_page(year.year) for year in self._years)]

    def timeline_page(self) -> Page:
        """The whole timeline on one page, or, when it is split by year, the index of its years."""
        overview = self.overview(page_url(TIMELINE))
        if self._split:
            return self._page(
                TIMELINE, self.L.t("timeline"), "timeline_index.md.j2", html_body=True,
                years=self._years, overview=overview, embed_code=self.embed_code(),
                year_url=self._year_url(TIMELINE), latest=self._timeline_place(page_url(TIMELINE), self.timeline.events[-1]),
            )
        return self._page(TIMELINE, self.L.t("timeline"), "timeline.md.j2", years=self._years, overview=overview, embed_code=self.embed_code())

    def year_page(self, year: int) -> Page:
        """One year of a split timeline: its entries under month headings, as on the single page, and the years around it."""
        position = next(index for index, found in enumerate(self._years) if found.year == year)
        path = timeline_year_source(year)
        before = self._years[position - 1].year if position > 0 else None
        after = self._years[position + 1].year if position + 1 < len(self._years) else None
        return self._page(
            path, self.L.t("timeline_year", year=self._years[position].text), "timeline_year.md.j2", html_body=True,
            year=self._years[position], previous=before, following=after, year_url=self._year_url(path),
        )

    @cached_property
    def _split(self) -> bool:
        return is_split(self.timeline, self.L.settings)

    @cached_property
    def _years(self) -> tuple[YearGroup, ...]:
        return self.years()

    def _year_url(self, path: str) -> Callable[[int], str]:
        """A year page's address from the page at `path`."""
        return lambda year: relative_url(page_url(path), page_url(timeline_year_source(year)))

    def _timeline_place(self, from_url: str, event: Event) -> str:
        """Where an event is listed in the timeline, from the page at `from_url`: its year page when the timeline is split."""
        page = page_url(timeline_year_source(self._listed[event.id])) if self._split else page_url(TIMELINE)
        return relative_url(from_url, f"{page}#event-{event.id}")

    @cached_property
    def _listed(self) -> Mapping[str, int]:
        return listed_years(self.timeline)

    @cached_property
    def _period_pages(self) -> Mapping[str, str]:
        """Each heading of the timeline (by its id) and the address it is on: its year's page, or the one timeline page."""
        pages: dict[str, str] = {}
        for year in self._years:
            page = page_url(timeline_year_source(year.year)) if self._split else page_url(TIMELINE)
            # A year's own link leads to the top of its page.
            pages[year.anchor] = page if self._split else f"{page}#{year.anchor}"
            pages.update((group.anchor, f"{page}#{group.anchor}") for group in year.groups)
        return pages

    def embed_code(self) -> str:
        """The `<iframe>` a newsroom pastes into its article (shown escaped, to be copied); "" while the site has no
        address: pasted into another site, a relative one would lead nowhere."""
        if not self.address:
            return ""
        title = self.L.t("embed_frame_title", site=self._text(self.timeline.site.title))
        source = f"{self.address}{EMBED}"
        frame = Markup(
            '<iframe src="{}" title="{}" width="100%" height="600" style="border:0;max-width:700px" loading="lazy"></iframe>'
        ).format(source, title)
        return str(frame)

    def overview(self, from_url: str, layout: Layout = FULL) -> Markup:
        """The overview picture for the page at `from_url`: its links lead to event pages and to the timeline's headings."""
        timeline_url = page_url(TIMELINE)

        def period(anchor: str) -> str:
            # A month the list has no heading for (its only events are listed with an earlier conflicting claim)
            # leads to the index when the timeline is split by year.
            target = self._period_pages.get(anchor, timeline_url if self._split else f"{timeline_url}#{anchor}")
            page, _, fragment = target.partition("#")
            if page == from_url:
                return "#" + fragment if fragment else "./"
            return relative_url(from_url, target)

        links = Links(event=lambda event: relative_url(from_url, page_url(event_source(event.id))), period=period)
        return Overview(self.timeline.events, self.L, links, layout).svg()

    def years(self) -> tuple[YearGroup, ...]:
        """Events under year headings, then month headings, then "sometime in <year>", in timeline order.

        The headings of a year never overlap: one per month for events known
        to the month or day, and one last heading for those known only to a
        quarter, season or year (see `Event.sort_key`). Conflicting claims
        stay together as one entry, under the heading of the first of them.
        """
        by_year: dict[int, list[tuple[str, tuple[Event, ...]]]] = {}
        for cluster in conflict_clusters(self.timeline.events):
            first = cluster[0]
            by_year.setdefault(first.date.start.year, []).append((period_anchor(first), cluster))
        result = []
        for year, entries in by_year.items():
            groups: list[tuple[str, list[tuple[Event, ...]]]] = []
            for anchor, cluster in entries:
                if groups and groups[-1][0] == anchor:
                    groups[-1][1].append(cluster)
                else:
                    groups.append((anchor, [cluster]))
            built = tuple(
                Group(self._group_label(members[0][0]), anchor, tuple(members), members[0][0].vague)
                for anchor, members in groups
            )
            result.append(YearGroup(year, self.L.year(year), built))
        return tuple(result)

    def _group_label(self, event: Event) -> str:
        if event.vague:
            return self.L.t("sometime_in_year", year=self.L.year(event.date.start.year))
        return self.L.month_heading(event.date.start)

    def sources_page(self) -> Page:
        def order(source_id: str) -> tuple[object, ...]:
            published = self.timeline.sources[source_id].published
            return (published is None, published.start if published else None, source_id)

        sources = [self.timeline.sources[source_id] for source_id in sorted(self.timeline.sources, key=order)]
        return self._page(SOURCES, self.L.t("sources"), "sources.md.j2", html_body=True, sources=sources)

    def entities_page(self) -> Page:
        kinds = []
        for kind in ENTITY_KINDS:
            members = [entity for entity in self.timeline.entities.values() if entity.kind == kind]
            if members:
                members.sort(key=lambda entity: self.L.name_order(self._text(entity.label)))
                kinds.append((kind, members))
        return self._page(ENTITIES, self.L.t("entities"), "entities.md.j2", html_body=True, kinds=kinds)

    def embed_page(self) -> str:
        """Every event, compact, each linked out to its page: for an `<iframe>` in another site's article."""
        language = self.L.language
        timeline_url = f"{self.base_url}{page_url(TIMELINE)}" if self.base_url else None
        return self._render(
            "embed.html.j2", EMBED, direction=language.direction, events=tuple(reversed(self.timeline.events)), timeline_url=timeline_url
        )

    def entity_ids_page(self) -> Page:
        """For maintainers: every entity id with its kind, labels and aliases, to write under an event's `entities:`."""
        entities = sorted(self.timeline.entities.values(), key=lambda entity: entity.id)
        return self._page(ENTITY_IDS, self.L.t("entity_ids"), "entity_ids.md.j2", entities=entities, languages=self.L.settings.languages)

    def entity_page(self, entity: Entity) -> Page:
        events = self.timeline.events_about(entity.id)
        path = entity_source(entity.id)
        url = page_url(path)
        folder = url.rstrip("/").rpartition("/")[0]
        methodology = relative_url(url, named_page("methodology"))

        def entry(event: Event) -> Markup:
            # An event in an entity's list (under its year): its date, status and title, linking to its page. Each
            # event is listed on the page of every entity it is about: made once, not once per entity.
            key = (event.id, folder)
            if (known := self._entries.get(key)) is None:
                href = escape(relative_url(url, named_page("event", event.id)))
                known = self._entries[key] = Markup(
                    f'<li class="tl-item tl-item--compact"><span class="tl-item__meta">{self._when(event)} {self._badge(methodology, event.status, False)}</span>'
                    f' <a href="{href}">{self._localized(event.title)}</a></li>'
                )
            return known

        return self._page(path, self._text(entity.label), "entity.md.j2", html_body=True, entity=entity, events=events, entry=entry)

    def event_page(self, event: Event) -> Page:
        previous, following = self.timeline.neighbours(event)
        # Open Graph's article times, from the data: when first reported, when last corrected.
        share = {"og_type": "article", "published_time": iso_first(first_reported(self.timeline, event))}
        latest = latest_update(event)
        if latest is not None:
            share["modified_time"] = iso_first(latest)
        bibtex = cite_bibtex(self.timeline, event, self.lang, self.base_url, None)
        return self._page(
            event_source(event.id),
            self._text(event.title),
            "event.md.j2",
            html_body=True,
            description=self._text(event.summary),
            share=share,
            event=event,
            jsonld=script_tag(event_jsonld(self.timeline, event, self.lang, self.base_url)),
            citation=cite_text(self.timeline, event, self.L, self.base_url, None),
            bibtex=bibtex,
            # Base64: shorter than percent-encoding for text of spaces, braces, line breaks and Arabic letters.
            bibtex_href="data:application/x-bibtex;charset=utf-8;base64," + base64.b64encode(bibtex.encode("utf-8")).decode("ascii"),
            first_reported=self.timeline.first_reported(event),
            other_claims=self.timeline.conflicts(event),
            previous=previous,
            following=following,
            timeline_place=self._timeline_place(page_url(event_source(event.id)), event),
            edit_url=self.repository.line_url(event.line) if self.repository and event.line else None,
        )


def render_language(
    timeline: Timeline, localizer: Localizer, handwritten_home: str | None = None,
    site_url: str | None = None, repository: Repository | None = None,
) -> list[Page]:
    return Renderer(timeline, localizer, site_url, repository).pages(handwritten_home)


def render_embed(timeline: Timeline, localizer: Localizer, site_url: str | None = None) -> str:
    """The embed page of a language (`<lang>/embed/index.html`): a whole HTML document, no theme, no script."""
    return Renderer(timeline, localizer, site_url).embed_page()


def render_template(name: str, **values: object) -> str:
    """A whole document from one of the package's templates (autoescaped, as every page)."""
    return _ENV.get_template(name).render(**values)


def render_root(timeline: Timeline, settings: Settings) -> str:
    """The site root: a language choice that needs no JavaScript, in the site's order of languages."""
    choices = []
    for language in settings.languages:
        title = timeline.site.title.best(language.code)
        choices.append((language, title[0] if title else ""))
    default = settings.languages[0]
    description = timeline.site.description.best(default.code)
    return _ENV.get_template("root.html.j2").render(
        choices=choices, default=default, description=description[0] if description else "",
    )
