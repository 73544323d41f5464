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

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jinja2
import yaml
from markupsafe import Markup, escape

from .addresses import ENTITIES, HOME, SOURCES, TIMELINE, entity_source, event_source, named_page, page_url
from .characters import REFUSED, code_point
from .dates import FuzzyDate, Precision
from .engine import read_front_matter
from .localize import Localizer, Settings, direction
from .model import ENTITY_KINDS, Entity, Event, Localized, Timeline

# Generated pages and their places in the docs folder are kept in addresses.py.


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, POSIX
    text: str


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
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,  # every template, whatever its name: data is never markup
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
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


@dataclass(frozen=True)
class Group:
    label: str  # Markdown-escaped heading text; '' for no heading
    attrs: str  # attr_list id for the heading
    events: tuple[Event, ...]


@dataclass(frozen=True)
class YearGroup:
    year: int
    label: str
    attrs: str
    groups: tuple[Group, ...]


class Renderer:
    """Renders every page of one language."""

    def __init__(self, timeline: Timeline, localizer: Localizer) -> None:
        self.timeline = timeline
        self.L = localizer
        self.lang = localizer.lang
        # An event's entry in entity lists, by event and the folder of the page listing it (links are relative).
        self._entries: dict[tuple[str, str], Markup] = {}

    # -- helpers given to templates --------------------------------------------------

    def _context(self, url: str, **values: Any) -> dict[str, Any]:
        context: dict[str, Any] = {
            "lang": self.lang,
            # The same page in each other language, each offered in its own words.
            "others": [
                (language, language_url(language.code, url))
                for language in self.L.settings.languages
                if language.code != self.lang
            ],
            "timeline": self.timeline,
            "L": self.L,
            "t": self.L.t,
            "dir_of": direction,
            # A generated page by name, from this page: url_for('event', event.id), url_for('timeline').
            "url_for": lambda name, item_id=None: relative_url(url, named_page(name, item_id)),
            "translated": self._translated,
            "localized": self._localized,
            "entity_names": self._entity_names,
        }
        context.update(values)
        return context

    def _page_context(self, url: str, **values: Any) -> dict[str, Any]:
        """A page's context: its links to the other languages' pages (`switch`) too."""
        context = self._context(url, **values)
        context["switch"] = Markup(_ENV.get_template("switch.html.j2").render(context).strip())
        return context

    def _localized(self, value: Localized | None, unknown_key: str | None = None) -> Markup:
        """A localized text; a missing translation shows the other language, marked with its own lang/dir, and a visible label."""
        found = value.best(self.lang) if value else None
        if found is None:
            return Markup('<span class="tl-unknown">{}</span>').format(self.L.t(unknown_key or "title_unknown"))
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

    def _entity_names(self, entity_ids: Iterable[str]) -> list[str]:
        """Every recorded name of these entities, once each (for the search index)."""
        return list(dict.fromkeys(name for entity_id in entity_ids for name in self.timeline.entities[entity_id].names))

    def _render(self, template: str, url: str, **values: Any) -> str:
        return _ENV.get_template(template).render(self._page_context(url, **values))

    def _page(
        self, path: str, title: str, template: str, description: str | None = None, *, html_body: bool = False, **values: Any
    ) -> Page:
        meta: dict[str, Any] = {"title": title, "timeline_page": True}
        if html_body:
            # The body is one HTML block (the template's `html_block`): the engine may skip Markdown for it.
            meta["html_body"] = True
        if description:
            meta["description"] = description
        body = self._render(template, page_url(path), **values)
        page = Page(path, front_matter(meta) + body)
        # The checker refuses these in the data; a page must never carry one (NUL, ESC...) into HTML.
        if found := REFUSED.search(page.text):
            raise ValueError(f"{path}: the character {code_point(found.group())} reached a page")
        return page

    def _text(self, value: Localized | None) -> str:
        found = value.best(self.lang) if value else None
        return found[0] if found else ""

    # -- pages ---------------------------------------------------------------------

    def pages(self, handwritten_home: str | None) -> list[Page]:
        pages = [
            self.home(handwritten_home),
            self.timeline_page(),
            self.sources_page(),
            self.entities_page(),
        ]
        pages.extend(self.event_page(event) for event in self.timeline.events)
        pages.extend(self.entity_page(entity) for entity in self.timeline.entities.values())
        return pages

    def home(self, handwritten: str | None) -> Page:
        events = self.timeline.events
        # The latest events by date, newest first.
        latest = tuple(reversed(events[-self.L.settings.latest_events :])) if self.L.settings.latest_events else ()
        if handwritten is None:
            return self._page(
                HOME, self._text(self.timeline.site.title), "home.md.j2",
                description=self._text(self.timeline.site.description), handwritten=None, latest=latest,
            )
        # A hand-written home keeps its own front matter; we only mark it as ours to switch language.
        body, meta = read_front_matter(handwritten)
        meta = dict(meta)
        meta.setdefault("timeline_page", True)
        meta.setdefault("description", self._text(self.timeline.site.description))
        text = self._render("home.md.j2", "", handwritten=Markup(body), latest=latest)
        return Page(HOME, front_matter(meta) + text)

    def timeline_page(self) -> Page:
        return self._page(TIMELINE, self.L.t("timeline"), "timeline.md.j2", years=self.years())

    def years(self) -> tuple[YearGroup, ...]:
        """Events under year headings, then under month (or quarter, season...) headings, in timeline order."""
        by_year: dict[int, list[Event]] = {}
        for event in self.timeline.events:
            by_year.setdefault(event.date.start.year, []).append(event)
        result = []
        for year, events in by_year.items():
            groups: list[tuple[str, list[Event]]] = []
            for event in events:
                label = self._group_label(event.date)
                if groups and groups[-1][0] == label:
                    groups[-1][1].append(event)
                else:
                    groups.append((label, [event]))
            built = []
            for index, (label, members) in enumerate(groups):
                # Numbered, not named: a label such as "December" may recur within a year.
                anchor = f"year-{year}-{index + 1}"
                built.append(Group(markdown_text(label), "{#" + anchor + "}", tuple(members)))
            result.append(YearGroup(year, markdown_text(self.L.year(year)), "{#year-" + str(year) + "}", tuple(built)))
        return tuple(result)

    def _group_label(self, date: FuzzyDate) -> str:
        first = date.start
        if date.precision in (Precision.DAY, Precision.MONTH):
            return self.L.month_heading(first)
        if date.precision is Precision.QUARTER:
            return self.L.quarter_heading(first)
        if date.precision is Precision.SEASON:
            assert date.season
            return self.L.t(f"season_heading.{date.season}")
        return self.L.t("undated_in_year", year=self.L.year(date.year))

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
                members.sort(key=lambda entity: self._text(entity.label).casefold())
                kinds.append((kind, members))
        return self._page(ENTITIES, self.L.t("entities"), "entities.md.j2", html_body=True, kinds=kinds)

    def entity_page(self, entity: Entity) -> Page:
        events = self.timeline.events_about(entity.id)
        path = entity_source(entity.id)
        folder = page_url(path).rstrip("/").rpartition("/")[0]

        def entry(event: Event) -> Markup:
            # Each event is listed on the page of every entity it is about: rendered once, not once per entity.
            key = (event.id, folder)
            if key not in self._entries:
                entry_html = _ENV.get_template("entry.html.j2").render(self._context(page_url(path), event=event))
                self._entries[key] = Markup(entry_html.strip())
            return self._entries[key]

        return self._page(path, self._text(entity.label), "entity.md.j2", html_body=True, entity=entity, events=events, entry=entry)

    def event_page(self, event: Event) -> Page:
        previous, following = self.timeline.neighbours(event)
        return self._page(
            event_source(event.id),
            self._text(event.title),
            "event.md.j2",
            html_body=True,
            description=self._text(event.summary),
            event=event,
            first_reported=self.timeline.first_reported(event),
            previous=previous,
            following=following,
        )


def render_language(timeline: Timeline, localizer: Localizer, handwritten_home: str | None = None) -> list[Page]:
    return Renderer(timeline, localizer).pages(handwritten_home)


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
