"""`links`: is every source still online, and does it still say what we quote?

Each source's address is fetched (a few hosts at a time, one request at a
time per host, a pause between two requests to the same host, a timeout, and
an on-disk cache), and each quote citing it is looked for in the page's text
after HTML stripping and Arabic-aware normalisation. With `--archive` the
Wayback Machine is asked for a snapshot; `--write` records it as the source's
`archive_url`, inserting one line into events.yaml and keeping every other
byte (the file is replaced all at once, see `files.write_edited`). Network
failures are reported per source, in plain words.
"""

from __future__ import annotations

import argparse
import hashlib
import html.parser
import json
import re
import socket
import ssl
import sys
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from email.message import Message
from pathlib import Path
from typing import Literal

import yaml

from generator import __version__
from generator.data.checker import check_text
from generator.data.files import read_text_file, read_to_edit, write_edited
from generator.data.load import load_nodes
from generator.data.model import Timeline

from .markdown import escape

Format = Literal["text", "markdown"]
USER_AGENT = f"timeline-generator-links/{__version__} (checks the sources cited by a news timeline; one request at a time per site)"
WAYBACK_API = "https://archive.org/wayback/available"
MAX_BYTES = 5_000_000  # a news article is far smaller; a larger answer is not read to the end
# A folder of its own, not in the build's work folder (build/): the build refuses a work folder holding what it did not write.
DEFAULT_CACHE = Path(".cache") / "links"

# -- normalisation -----------------------------------------------------------------

_ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")  # tatweel, harakat, superscript alef
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as compared: NFKC, Arabic marks and letter variants unified, whitespace collapsed, case-folded."""
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    return _SPACES.sub(" ", text).strip().casefold()


class _TextOfPage(html.parser.HTMLParser):
    """The readable text of an HTML page; elements that hold no reading text are skipped."""

    SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head"})
    # Where the browser breaks the line, words must not run together.
    BREAKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "section", "article", "blockquote", "figcaption", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def page_text(markup: str) -> str:
    parser = _TextOfPage()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


# -- fetching ----------------------------------------------------------------------


@dataclass(frozen=True)
class Fetched:
    """What the server answered; `status` is None when no answer came (then `error` says why)."""

    url: str
    status: int | None
    reason: str
    final_url: str | None = None  # where redirects led, when elsewhere
    text: str | None = None  # the page's text, when it is HTML or plain text
    content_type: str = ""
    error: str | None = None

    @property
    def dead(self) -> bool:
        return self.status is None or self.status >= 400

    def describe(self) -> str:
        if self.status is None:
            return f"dead: {self.error}"
        answer = f"{self.status} {self.reason}".strip()
        if self.dead:
            return f"dead: {answer}"
        return f"{answer} after a redirect to {self.final_url}" if self.final_url else answer


def _plain_network_error(error: BaseException, timeout: float) -> str:
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"no answer within {timeout:g} seconds"
    if isinstance(reason, socket.gaierror):
        return "the site's name could not be found (a typo in the address, or the site is gone)"
    if isinstance(reason, ConnectionRefusedError):
        return "the server refused the connection"
    if isinstance(reason, ConnectionResetError):
        return "the server closed the connection"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the site's security certificate is not valid ({reason.verify_message})"
    if isinstance(reason, ssl.SSLError):
        return "the secure connection failed"
    return f"the page could not be fetched ({reason})"


def _charset(headers: Message, body: bytes) -> str:
    declared = headers.get_content_charset()
    if declared:
        return declared
    sniffed = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", body[:4096], re.IGNORECASE)
    return sniffed.group(1).decode("ascii") if sniffed else "utf-8"


def _decode(body: bytes, headers: Message) -> str:
    try:
        return body.decode(_charset(headers, body), errors="replace")
    except LookupError:  # an unknown charset name
        return body.decode("utf-8", errors="replace")


def fetch(url: str, timeout: float) -> Fetched:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only, checked by the checker
            body = response.read(MAX_BYTES)
            kind = response.headers.get_content_type()
            final = response.geturl()
            text = None
            if kind in ("text/html", "application/xhtml+xml"):
                text = page_text(_decode(body, response.headers))
            elif kind == "text/plain":
                text = _decode(body, response.headers)
            return Fetched(url, response.status, response.reason or "", final if final != url else None, text, kind)
    except urllib.error.HTTPError as error:
        return Fetched(url, error.code, error.reason if isinstance(error.reason, str) else "")
    except (urllib.error.URLError, OSError, ValueError) as error:
        return Fetched(url, None, "", error=_plain_network_error(error, timeout))


class Cache:
    """Answers kept on disk by URL, for `max_age` seconds; failures to connect are never kept."""

    def __init__(self, folder: Path | None, max_age: float) -> None:
        self.folder = folder
        self.max_age = max_age

    def _path(self, url: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{hashlib.sha256(url.encode('utf-8')).hexdigest()}.json"

    def get(self, url: str) -> Fetched | None:
        if self.folder is None:
            return None
        try:
            stored = json.loads(self._path(url).read_text(encoding="utf-8"))
            if stored.get("url") != url or time.time() - float(stored["saved"]) > self.max_age:
                return None
            return Fetched(**stored["answer"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # no entry, or one we cannot read: fetch again

    def put(self, fetched: Fetched) -> None:
        if self.folder is None or fetched.status is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            record = {"url": fetched.url, "saved": time.time(), "answer": asdict(fetched)}
            self._path(fetched.url).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # a cache that cannot be written only makes the next run slower


@dataclass(frozen=True)
class Politeness:
    timeout: float = 20.0
    concurrency: int = 4  # hosts fetched at once; one request at a time per host
    delay: float = 1.0  # seconds between two requests to the same host


def fetch_all(urls: Iterable[str], cache: Cache, politeness: Politeness) -> dict[str, Fetched]:
    by_host: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        by_host.setdefault(urllib.parse.urlsplit(url).netloc.lower(), []).append(url)

    def one_host(host_urls: list[str]) -> list[Fetched]:
        answers = []
        for index, url in enumerate(host_urls):
            cached = cache.get(url)
            if cached is not None:
                answers.append(cached)
                continue
            if index and politeness.delay:
                time.sleep(politeness.delay)
            answer = fetch(url, politeness.timeout)
            cache.put(answer)
            answers.append(answer)
        return answers

    with ThreadPoolExecutor(max_workers=max(1, politeness.concurrency)) as pool:
        results = pool.map(one_host, by_host.values())
        return {answer.url: answer for answers in results for answer in answers}


# -- the Wayback Machine -------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    archive_url: str | None  # None: no snapshot, or the question failed (see `error`)
    error: str | None = None


def ask_wayback(url: str, timeout: float) -> Snapshot:
    query = f"{WAYBACK_API}?{urllib.parse.urlencode({'url': url})}"
    request = urllib.request.Request(query, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - a fixed https endpoint
            answer = json.loads(response.read(MAX_BYTES).decode("utf-8"))
    except urllib.error.HTTPError as error:
        return Snapshot(None, f"the Wayback Machine answered {error.code}")
    except (urllib.error.URLError, OSError, ValueError) as error:
        return Snapshot(None, f"the Wayback Machine could not be asked: {_plain_network_error(error, timeout)}")
    closest = (answer.get("archived_snapshots") or {}).get("closest") if isinstance(answer, dict) else None
    if not isinstance(closest, dict) or not closest.get("available") or not isinstance(closest.get("url"), str):
        return Snapshot(None)
    found = closest["url"]
    if found.startswith("http://web.archive.org/"):
        found = "https://" + found.removeprefix("http://")  # the same snapshot, over https
    if urllib.parse.urlsplit(found).scheme not in ("http", "https") or re.search(r"\s", found):
        return Snapshot(None, "the Wayback Machine answered an address that is not http(s)")
    return Snapshot(found)


# -- the report ------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteCheck:
    quote: str
    events: tuple[str, ...]  # the ids of the events that cite it
    found: bool | None  # None: the page's text could not be read


@dataclass(frozen=True)
class SourceCheck:
    source: str
    url: str | None
    fetched: Fetched | None  # None: no URL recorded
    quotes: tuple[QuoteCheck, ...]
    snapshot: Snapshot | None = None
    archive_url: str | None = None  # already recorded

    @property
    def dead(self) -> bool:
        return self.fetched is not None and self.fetched.dead

    @property
    def missing(self) -> tuple[QuoteCheck, ...]:
        return tuple(quote for quote in self.quotes if quote.found is False)


def quotes_by_source(timeline: Timeline) -> dict[str, dict[str, list[str]]]:
    """source id -> quote -> ids of the events that cite it with that quote."""
    quoted: dict[str, dict[str, list[str]]] = {source_id: {} for source_id in timeline.sources}
    for event in timeline.events:
        for citation in event.citations:
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
            snapshot = ask_wayback(source.url, politeness.timeout)
        checks.append(SourceCheck(source_id, source.url, fetched, quotes, snapshot, source.archive_url))
    return tuple(checks)


def _quote_line(quote: QuoteCheck, fetched: Fetched | None) -> str:
    if quote.found is None:
        why = "the page could not be read" if fetched is None or fetched.dead else f"its text could not be read ({fetched.content_type})"
        return f"  quote not checked ({why}): \"{quote.quote}\""
    return f"  quote {'found' if quote.found else 'missing'}: \"{quote.quote}\""


def _totals(checks: tuple[SourceCheck, ...]) -> str:
    checked = sum(1 for check in checks if check.fetched is not None)
    dead = sum(1 for check in checks if check.dead)
    missing = sum(len(check.missing) for check in checks)
    return (
        f"{checked} source{'s' if checked != 1 else ''} checked: {dead} dead link{'s' if dead != 1 else ''}, "
        f"{missing} quote{'s' if missing != 1 else ''} missing"
    )


def as_text(checks: tuple[SourceCheck, ...]) -> str:
    lines = []
    for check in checks:
        if check.fetched is None:
            lines.append(f"source '{check.source}': no URL recorded")
            continue
        lines.append(f"source '{check.source}' ({check.url}): {check.fetched.describe()}")
        lines += [_quote_line(quote, check.fetched) for quote in check.quotes]
        if check.snapshot is not None:
            if check.snapshot.archive_url:
                lines.append(f"  add to the source: archive_url: {check.snapshot.archive_url}")
            else:
                lines.append(f"  no snapshot: {check.snapshot.error or 'the Wayback Machine has none'}")
    lines.append(_totals(checks))
    return "\n".join(lines) + "\n"


def as_markdown(checks: tuple[SourceCheck, ...]) -> str:
    """Only what needs a maintainer: dead links and missing quotes (for an issue)."""
    lines = ["## Links and quotes", "", _totals(checks), ""]
    dead = [check for check in checks if check.dead]
    missing = [check for check in checks if check.missing and not check.dead]
    if dead:
        lines += ["### Dead links", ""]
        lines += [f"- source {escape(check.source)}: {escape(check.fetched.describe() if check.fetched else '')}, {escape(check.url or '')}" for check in dead]
        lines.append("")
    if missing:
        lines += ["### Quotes no longer found on their page", ""]
        for check in missing:
            for quote in check.missing:
                lines.append(f"- source {escape(check.source)} (cited by {escape(', '.join(quote.events))}): {escape(quote.quote)}")
        lines.append("")
    if not dead and not missing:
        lines += ["Every source answered and every quote was found.", ""]
    return "\n".join(lines)


# -- writing archive_url -----------------------------------------------------------------


def insert_archive_urls(text: str, archive_urls: Mapping[str, str], newline: str) -> str:
    """`text` with an `archive_url:` line after the `url:` line of each source, ending in `newline`; nothing else changes."""
    root = load_nodes(text, "events.yaml").root
    sections = {key.value: value for key, value in root.value} if isinstance(root, yaml.MappingNode) else {}
    sources = sections.get("sources")
    lines = text.splitlines(keepends=True)
    insertions: list[tuple[int, str]] = []
    if isinstance(sources, yaml.MappingNode):
        for key, value in sources.value:
            if key.value not in archive_urls or not isinstance(value, yaml.MappingNode):
                continue
            for field, field_value in value.value:
                if field.value == "url":
                    end = field_value.end_mark
                    after_line = end.line if end.column > 0 else end.line - 1
                    insertions.append((after_line + 1, f"{' ' * field.start_mark.column}archive_url: {archive_urls[key.value]}{newline}"))
    for at, line in sorted(insertions, reverse=True):
        if at > 0 and at <= len(lines) and not lines[at - 1].endswith(("\n", "\r")):
            lines[at - 1] += newline
        lines.insert(at, line)
    return "".join(lines)


def write_archive_urls(events: Path, archive_urls: Mapping[str, str]) -> bool:
    file = read_to_edit(events)
    updated = insert_archive_urls(file.text, archive_urls, file.newline)
    result = check_text(updated, file=str(events))
    recorded = result.timeline is not None and all(
        result.timeline.sources[source_id].archive_url == url for source_id, url in archive_urls.items()
    )
    if not recorded:
        print(f"error: {events} was not changed: the archive_url lines could not be placed safely; add them by hand.", file=sys.stderr)
        return False
    write_edited(file, updated)
    print(f"{events}: recorded archive_url for {', '.join(sorted(archive_urls))}")
    return True


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
