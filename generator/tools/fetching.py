"""Fetching the sources' pages politely, with answers kept on disk, and asking the Wayback Machine for snapshots.

A few hosts are fetched at a time, one request at a time per host, with a
pause between two requests to the same host; each fetch is one guarded GET
(http_client.py: timeouts, redirects, addresses and size all bounded).
Answers are kept in a cache folder for a while. Every failure becomes plain
words, per source, never an exception; a page whose text cannot be read says
so (`unread`), so that it is never taken for a page that was checked.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import urllib.parse
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from .http_client import Limits, Refused, get
from .page_text import page_text
from .terminal_text import printable

_TEXT_KINDS = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True)
class Fetched:
    """What the server answered; `status` is None when no answer came (then `error` says why)."""

    url: str
    status: int | None
    reason: str
    final_url: str | None = None  # where redirects led, when elsewhere
    text: str | None = None  # the visible text of the page, when it could be read
    content_type: str = ""
    error: str | None = None
    main_text: str = ""  # the article's main text (trafilatura)
    unread: str | None = None  # why the text of a page that answered could not be read

    @property
    def dead(self) -> bool:
        return self.status is None or self.status >= 400

    def describe(self) -> str:
        if self.status is None:
            return f"dead: {self.error}"
        answer = f"{self.status} {self.reason}".strip()
        if self.dead:
            return f"dead: {answer}"
        answer = f"{answer} after a redirect to {self.final_url}" if self.final_url else answer
        return f"{answer}, but {self.unread}" if self.unread else answer


def _charset(declared: str | None, body: bytes) -> str:
    if declared:
        return declared
    sniffed = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", body[:4096], re.IGNORECASE)
    if sniffed:
        return sniffed.group(1).decode("ascii")
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start > len(body) - 4:
            return "utf-8"  # only the last character was cut by the size cap
        from charset_normalizer import from_bytes

        best = from_bytes(body[:200_000]).best()
        return best.encoding if best else "utf-8"


def decode(body: bytes, declared: str | None) -> str:
    try:
        return body.decode(_charset(declared, body), errors="replace")
    except LookupError:  # an unknown charset name
        return body.decode("utf-8", errors="replace")


def fetch(url: str, limits: Limits) -> Fetched:
    try:
        answer = get(url, limits)
    except Refused as refused:
        return Fetched(url, None, "", error=printable(str(refused)))
    final = answer.url if answer.url != url else None
    fetched = Fetched(url, answer.status, printable(answer.reason), final, content_type=printable(answer.content_type))
    if fetched.dead:
        return fetched
    if answer.content_type not in _TEXT_KINDS:
        return Fetched(**{**asdict(fetched), "unread": f"its text could not be read (it is {fetched.content_type or 'of no stated type'})"})
    text = decode(answer.body, answer.charset)
    if answer.content_type == "text/plain":
        read, main = text, text
    else:
        page = page_text(text, answer.url)
        read, main = page.visible, page.main
    if not read.strip():
        return Fetched(**{**asdict(fetched), "unread": "the page has no readable text (it may need JavaScript, or be empty)"})
    if answer.truncated:
        return Fetched(**{**asdict(fetched), "unread": "the page is larger than 5 MB, so it was not read to the end"})
    return Fetched(**{**asdict(fetched), "text": read, "main_text": main})


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
    timeout: float = 20.0  # seconds for one whole fetch, redirects included
    concurrency: int = 4  # hosts fetched at once; one request at a time per host
    delay: float = 1.0  # seconds between two requests to the same host
    allow_local: bool = False  # fetch this machine's own addresses too (a local test server)

    @property
    def limits(self) -> Limits:
        step = min(self.timeout, 10.0)
        return Limits(timeout=self.timeout, connect_timeout=step, read_timeout=step, allow_local=self.allow_local)


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
            answer = fetch(url, politeness.limits)
            cache.put(answer)
            answers.append(answer)
        return answers

    with ThreadPoolExecutor(max_workers=max(1, politeness.concurrency)) as pool:
        results = pool.map(one_host, by_host.values())
        return {answer.url: answer for answers in results for answer in answers}


@dataclass(frozen=True)
class Snapshot:
    archive_url: str | None  # None: no snapshot, or the question failed (see `error`)
    error: str | None = None


def ask_wayback(url: str, limits: Limits, api: str) -> Snapshot:
    """The Wayback Machine's closest snapshot of `url`, asked at its availability `api`."""
    query = f"{api}?{urllib.parse.urlencode({'url': url})}"
    try:
        response = get(query, limits, accept="application/json")
    except Refused as refused:
        return Snapshot(None, f"the Wayback Machine could not be asked: {printable(str(refused))}")
    if response.status >= 400:
        return Snapshot(None, f"the Wayback Machine answered {response.status}")
    try:
        answer = json.loads(response.body.decode("utf-8"))
    except ValueError:
        return Snapshot(None, "the Wayback Machine's answer could not be read")
    closest = (answer.get("archived_snapshots") or {}).get("closest") if isinstance(answer, dict) else None
    if not isinstance(closest, dict) or not closest.get("available") or not isinstance(closest.get("url"), str):
        return Snapshot(None)
    found = closest["url"]
    if found.startswith("http://web.archive.org/"):
        found = "https://" + found.removeprefix("http://")  # the same snapshot, over https
    if urllib.parse.urlsplit(found).scheme not in ("http", "https") or re.search(r"[\s\x00-\x1f\x7f]", found):
        return Snapshot(None, "the Wayback Machine answered an address that is not http(s)")
    return Snapshot(found)
