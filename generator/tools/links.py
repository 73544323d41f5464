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
from pathlib import Path

from generator.data.checker import check_text
from generator.data.files import read_text_file
from generator.data.model import Timeline

from .archive_urls import write_archive_urls
from .fetching import Cache, Politeness, ask_wayback, fetch_all
from .links_report import QuoteCheck, SourceCheck, as_markdown, as_text
from .page_text import normalise

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


def check_sources(timeline: Timeline, cache: Cache, politeness: Politeness, archive: bool) -> tuple[SourceCheck, ...]:
    urls = [source.url for source in timeline.sources.values() if source.url]
    answers = fetch_all(urls, cache, politeness)
    quoted = quotes_by_source(timeline)
    checks = []
    for source_id, source in timeline.sources.items():
        fetched = answers.get(source.url) if source.url else None
        page = normalise(fetched.text) if fetched and not fetched.dead and fetched.text is not None else None
        quotes = tuple(
            QuoteCheck(quote, tuple(events), None if page is None else normalise(quote) in page)
            for quote, events in quoted.get(source_id, {}).items()
        )
        snapshot = None
        if archive and source.url and not source.archive_url:
            snapshot = ask_wayback(source.url, politeness.timeout, WAYBACK_API)
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
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a site (default: 20)")
    parser.add_argument("--concurrency", type=int, default=4, help="sites fetched at once (default: 4)")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between two requests to the same site (default: 1)")
    parser.add_argument("--archive", action="store_true", help="ask the Wayback Machine for a snapshot of each source without archive_url")
    parser.add_argument("--write", action="store_true", help="with --archive: record the snapshots as archive_url in the events file")
    parser.add_argument("--format", choices=("text", "markdown"), default="text", help="text (default) or markdown (dead links and missing quotes only)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.write and not args.archive:
        print("error: --write records the snapshots found by --archive; give both.", file=sys.stderr)
        return 2
    result = check_text(read_text_file(args.events), file=str(args.events))
    if result.timeline is None:
        for problem in result.errors:
            print(problem.text, file=sys.stderr)
        print(f"error: {args.events} has errors; fix them first (python -m generator check {args.events}).", file=sys.stderr)
        return 1
    cache = Cache(None if args.no_cache else args.cache, args.max_age * 3600)
    politeness = Politeness(timeout=args.timeout, concurrency=args.concurrency, delay=args.delay)
    checks = check_sources(result.timeline, cache, politeness, args.archive)
    sys.stdout.write(as_markdown(checks) if args.format == "markdown" else as_text(checks))
    snapshots = {check.source: check.snapshot.archive_url for check in checks if check.snapshot and check.snapshot.archive_url}
    if args.write and snapshots and not write_archive_urls(args.events, snapshots):
        return 1
    return 1 if any(check.dead or check.missing for check in checks) else 0
