"""`links`: is every source still online, and does it still say what we quote?

Each source's address is fetched (a few hosts at a time, one request at a
time per host, a pause between two requests to the same host, a timeout, and
an on-disk cache), and each quote citing it is looked for in the page's text
after HTML stripping and Arabic-aware normalisation. With `--archive` the
Wayback Machine is asked for a snapshot; `--write` records it as the source's
`archive_url`, inserting one line into events.yaml and keeping every other
byte (the file is replaced all at once, see `files.write_edited`). Network
failures are reported per source, in plain words.

This module is the command and the check; its parts each have a module:
fetching.py (fetching and caching, the Wayback Machine), page_text.py (a
page's text, and text as quotes are compared), links_report.py (the report)
and archive_urls.py (recording archive_url in events.yaml).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Collection
from pathlib import Path

from generator.data.checker import check_text
from generator.data.files import read_text_file
from generator.data.model import Timeline
from generator.site.site_languages import site_languages

from .archive_urls import write_archive_urls
from .diff import read_at_ref
from .fetching import Cache, Politeness, ask_wayback, fetch_all
from .links_report import QuoteCheck, SourceCheck, as_markdown, as_text
from .markdown import escape
from .page_text import closest, normalise
from .terminal_text import printable

WAYBACK_API = "https://archive.org/wayback/available"
# A folder of its own, not in the build's work folder (build/): the build refuses a work folder holding what it did not write.
DEFAULT_CACHE = Path(".cache") / "links"

# -- the check ---------------------------------------------------------------------------


def quotes_by_source(timeline: Timeline) -> dict[str, dict[str, list[str]]]:
    """source id -> quote -> ids of the events that cite it with that quote."""
    quoted: dict[str, dict[str, list[str]]] = {source_id: {} for source_id in timeline.sources}
    for event in timeline.events:
        for citation in event.citations:
            if citation.quote is None:  # a source known from memory is never quoted: only its page and date are checked
                continue
            citing = quoted.setdefault(citation.source, {}).setdefault(citation.quote, [])
            if event.id not in citing:
                citing.append(event.id)
    return quoted


def changed_sources(timeline: Timeline, base: Timeline | None) -> set[str]:
    """The sources added or edited since `base`, and those a new or edited quote cites (all of them without a base)."""
    if base is None:
        return set(timeline.sources)
    changed = {source_id for source_id, source in timeline.sources.items() if base.sources.get(source_id) != source}
    before = quotes_by_source(base)
    for source_id, quotes in quotes_by_source(timeline).items():
        if any(quote not in before.get(source_id, {}) for quote in quotes):
            changed.add(source_id)
    return changed


def _quote_check(quote: str, events: list[str], page: str | None) -> QuoteCheck:
    if page is None:
        return QuoteCheck(quote, tuple(events), None)
    wanted = normalise(quote)
    found = wanted in page
    return QuoteCheck(quote, tuple(events), found, None if found else closest(wanted, page))


def check_sources(
    timeline: Timeline, cache: Cache, politeness: Politeness, archive: bool, only: Collection[str] | None = None,
) -> tuple[SourceCheck, ...]:
    chosen = {source_id: source for source_id, source in timeline.sources.items() if only is None or source_id in only}
    answers = fetch_all([source.url for source in chosen.values() if source.url], cache, politeness)
    quoted = quotes_by_source(timeline)
    checks = []
    for source_id, source in chosen.items():
        fetched = answers.get(source.url) if source.url else None
        page = normalise(fetched.text) if fetched and not fetched.dead and fetched.text is not None and not fetched.unread else None
        quotes = tuple(_quote_check(quote, events, page) for quote, events in quoted.get(source_id, {}).items())
        snapshot = None
        if archive and source.url and not source.archive_url:
            snapshot = ask_wayback(source.url, politeness.limits, WAYBACK_API)
        checks.append(SourceCheck(source_id, source.url, fetched, quotes, snapshot, source.archive_url))
    return tuple(checks)


# -- the command --------------------------------------------------------------------------


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "links", help="fetch every source and look for its quotes on the page",
        description="Fetch every source's address (politely: a few sites at a time, one request at a time per site), report its "
        "HTTP status or network error, and whether each quote citing it appears in the page's text. Exit code 1 when a link "
        "is dead or a quote is missing.",
    )
    parser.add_argument("events", nargs="?", default="events.yaml", type=Path, help="the events file (default: events.yaml)")
    parser.add_argument("--cache", default=DEFAULT_CACHE, type=Path, help=f"folder of saved answers (default: {DEFAULT_CACHE})")
    parser.add_argument("--no-cache", action="store_true", help="fetch every page again, and save nothing")
    parser.add_argument("--max-age", type=float, default=24.0, help="hours a saved answer is reused (default: 24)")
    parser.add_argument("--timeout", type=_seconds, default=20.0, help="seconds one page may take in all, redirects included (default: 20)")
    parser.add_argument("--concurrency", type=int, default=4, help="sites fetched at once (default: 4)")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between two requests to the same site (default: 1)")
    parser.add_argument("--archive", action="store_true", help="ask the Wayback Machine for a snapshot of each source without archive_url")
    parser.add_argument("--write", action="store_true", help="with --archive: record the snapshots as archive_url in the events file")
    parser.add_argument("--changed", metavar="BASE", help="check only the sources added or edited since BASE (a branch, tag or commit, e.g. origin/main)")
    parser.add_argument("--allow-local", action="store_true", help="also fetch this machine's own addresses (127.0.0.1, ::1: a test server); private networks are always refused")
    parser.add_argument("--format", choices=("text", "markdown"), default="text", help="text (default) or markdown (dead links and missing quotes only)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.write and not args.archive:
        print("error: --write records the snapshots found by --archive; give both.", file=sys.stderr)
        return 2
    result = check_text(read_text_file(args.events), file=str(args.events), languages=site_languages(args.events.parent / "mkdocs.yml"))
    if result.timeline is None:
        for problem in result.errors:
            print(problem.text, file=sys.stderr)
        print(f"error: {args.events} has errors; fix them first (python -m generator check {args.events}).", file=sys.stderr)
        return 1
    only = None
    if args.changed:
        base = check_text(read_at_ref(args.events, args.changed), file=f"{args.events} at {args.changed}", languages=site_languages(args.events.parent / "mkdocs.yml"))
        only = changed_sources(result.timeline, base.timeline)
        if not only:
            markdown = args.format == "markdown"
            since = escape(printable(args.changed)) if markdown else printable(args.changed)
            print(f"{'## Links and quotes' + chr(10) * 2 if markdown else ''}No source was added or edited since {since}, and no quote: nothing to fetch.")
            return 0
    cache = Cache(None if args.no_cache else args.cache, args.max_age * 3600)
    politeness = Politeness(timeout=args.timeout, concurrency=max(1, args.concurrency), delay=max(0.0, args.delay), allow_local=args.allow_local)
    checks = check_sources(result.timeline, cache, politeness, args.archive, only)
    sys.stdout.write(as_markdown(checks) if args.format == "markdown" else as_text(checks))
    snapshots = {check.source: check.snapshot.archive_url for check in checks if check.snapshot and check.snapshot.archive_url}
    if args.write and snapshots and not write_archive_urls(args.events, snapshots):
        return 1
    return 1 if any(check.needs_a_look for check in checks) else 0


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds; give one such as 20") from None
    if not 0 < seconds <= 600:
        raise argparse.ArgumentTypeError(f"{text} is not a usable timeout; give a number of seconds above 0 and up to 600")
    return seconds
