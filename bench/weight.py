"""What the built site weighs: its size on disk, and what a visit downloads, measured in Chromium.

A visit is measured as a reader makes it: an empty cache, every request the
page makes (HTML, stylesheets, scripts, icons, fetches), each answered as a
static host answers it (text gzipped at a typical server's level, files cached
for ten minutes, as GitHub Pages does), and counted as Chromium counts what it
received: the compressed body of each response (`encodedDataLength` less the
headers, whose size depends on the host). A request answered from the cache,
or a data: address, weighs nothing.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

# A typical web server's level; browsers receive pages gzipped.
GZIP_LEVEL = 6
# What a static host compresses: text. Pagefind's index files are compressed already.
_COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml", "application/atom+xml")


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def gzipped_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL))


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """A static host: text gzipped, everything cacheable for ten minutes, no log."""

    def log_message(self, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if not path.is_file() or not kind.startswith(_COMPRESSED_TYPES) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        if Path(self.translate_path(self.path)).is_dir() and not self.path.split("?")[0].endswith("/"):
            return super().send_head()  # the redirect to the folder's address
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def static_host(folder: Path) -> Iterator[str]:
    """`folder` served on a free loopback port as a static host serves it; yields its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_StaticHost, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Load:
    """One page load: its address, the bytes received for its HTML, for everything, and each request."""

    address: str
    html: int
    total: int
    requests: tuple[tuple[str, int], ...]


def visit(browser: object, addresses: Sequence[str], width: int = 1366) -> list[Load]:
    """Open `addresses` one after another in one tab with an empty cache; what each load received.

    `browser` is a Playwright Chromium browser. Each load waits until the
    network has been quiet, so what a page fetches after it is shown counts too.
    """
    context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.setCacheDisabled", {"cacheDisabled": False})
        urls: dict[str, str] = {}
        headers: dict[str, int] = {}
        received: list[tuple[str, int]] = []

        def finished(event: dict[str, object]) -> None:
            request = str(event["requestId"])
            url = urls.get(request, "?")
            if not url.startswith("data:"):
                received.append((url, max(0, int(event["encodedDataLength"]) - headers.get(request, 0))))  # type: ignore[call-overload]

        session.on("Network.requestWillBeSent", lambda event: urls.__setitem__(event["requestId"], event["request"]["url"]))
        session.on("Network.responseReceived", lambda event: headers.__setitem__(event["requestId"], int(event["response"].get("encodedDataLength", 0))))
        session.on("Network.loadingFinished", finished)
        loads = []
        for address in addresses:
            received.clear()
            page.goto(address, wait_until="networkidle")
            requests = tuple(received)
            html = sum(size for url, size in requests if url == address)
            loads.append(Load(address, html, sum(size for _, size in requests), requests))
        return loads
    finally:
        context.close()


def largest_year_page(site: Path, lang: str = "en") -> Path | None:
    """The heaviest (gzipped) year page of a timeline split by year (`timeline/<year>/`); None when it is one page."""
    pages = sorted((site / lang / "timeline").glob("*/index.html"), key=gzipped_size)
    return pages[-1] if pages else None


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


def first_visits(site: Path, pages: Sequence[str]) -> list[Load]:
    """Each page of `site` (addresses relative to it) opened first, with an empty cache, in Chromium."""
    import playwright.sync_api as playwright_api

    with playwright_api.sync_playwright() as playwright, static_host(site) as base:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return [visit(browser, [f"{base}/{page}"])[0] for page in pages]
        finally:
            browser.close()


def an_event_page(site: Path, lang: str = "en") -> str:
    """The address (relative to the site) of the first event page in `lang`."""
    return f"{lang}/events/{sorted(path.parent.name for path in (site / lang / 'events').glob('*/index.html'))[0]}/"


def budget_visits(site: Path, lang: str = "en") -> dict[str, int]:
    """The weights the budget of issue 22 names, in bytes received: a first visit to the timeline, to
    an event page and to the largest year page (when the timeline is split), and a second page
    (an event page after the timeline) beyond its HTML."""
    import playwright.sync_api as playwright_api

    event = an_event_page(site, lang)
    year = largest_year_page(site, lang)
    firsts = {"timeline": f"{lang}/timeline/", "event page": event}
    if year:
        firsts[f"year page {year.parent.name}"] = f"{lang}/timeline/{year.parent.name}/"
    with playwright_api.sync_playwright() as playwright, static_host(site) as base:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            weights = {name: visit(browser, [f"{base}/{page}"])[0].total for name, page in firsts.items()}
            _, second = visit(browser, [f"{base}/{lang}/timeline/", f"{base}/{event}"])
            weights["second page beyond its HTML"] = second.total - second.html
        finally:
            browser.close()
    return weights
