"""`links`: each source fetched from a local server (never the internet), its quotes looked for in the page."""

from __future__ import annotations

import http.server
import json
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.tools import links
from generator.tools.page_text import page_text

from conftest import run

ARABIC_PAGE = """<!doctype html><html><head><title>خبر</title><script>var quote = "not the page's text";</script></head>
<body><article><p>قالت الشركة إن <b>ميتا</b>   تتخلّى
عن النماذج المفتوحة &amp; تعيد هندسة خططها.</p></article></body></html>"""
ENGLISH_PAGE = "<html><body><p>Meta is moving away from <em>open</em> models.</p></body></html>"
OTHER_PAGE = "<html><body><p>Nothing about that here.</p></body></html>"


class Site(http.server.BaseHTTPRequestHandler):
    requests: Counter[str] = Counter()

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        path = urllib.parse.urlsplit(self.path).path
        Site.requests[path] += 1
        if path == "/slow":
            time.sleep(1.5)
            self.answer(200, ENGLISH_PAGE)
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/english")
            self.end_headers()
        elif path in ("/arabic", "/english", "/other"):
            self.answer(200, {"/arabic": ARABIC_PAGE, "/english": ENGLISH_PAGE, "/other": OTHER_PAGE}[path])
        elif path == "/wayback/available":
            asked = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)["url"][0]
            closest = {"available": True, "status": "200", "url": f"http://web.archive.org/web/20251211000000/{asked}"}
            body = {"url": asked, "archived_snapshots": {"closest": closest} if asked.endswith("/arabic") else {}}
            self.answer(200, json.dumps(body), "application/json")
        else:
            self.answer(404, "<html><body>Not here</body></html>")

    def answer(self, status: int, body: str, kind: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the slow page: the client stopped waiting


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    Site.requests = Counter()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    # Polled often: shutdown() waits for the next poll (half a second by default) at every test's end.
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    address = f"http://127.0.0.1:{httpd.server_address[1]}"
    monkeypatch.setattr(links, "WAYBACK_API", f"{address}/wayback/available")
    try:
        yield address
    finally:
        httpd.shutdown()
        httpd.server_close()


def source(source_id: str, url: str, language: str = "en") -> str:
    return f"""\
  {source_id}:
    outlet: {{en: Outlet, ar: منفذ}}
    title: A title
    language: {language}
    published: 2025-12-10
    url: {url}
"""


def cited(event_id: str, source_id: str, quote: str) -> str:
    return f"""\
  - id: {event_id}
    date: 2025-12-01
    status: reported
    title: {{en: Title, ar: عنوان}}
    summary: {{en: Summary., ar: ملخص.}}
    date_basis: {{kind: stated, source: {source_id}}}
    citations:
      - source: {source_id}
        quote: '{quote}'
"""


def timeline(server: str) -> str:
    return (
        "site:\n  title: {en: Timeline, ar: خط زمني}\n  description: {en: A test timeline., ar: خط زمني للاختبار.}\nsources:\n"
        + source("arabic-source", f"{server}/arabic", "ar")
        + source("moved-source", f"{server}/moved")
        + source("other-source", f"{server}/other")
        + source("gone-source", f"{server}/gone")
        + source("slow-source", f"{server}/slow")
        + "  unknown-source:\n    outlet: null\n    title: null\n    language: en\n    published: unknown\n    url: null\n"
        + "events:\n"
        # The quote is written with hamza on the alef, ى and ة, without the shadda and tatweel of the page.
        + cited("arabic-event", "arabic-source", "إن ميتا تتخلى عن النماذج المفتوحة & تعيد هندسة خطتها")
        + cited("moved-event", "moved-source", "Meta is moving away from open models.")
        + cited("other-event", "other-source", "Meta is moving away from open models.")
        + cited("gone-event", "gone-source", "Meta is moving away from open models.")
        + cited("slow-event", "slow-source", "Meta is moving away from open models.")
        + cited("unknown-event", "unknown-source", "A quote from an article whose address is unknown.")
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: str) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "events.yaml"
    path.write_text(timeline(server), encoding="utf-8")
    return path


FAST = ("--timeout", "1", "--delay", "0", "--no-cache", "--allow-local")  # the test server is on this machine


def test_each_source_gets_its_status_and_each_quote_is_looked_for(project, server):
    result = run("links", *FAST)
    assert result.code == 1
    assert result.out == f"""\
source 'arabic-source' ({server}/arabic): 200 OK
  quote missing: "إن ميتا تتخلى عن النماذج المفتوحة & تعيد هندسة خطتها"
    closest on the page: "ان ميتا تتخلي عن النماذج المفتوحه & تعيد هندسه خططها."
    the quote has "خطتها" where the page has "خططها."
source 'moved-source' ({server}/moved): 200 OK after a redirect to {server}/english
  quote found: "Meta is moving away from open models."
source 'other-source' ({server}/other): 200 OK
  quote missing: "Meta is moving away from open models."
    nothing on the page comes close
source 'gone-source' ({server}/gone): dead: 404 Not Found
  quote not checked (the page could not be read): "Meta is moving away from open models."
source 'slow-source' ({server}/slow): dead: no complete answer within 1 second
  quote not checked (the page could not be read): "Meta is moving away from open models."
source 'unknown-source': no URL recorded
5 sources checked: 2 dead links, 2 quotes missing
"""


def test_arabic_spelling_variants_diacritics_and_tatweel_do_not_hide_a_quote(project, server):
    project.write_text(project.read_text(encoding="utf-8").replace("خطتها", "خططها"), encoding="utf-8")
    result = run("links", *FAST)
    assert f"source 'arabic-source' ({server}/arabic): 200 OK\n  quote found:" in result.out


def test_normalisation():
    assert links.normalise("تتخلّى  عن\nالنماذج") == links.normalise("تتخلي عن النماذج")
    assert links.normalise("أإآٱ ـــة") == "اااا ه"
    assert links.normalise("ＭＥＴＡ Straße") == "meta strasse"
    assert page_text("<p>a<script>b</script>c</p><style>d</style>").visible.strip() == "ac"
    assert links.normalise("«٢٠٢٦» “x”") == '"2026" "x"'


def test_markdown_lists_only_what_needs_a_maintainer(project, server):
    result = run("links", *FAST, "--format", "markdown")
    assert result.code == 1
    host = server.removeprefix("http://").replace(".", r"\.").replace(":", r"\:")
    assert result.out == f"""\
## Links and quotes

5 sources checked: 2 dead links, 2 quotes missing

### Dead links

- source gone\\-source: dead\\: 404 Not Found, http\\:\\/\\/{host}\\/gone
- source slow\\-source: dead\\: no complete answer within 1 second, http\\:\\/\\/{host}\\/slow

### Quotes no longer found on their page

- source arabic\\-source (cited by arabic\\-event): إن ميتا تتخلى عن النماذج المفتوحة \\& تعيد هندسة خطتها
  - closest on the page: ان ميتا تتخلي عن النماذج المفتوحه \\& تعيد هندسه خططها\\.
  - the quote has \\"خطتها\\" where the page has \\"خططها\\.\\"
- source other\\-source (cited by other\\-event): Meta is moving away from open models\\.
"""


def test_archive_prints_the_line_to_add_and_write_inserts_it_keeping_every_other_byte(project, server):
    before = project.read_text(encoding="utf-8")
    printed = run("links", *FAST, "--archive")
    assert f"  add to the source: archive_url: https://web.archive.org/web/20251211000000/{server}/arabic\n" in printed.out
    assert "  no snapshot: the Wayback Machine has none\n" in printed.out
    assert project.read_text(encoding="utf-8") == before

    written = run("links", *FAST, "--archive", "--write")
    assert written.code == 1  # the dead links are still dead
    assert "events.yaml: recorded archive_url for arabic-source\n" in written.out
    line = f"    url: {server}/arabic\n"
    archived = f"    archive_url: https://web.archive.org/web/20251211000000/{server}/arabic\n"
    assert project.read_text(encoding="utf-8") == before.replace(line, line + archived)
    assert run("check", "events.yaml").code == 0
    # Recorded once: a source with an archive_url is not asked again.
    again = run("links", *FAST, "--archive")
    assert f"{server}/arabic): 200 OK\n  quote missing" in again.out
    assert "add to the source: archive_url" not in again.out


def test_answers_are_cached_but_network_failures_are_tried_again(project, server, tmp_path):
    cache = tmp_path / "cache"
    options = ("--timeout", "1", "--delay", "0", "--cache", str(cache), "--allow-local")
    run("links", *options)
    run("links", *options)
    assert Site.requests == {"/arabic": 1, "/moved": 1, "/english": 1, "/other": 1, "/gone": 1, "/slow": 2}
    run("links", *options, "--max-age", "0")
    assert Site.requests["/arabic"] == 2


def test_every_request_names_the_project(project, server, monkeypatch):
    agents: list[str] = []
    original = Site.do_GET

    def recording(handler: Site) -> None:
        agents.append(handler.headers["User-Agent"])
        original(handler)

    monkeypatch.setattr(Site, "do_GET", recording)
    run("links", *FAST)
    assert agents and all(agent.startswith("timeline-generator-links/") for agent in agents)


def test_a_site_that_cannot_be_reached_is_reported_not_raised(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # A port that nothing listens on.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    text = timeline(f"http://127.0.0.1:{port}")
    Path("events.yaml").write_text(text, encoding="utf-8")
    result = run("links", *FAST)
    assert result.code == 1
    assert f"source 'gone-source' (http://127.0.0.1:{port}/gone): dead: the server refused the connection\n" in result.out


def test_write_without_archive_is_a_usage_error(project):
    result = run("links", "--write")
    assert result.code == 2
    assert result.err == "error: --write records the snapshots found by --archive; give both.\n"


def _git(folder: Path, *args: str) -> None:
    import subprocess

    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args], cwd=folder, check=True, capture_output=True)


def test_changed_checks_only_the_sources_added_or_edited_and_the_new_quotes(project, server):
    folder = project.parent
    _git(folder, "init", "-q", "-b", "main")
    _git(folder, "add", "events.yaml")
    _git(folder, "commit", "-q", "-m", "base")
    text = project.read_text(encoding="utf-8")
    text = text.replace(f"url: {server}/other", f"url: {server}/english")  # an edited source
    text = text.replace("  - id: moved-event", cited("new-event", "arabic-source", "تعيد هندسة خططها") + "  - id: moved-event")  # a new quote
    project.write_text(text, encoding="utf-8")
    Site.requests = Counter()
    result = run("links", *FAST, "--changed", "main")
    assert [line for line in result.out.splitlines() if line.startswith("source ")] == [
        f"source 'arabic-source' ({server}/arabic): 200 OK",
        f"source 'other-source' ({server}/english): 200 OK",
    ]
    assert set(Site.requests) == {"/arabic", "/english"}
    assert result.out.endswith("2 sources checked: 0 dead links, 1 quote missing\n")

    _git(folder, "commit", "-q", "-am", "head")
    unchanged = run("links", *FAST, "--changed", "main", "--format", "markdown")
    assert (unchanged.code, unchanged.out) == (0, "## Links and quotes\n\nNo source was added or edited since main, and no quote: nothing to fetch.\n")
