"""Fetching the sources' pages politely, with answers kept on disk, and asking the Wayback Machine for snapshots.

A few hosts are fetched at a time, one request at a time per host, with a
pause between two requests to the same host and a timeout; answers are kept
in a cache folder for a while. Network failures become plain words, per
source, never an exception.
"""

from __future__ import annotations

import hashlib
import json
import re
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from email.message import Message
from pathlib import Path

from generator import __version__

from .page_text import page_text

USER_AGENT = f"timeline-generator-links/{__version__} (checks the sources cited by a news timeline; one request at a time per site)"
MAX_BYTES = 5_000_000  # a news article is far smaller; a larger answer is not read to the end


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


@dataclass(frozen=True)
class Snapshot:
    archive_url: str | None  # None: no snapshot, or the question failed (see `error`)
    error: str | None = None


def ask_wayback(url: str, timeout: float, api: str) -> Snapshot:
    """The Wayback Machine's closest snapshot of `url`, asked at its availability `api`."""
    query = f"{api}?{urllib.parse.urlencode({'url': url})}"
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
