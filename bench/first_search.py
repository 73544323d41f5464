"""The first search's download, measured in Chromium: the bytes of the search index a reader fetches for one query.

The built site is served over HTTP (Pagefind does not work from file://);
Debian's Chromium, driven by Playwright, opens the English timeline page and
runs one search through Pagefind's JavaScript API, loading the first five
results as the search box does. Counted: every response under /pagefind/ from
the moment the search starts; compared with the size of the whole pagefind/
folder. Optional: skipped when Playwright or Chromium is missing.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from weight import folder_size

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
SEARCH = """async (query) => {
  const pagefind = await import("/pagefind/pagefind.js");
  const search = await pagefind.search(query);
  await Promise.all(search.results.slice(0, 5).map((result) => result.data()));
  return search.results.length;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def available() -> str | None:
    """Why the measure cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed"
    if not Path(CHROMIUM).exists():
        return "Chromium is not installed (make system)"
    return None


def first_search(site: Path, query: str = "Meta") -> tuple[int, int, int]:
    """(bytes fetched from pagefind/ by one search, bytes of the whole pagefind/ folder, results found)."""
    from playwright.sync_api import sync_playwright

    fetched: list[int] = []
    with served(site) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{root}/en/timeline/", wait_until="networkidle", timeout=120_000)
            responses: list[Any] = []
            # Only noted here: reading a body inside the event handler waits on the browser, and the
            # search could end (and the browser close) before that read does.

            def noted(response: Any) -> None:
                if "/pagefind/" in response.url:
                    responses.append(response)

            page.on("response", noted)
            results = int(page.evaluate(SEARCH, query))
            page.wait_for_load_state("networkidle")
            page.remove_listener("response", noted)
            fetched = [len(response.body()) for response in responses]
        finally:
            browser.close()
    return sum(fetched), folder_size(site / "pagefind"), results
