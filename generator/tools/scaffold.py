"""`new-event` and `new-source`: a complete, commented entry to fill in, printed or appended.

The printed entry passes the checker as it is (its texts say TODO), so a
maintainer can append it first and fill it in while `serve` shows the page.
Appending adds text after the file's last byte (or, for a source, between two
lines of the `sources:` section): every existing byte and comment is kept, the
new lines end as the file's do, and nothing is written unless the result
passes the checker (then all at once, see `files.write_edited`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from generator.data.checker import check_text
from generator.data.errors import UsageError
from generator.data.files import read_text_file, read_to_edit, write_edited
from generator.data.load import load_nodes
from generator.data.readers import SLUG
from generator.site.site_languages import site_languages

from .citation import Citation, fetch_citation
from .event_from_source import Start, start_from_source
from .http_client import Limits, Refused
from .outlets import Outlet, file_outlets

# A path that starts with a language folder (hyper.ai/ar/…, site.com/en/…).
PATH_LANGUAGES = {"ar": "ar", "arabic": "ar", "en": "en", "english": "en", "fr": "fr", "es": "es", "de": "de"}
_DATE_IN_PATH = re.compile(r"/(20\d\d|19\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?=[/-]|$)")
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")
_READ_AS_OTHER = {"null", "~", "true", "false", "yes", "no", "on", "off"}
_GENERIC_LABELS = {"www", "com", "net", "org", "co", "ac", "gov", "edu"}


def _scalar(text: str) -> str:
    """`text` as a YAML value on one line: plain when safe, else double-quoted (JSON strings are valid YAML)."""
    plain = (
        _PLAIN.match(text) and text == text.strip() and ": " not in text and " #" not in text
        and not text.endswith(":") and text.lower() not in _READ_AS_OTHER
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _unique(stem: str, taken: set[str]) -> str:
    if stem not in taken:
        return stem
    number = 2
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


# -- what the file already has --------------------------------------------------


@dataclass(frozen=True)
class FileFacts:
    """What a new entry must fit: ids in use and the indentation of the sections."""

    source_ids: tuple[str, ...]
    entity_ids: frozenset[str]
    event_ids: frozenset[str]
    event_indent: int  # column of the '-' of events
    source_indent: int  # column of source ids
    outlets: Mapping[str, Outlet] = field(default_factory=dict)  # by host: the outlets the file's sources name


def _indent_of_line(text: str, line: int) -> int:
    lines = text.splitlines()
    return len(lines[line]) - len(lines[line].lstrip(" ")) if line < len(lines) else 2


def facts(text: str) -> FileFacts:
    root = load_nodes(text, "events.yaml").root
    sections = {key.value: value for key, value in root.value} if isinstance(root, yaml.MappingNode) else {}
    sources, entities, events = sections.get("sources"), sections.get("entities"), sections.get("events")
    source_ids = tuple(key.value for key, _ in sources.value) if isinstance(sources, yaml.MappingNode) else ()
    entity_ids = frozenset(key.value for key, _ in entities.value) if isinstance(entities, yaml.MappingNode) else frozenset()
    event_ids: set[str] = set()
    event_indent = 2
    if isinstance(events, yaml.SequenceNode) and events.value:
        event_indent = _indent_of_line(text, events.value[0].start_mark.line)
        for item in events.value:
            if isinstance(item, yaml.MappingNode):
                event_ids.update(value.value for key, value in item.value if key.value == "id" and isinstance(value, yaml.ScalarNode))
    source_indent = sources.value[0][0].start_mark.column if isinstance(sources, yaml.MappingNode) and sources.value else 2
    return FileFacts(source_ids, entity_ids, frozenset(event_ids), event_indent, source_indent, file_outlets(sources))


def _read_facts(events: Path) -> FileFacts | None:
    """The facts of the events file, or None when there is no usable file (the entry is printed all the same)."""
    try:
        return facts(read_text_file(events))
    except UsageError:
        return None


# -- the entries ------------------------------------------------------------------


_STUB_WORDS = {
    "en": ("TODO: the title in English", "TODO: two to four sentences in English.", "TODO: the quote in English"),
    "ar": ("TODO: العنوان بالعربية", "TODO: ملخّص من جملتين إلى أربع جمل بالعربية.", "TODO: الاقتباس بالعربية"),
}


def _stub(lang: str, part: int) -> str:
    words = _STUB_WORDS.get(lang) or (f"TODO: the title ({lang})", f"TODO: two to four sentences ({lang}).", f"TODO: the quote ({lang})")
    return f'{lang}: "{words[part]}"'


def event_entry(
    today: dt.date, file: FileFacts | None, source: str | None, date: str | None = None, quote: str | None = None,
    languages: tuple[str, ...] = ("en", "ar"),
) -> str:
    """A complete event citing `source` (or the file's last source), indented to fit the file.

    With `date` (the source's publication date) the event is dated by its report; with `quote` the citation quotes it.
    """
    file = file or FileFacts((), frozenset(), frozenset(), 2, 2)
    event_id = _unique(f"new-event-{date or today.isoformat()}", set(file.event_ids))
    source_id = source or (file.source_ids[-1] if file.source_ids else "SOURCE-ID")
    source_note = "the id of the article under 'sources:'" + ("" if source else " (here the last one defined; change it if needed)")
    pad = " " * file.event_indent
    lines = [
        "# A new event: replace every TODO, then run `python -m generator check`.",
        f"- id: {event_id}  # a lowercase slug, stable forever: it becomes the page address",
        f"  date: {date}  # the source's publication date: change it when the article says the event happened earlier"
        if date else f"  date: {today.isoformat()}  # when it happened, as precisely as known: 2025-12-10, 2025-12, 2025, 2026-Q1, spring 2026",
        "  status: reported  # happened, reported, planned, denied or disputed",
        "  title:",
        *(f"    {_stub(lang, 0)}" for lang in languages),
        "  summary:",
        *(f"    {_stub(lang, 1)}" for lang in languages),
        "  entities: []  # ids from 'entities:', e.g. [meta, llama]",
        f"  date_basis: {{kind: {'report' if date else 'stated'}, source: {source_id}}}  # stated: the article gives the date; report: dated by its publication; record: another cited record",
        "  citations:",
        f"    - source: {source_id}  # {source_note}",
        f"      quote: {_scalar(quote)}  # found on the page" if quote else '      quote: "TODO: the sentence that supports the event, copied verbatim from the article"',
        "      quote_translated:  # the quote in the site's languages the article is not written in",
        f"        {_stub(languages[0], 2)}",
    ]
    return "".join(f"{pad}{line}\n" for line in lines)


@dataclass(frozen=True)
class Guess:
    """What the address tells about an article; None where it tells nothing."""

    outlet: Outlet | None
    language: str | None
    published: dt.date | None
    host_key: str


def guess(url: str, outlets: Mapping[str, Outlet] | None = None) -> Guess:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    outlet = next((known for domain, known in (outlets or {}).items() if host == domain or host.endswith("." + domain)), None)
    segments = [segment.lower() for segment in unquote(parts.path).split("/") if segment]
    language = PATH_LANGUAGES.get(segments[0]) if segments else None
    language = language or (outlet.language if outlet else None)
    match = _DATE_IN_PATH.search(parts.path)
    published = None
    if match:
        try:
            published = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            published = None
    labels = [label for label in host.split(".")[:-1] if label not in _GENERIC_LABELS]
    host_key = re.sub(r"[^a-z0-9]+", "-", labels[-1] if labels else host).strip("-") or "source"
    return Guess(outlet, language, published, outlet.key if outlet else host_key)


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or re.search(r"\s", url):
        raise UsageError(f"'{url}' is not an absolute http(s) address. Copy the full address from the browser's address bar.")


def _outlet_key(name: str) -> str | None:
    key = re.sub(r"[^a-z0-9]+", "-", name.lower().removeprefix("the ")).strip("-")
    return key[:30].strip("-") or None  # None: a name in another script (the address gives the id instead)


def source_entry(url: str, today: dt.date, file: FileFacts | None, language: str | None = None, page: Citation | None = None) -> tuple[str, str]:
    """(id, entry) of a source for `url`, with what its page (when fetched) and its address tell, and TODO notes for the rest."""
    check_url(url)
    file = file or FileFacts((), frozenset(), frozenset(), 2, 2)
    page = page or Citation()
    found = guess(url, file.outlets)
    published = page.published.value if page.published else found.published.isoformat() if found.published else None
    key = found.outlet.key if found.outlet else (_outlet_key(page.outlet.value) if page.outlet else None) or found.host_key
    stem = f"{key}-{published or today.isoformat()}"
    source_id = _unique(stem, set(file.source_ids))
    lines = [f"{source_id}:  # the id events cite; outlet-date-topic reads best, e.g. {stem}-topic"]
    if found.outlet:
        lines += ["  outlet:  # as the file's other sources from this address name it", f"    en: {_scalar(found.outlet.en)}", f"    ar: {_scalar(found.outlet.ar)}"]
    elif page.outlet:
        name = _scalar(page.outlet.value)
        lines += [f"  outlet:  # from {page.outlet.origin}, as the page names it: give its name in each language if it has one", f"    en: {name}", f"    ar: {name}"]
    else:
        lines.append("  outlet: null  # not found (an unknown address, no name on the page): write 'en:' and 'ar:' names under it")
    if page.title:
        lines.append(f"  title: {_scalar(page.title.value)}  # from {page.title.origin}")
    else:
        lines.append("  title: null  # TODO: the headline as published, in the article's own language")
    if language:
        lines.append(f"  language: {_scalar(language)}  # as given")
    elif page.language:
        lines.append(f"  language: {_scalar(page.language.value)}  # from {page.language.origin}")
    elif found.language:
        lines.append(f"  language: {_scalar(found.language)}  # guessed from the address; check it")
    else:
        lines.append("  language: null  # not guessed: the article's language as a code (ar, en, fr…) is required")
    if page.published:
        lines.append(f"  published: {page.published.value}  # from {page.published.origin}; check it against the article")
    elif found.published:
        lines.append(f"  published: {found.published.isoformat()}  # read from the address; check it against the article")
    else:
        lines.append("  published: unknown  # TODO: the publication date, as precisely as known")
    if page.canonical and page.canonical.value != url:
        lines.append(f"  url: {_scalar(page.canonical.value)}  # the page's own address for itself ({page.canonical.origin}); given: {_scalar(url)}")
    else:
        lines.append(f"  url: {_scalar(url)}")
    lines.append(f"  accessed: {today.isoformat()}")
    pad = " " * file.source_indent
    return source_id, "".join(f"{pad}{line}\n" for line in lines)


# -- appending ----------------------------------------------------------------------


def _top_level(text: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
    root = load_nodes(text, "events.yaml").root
    if not isinstance(root, yaml.MappingNode):
        raise UsageError("events.yaml cannot be read as a timeline; run `python -m generator check` and fix it first.")
    return [(key.value, key, value) for key, value in root.value]


# An insertion takes the file's text, the entry (in the file's line ending) and that line ending.


def _insert_event(text: str, entry: str, newline: str) -> str:
    sections = _top_level(text)
    name, _key, value = sections[-1]
    if name != "events" or (isinstance(value, yaml.SequenceNode) and value.flow_style):
        raise UsageError("the event can be appended only when 'events:' is the last part of the file, as a list of '- id: …' items; paste the printed event by hand instead.")
    ending = "" if text.endswith(("\n", "\r")) or not text else newline
    separator = "" if (text + ending).endswith(newline * 2) or not text else newline
    return text + ending + separator + entry


def _insert_source(text: str, entry: str, newline: str) -> str:
    sections = _top_level(text)
    names = [name for name, _, _ in sections]
    if "sources" not in names or not isinstance(sections[names.index("sources")][2], yaml.MappingNode):
        raise UsageError("events.yaml has no 'sources:' section of 'an-id:' entries to add to; paste the printed source by hand instead.")
    lines = text.splitlines(keepends=True)
    position = names.index("sources")
    if position + 1 == len(sections):
        at = len(lines)
    else:
        at = sections[position + 1][1].start_mark.line
        # Keep the comments and blank lines that introduce the next part with it.
        while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#") and not lines[at - 1].startswith(" ")):
            at -= 1
    before = "".join(lines[:at])
    if before and not before.endswith(("\n", "\r")):
        before += newline
    after = "".join(lines[at:])
    separator = newline if after and after.splitlines()[0].strip() else ""
    return before + newline + entry + separator + after


def append(events: Path, insert: Callable[[str, str, str], str], entry: str, what: str) -> int:
    file = read_to_edit(events)
    text = file.text
    before = check_text(text, file=str(events), languages=site_languages(events.parent / "mkdocs.yml"))
    if before.errors:
        raise UsageError(f"{events} has errors; run `python -m generator check {events}`, fix them, then try again.")
    entry = file.with_its_newlines(entry)
    updated = insert(text, entry, file.newline)
    after = check_text(updated, file=str(events), languages=site_languages(events.parent / "mkdocs.yml"))
    if after.errors:
        # Never leave a broken file behind: say why, keep the file as it was.
        print(f"error: {events} was not changed: with the new {what} it would not pass the checker:", file=sys.stderr)
        for problem in after.errors:
            print(problem.text, file=sys.stderr)
        return 1
    write_edited(file, updated)
    line = len(updated[: updated.index(entry)].splitlines()) + 1
    print(f"{events}:{line}: added the new {what}; fill in every TODO, then run `python -m generator check {events}`.")
    return 0


# -- the commands --------------------------------------------------------------------


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    event = commands.add_parser(
        "new-event", help="print a complete event to fill in (or append it with --append)",
        description="Print a complete, commented event (both languages, one citation, today's date) that passes the checker as it is; "
        "fill in its TODO texts. --append adds it at the end of events.yaml, keeping every existing byte.",
    )
    event.add_argument("--events", default="events.yaml", type=Path, help="the events file (default: events.yaml)")
    event.add_argument("--source", help="the id of the source to cite (default: the last source defined)")
    event.add_argument("--append", action="store_true", help="append the event to the events file")
    event.add_argument("--from", dest="from_source", metavar="SOURCE", help="start from this source: its publication date as the event's date, the citation filled")
    event.add_argument("--quote", help="with --from: the passage that supports the event, looked for on the source's page before it is written")
    event.add_argument("--timeout", type=float, default=20.0, help="with --quote: seconds the page may take in all (default: 20)")
    event.add_argument("--allow-local", action="store_true", help="with --quote: also fetch this machine's own addresses (a test server)")
    event.set_defaults(handler=run_new_event)
    source = commands.add_parser(
        "new-source", help="print a source for an article's address (or append it with --append)",
        description="Print a source entry for URL, with the outlet and language guessed from the address where it is known "
        "(never invented: unknown → null with a note). --append adds it at the end of the 'sources:' section.",
    )
    source.add_argument("url", metavar="URL", help="the article's address")
    source.add_argument("--events", default="events.yaml", type=Path, help="the events file (default: events.yaml)")
    source.add_argument("--language", help="the article's language (BCP 47: ar, en, fr…), when the address does not tell")
    source.add_argument("--append", action="store_true", help="add the source to the events file")
    source.add_argument("--no-fetch", action="store_true", help="do not fetch the page: fill in only what the address tells")
    source.add_argument("--timeout", type=float, default=20.0, help="seconds the page may take in all (default: 20)")
    source.add_argument("--allow-local", action="store_true", help="also fetch this machine's own addresses (a test server)")
    source.set_defaults(handler=run_new_source)


def run_new_event(args: argparse.Namespace) -> int:
    start = Start(None, None)
    if args.from_source is not None:
        if args.source is not None:
            raise UsageError("--from names the source the event cites; leave out --source.")
        checked = start_from_source(args)
        if checked is None:
            return 1
        start, args.source = checked, args.from_source
    elif args.quote is not None:
        raise UsageError("--quote is checked against the page of a source: give the source with --from SOURCE.")
    if args.source is not None and not SLUG.fullmatch(args.source):
        raise UsageError(f"--source: '{args.source}' is not a source id (a lowercase slug such as 'cnbc-2025-12-10').")
    file = _read_facts(args.events)
    if args.source is not None and file is not None and args.source not in file.source_ids:
        raise UsageError(f"--source: there is no source '{args.source}' in {args.events}; add it first (python -m generator new-source URL --append).")
    entry = event_entry(dt.date.today(), file, args.source, start.date, start.quote, site_languages(args.events.parent / "mkdocs.yml"))
    if not args.append:
        sys.stdout.write(entry)
        return 0
    return append(args.events, _insert_event, entry, "event")


def _page(args: argparse.Namespace) -> Citation | None:
    if args.no_fetch:
        return None
    try:
        return fetch_citation(args.url, Limits(timeout=args.timeout, allow_local=args.allow_local))
    except Refused as refused:
        print(f"note: the page could not be read ({refused}); only what its address tells is filled in.", file=sys.stderr)
        return None


def run_new_source(args: argparse.Namespace) -> int:
    check_url(args.url)
    file = _read_facts(args.events)
    page = _page(args)
    source_id, entry = source_entry(args.url, dt.date.today(), file, args.language, page)
    if not args.append:
        sys.stdout.write(entry)
        return 0
    if guess(args.url, file.outlets if file else None).language is None and args.language is None and not (page and page.language):
        raise UsageError(f"the article's language cannot be guessed from {args.url}; give it with --language (e.g. --language ar).")
    return append(args.events, _insert_source, entry, f"source '{source_id}'")
