"""`serve`, edit to page: the seconds from saving a changed title in events.yaml until the served event page shows it.

Starts `python -m generator serve` on a free port in its own process, waits
for the first build, changes the first event's English title, and asks for
that event's page until the new title is in it. Every wait has a time limit,
and the server is always stopped.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_FIRST_EVENT = re.compile(r"^  - id: (\S+)\n(?:    .*\n)*?    title:\n      en: (.*)$", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 - our own server on the loopback
            return str(answer.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(condition_url: str, text: str | None, limit: float, server: subprocess.Popen[bytes]) -> float | None:
    """Seconds until the page at the address exists (and holds `text`); None after `limit` seconds or when the server stopped."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if server.poll() is not None:
            return None
        page = _page(condition_url)
        if page is not None and (text is None or text in page):
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def edit_to_page(folder: Path, limit: float) -> float | None:
    """Seconds from the saved edit to the changed page, with FOLDER/events.yaml served; None if it never showed."""
    events = folder / "events.yaml"
    text = events.read_text(encoding="utf-8")
    match = _FIRST_EVENT.search(text)
    if match is None:
        raise ValueError(f"{events}: no event with an English title on its own line")
    event_id = match.group(1)
    port = free_port()
    command = [
        sys.executable, "-m", "generator", "serve", str(events), "--docs", str(REPO / "docs"), "--config", str(REPO / "mkdocs.yml"),
        "--site", str(folder / "site"), "--work", str(folder / "work"), "--port", str(port),
    ]
    log = (folder / "serve.log").open("wb")
    server = subprocess.Popen(command, cwd=folder, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/en/events/{event_id}/"
        if _wait_for(url, None, limit, server) is None:
            return None
        time.sleep(1)  # let the watcher settle after the first build
        new_title = f"Edited for the benchmark {os.getpid()} {time.time_ns()}"
        start, end = match.span(2)
        changed = text[:start] + f'"{new_title}"' + text[end:]
        events.write_text(changed, encoding="utf-8")
        return _wait_for(url, new_title, limit, server)
    finally:
        stop(server)
        log.close()


def stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's own process group (it stops its Pagefind too), then SIGKILL if it lingers."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
