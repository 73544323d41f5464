"""`python -m generator serve`: serves the site, rebuilds on changes, survives a broken file."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import DEPLOYMENT_ENVIRONMENT, REPO, build_args, copy_fixture, stable_site_files


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
        return response.status, response.read().decode("utf-8")


def generator_env(without: tuple[str, ...] = ()) -> dict[str, str]:
    """The environment of a `python -m generator` subprocess: this checkout's generator, wherever it runs, its output
    unbuffered; `without` these variables (a deployment's, for a site compared with the suite's own builds)."""
    path = os.pathsep.join(filter(None, (str(REPO), os.environ.get("PYTHONPATH"))))
    return {**{name: value for name, value in os.environ.items() if name not in without}, "PYTHONUNBUFFERED": "1", "PYTHONPATH": path}


class Server:
    """`serve` in a subprocess, its output collected line by line.

    `in_project`: as `make serve` runs it, from the project folder (which holds its own mkdocs.yml) with every
    path its default; otherwise from the repository, with the project's paths given absolute.
    """

    def __init__(self, project: Path, port: int, config: Path | None = None, in_project: bool = False) -> None:
        args = ["serve"] if in_project else build_args(project)
        args[0] = "serve"
        if config is not None:  # another mkdocs.yml than the repository's
            args[args.index("--config") + 1] = str(config)
        self.port = port
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", *args, "--port", str(port)],
            cwd=project if in_project else REPO, env=generator_env(without=DEPLOYMENT_ENVIRONMENT), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 30, after: int = 0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines[after:]):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        pytest.fail(f"'{text}' never appeared; output:\n" + "\n".join(self.lines))

    def wait_until_serving(self, timeout: float = 120) -> str:
        """Wait for the address, then for a first answer; returns the address. `serve` prints the address just before
        it starts watching the files, and answers only once it watches them: a save made after the answer is noticed."""
        self.wait_for("serving on http://127.0.0.1:", timeout=timeout)
        base = f"http://127.0.0.1:{self.port}"
        fetch(base + "/")
        return base

    def stop(self) -> int:
        self.process.terminate()
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(timeout=5)


@dataclass(frozen=True)
class Served:
    server: Server
    port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`serve` on an unchanged copy of the fixture project, started once for the stories that only read what it
    serves; once they are done it must stop cleanly, without a traceback."""
    project = copy_fixture(tmp_path_factory.mktemp("served"))
    server = Server(project, free_port())
    try:
        server.wait_until_serving()
        yield Served(server, server.port)
    finally:
        code = server.stop()
    assert code == 0
    assert "Traceback" not in "\n".join(server.lines)


@pytest.mark.slow
def test_serve_serves_the_site_its_search_index_and_pages_that_reload_themselves(served: Served):
    base = served.base
    status, root = fetch(base + "/")
    assert status == 200 and 'href="ar/"' in root
    status, page = fetch(base + "/en/events/llama-4-release/")
    assert "Meta releases Llama 4 to a weak reception" in page
    assert "livereload" in page  # the browser reloads itself after a rebuild
    # The search index and its script are served too, so search works in the preview.
    status, entry = fetch(base + "/pagefind/pagefind-entry.json")
    assert status == 200 and '"ar"' in entry and '"en"' in entry
    assert fetch(base + "/pagefind/pagefind-component-ui.js")[0] == 200


def test_a_rebuild_while_events_yaml_is_missing_says_so_plainly(tmp_path: Path):
    # An editor that saves by delete-and-rename leaves the file missing for a moment.
    import io

    from generator.build.serve import make_builder
    from generator.cli.main import _build_options_from, _parser

    project = copy_fixture(tmp_path / "project")
    (project / "events.yaml").unlink()
    out = io.StringIO()
    rebuild, _lock = make_builder(_build_options_from(_parser().parse_args(build_args(project))), out)
    rebuild()
    assert out.getvalue().splitlines()[1:] == [
        f"error: {project / 'events.yaml'}: no such file. Give the path of your events file, e.g. 'events.yaml'.",
        "the rebuild failed; still serving the last good site.",
    ]


@pytest.mark.parametrize("port", ["99999", "-1", "0", "eighty"])
def test_a_port_that_does_not_exist_is_refused_before_anything_is_built(tmp_path: Path, port: str):
    from conftest import run

    project = copy_fixture(tmp_path / "project")
    args = build_args(project)
    args[0] = "serve"
    result = run(*args, f"--port={port}")
    assert result.code == 2
    shown = port if port == "eighty" else str(int(port))
    quoted = f"'{shown}'" if port == "eighty" else shown
    assert result.err.splitlines()[-1] == f"python -m generator serve: error: argument --port: {quoted} is not a port number; give a whole number from 1 to 65535, e.g. 8000"
    assert not (project / "site").exists() and not (project / "build").exists()


def test_a_busy_port_is_reported_before_the_site_is_built(tmp_path: Path):
    project = copy_fixture(tmp_path / "project")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        server = Server(project, port)
        code = server.process.wait(timeout=60)
        server.reader.join(timeout=5)
    assert code == 2
    assert server.lines == [f"error: cannot serve on 127.0.0.1:{port}: Address already in use. Choose another port with --port."]
    assert not (project / "site").exists()


def _get(port: int, path: str, start: threading.Barrier) -> str:
    start.wait(timeout=60)
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        connection.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer.split(b"\r\n", 1)[0].decode()


@pytest.mark.slow
def test_serve_answers_200_parallel_requests_and_a_nul_byte_is_not_found(served: Served):
    # A browser opening many tabs at once; the listen queue used to hold 5 waiting connections.
    from concurrent.futures import ThreadPoolExecutor

    port = served.port
    start = threading.Barrier(200)
    with ThreadPoolExecutor(max_workers=200) as pool:
        answers = list(pool.map(lambda _: _get(port, "/en/timeline/", start), range(200)))
    assert answers.count("HTTP/1.0 200 OK") == 200, answers
    one = threading.Barrier(1)
    assert _get(port, "/%00", one) == "HTTP/1.0 404 Not Found"
    assert _get(port, "/en/%00/index.html", one) == "HTTP/1.0 404 Not Found"


@pytest.mark.slow
def test_an_unknown_address_gets_the_sites_own_404_page_in_its_language(served: Served):
    base = served.base
    status, page = _status(base + "/ar/events/no-such-event/")
    assert status == 404 and '<html lang="ar"' in page and 'dir="rtl"' in page and "livereload" in page
    status, page = _status(base + "/en/nowhere")
    assert status == 404 and '<html lang="en"' in page
    status, page = _status(base + "/elsewhere/")
    assert status == 404 and 'href="/ar/"' in page  # the site's own root 404 page, in every language


def test_serve_with_overlapping_folders_stops_at_once(tmp_path: Path):
    from conftest import run

    project = copy_fixture(tmp_path / "project")
    args = build_args(project)
    args[0] = "serve"
    args[args.index("--work") + 1] = str(project / "docs")
    result = run(*args, "--port", str(free_port()))
    assert result.code == 2
    assert result.err.splitlines() == [
        f"error: --work {project / 'docs'} and --docs {project / 'docs'} overlap: the generated pages would be mixed with the hand-written ones."
        " Choose folders that are not inside each other, e.g. --work build."
    ]
    assert result.out == ""


# -- incremental rebuilds, problems in the browser, the 404 page ------------------------------------

NEW_EVENT = """\
  - id: a-new-event-added-while-serving
    date: 2025-06-02
    status: reported
    title:
      en: An event added while serving
      ar: حدث أضيف أثناء العرض
    summary:
      en: Added to check that an added page is built.
      ar: أضيف للتحقق من بناء الصفحة المضافة.
    entities: [meta]
    citations:
      - source: reuters-2024-12-denial
        quote: We remain committed to open source, a Meta spokesperson said.
    date_basis: {kind: report, source: reuters-2024-12-denial}
"""


def _save(server: Server, events: Path, text: str, expect: str) -> None:
    mark = len(server.lines)
    events.write_text(text, encoding="utf-8")
    server.wait_for(expect, timeout=120, after=mark)


def stopped_incremental(server: Server) -> str:
    """Stop the server; it exits cleanly, having rebuilt incrementally without a traceback. Returns its output."""
    code = server.stop()
    assert code == 0
    output = "\n".join(server.lines)
    assert "Traceback" not in output and "building everything" not in output
    return output


def assert_same_as_a_full_build(
    project: Path, full: Path, port: int, events_text: str | None = None, arguments: Callable[[Path], list[str]] = build_args
) -> dict[str, bytes]:
    """The site `serve` left in `project` equals, file for file, a full build of the same input in `full`
    with the address it was served at (`serve` gives the site that address when SITE_URL gives none)."""
    from conftest import run

    copy_fixture(full)
    if events_text is not None:
        (full / "events.yaml").write_text(events_text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        for name in DEPLOYMENT_ENVIRONMENT:
            patch.delenv(name, raising=False)
        patch.setenv("SITE_URL", f"http://127.0.0.1:{port}/")  # the address serve served it at
        assert run(*arguments(full)).code == 0
    return assert_same_site(project / "site", full / "site")


def assert_same_site(served_site: Path, built_site: Path) -> dict[str, bytes]:
    """The site `serve` left equals, file for file, this full build; returns the full build's files."""
    served, built = stable_site_files(served_site), stable_site_files(built_site)
    assert sorted(served) == sorted(built)
    assert [name for name in built if served[name] != built[name]] == []
    return built


@pytest.mark.slow
def test_edits_served_incrementally_end_as_the_same_site_as_a_full_build(tmp_path: Path):

    project = copy_fixture(tmp_path / "project")
    events = project / "events.yaml"
    original = events.read_text(encoding="utf-8")
    port = free_port()
    server = Server(project, port)
    try:
        server.wait_until_serving()
        base = f"http://127.0.0.1:{port}"
        text = original.replace("Meta releases Llama 4 to a weak reception", "Meta releases Llama 4, edited")
        _save(server, events, text, "rebuilt ")
        assert "Meta releases Llama 4, edited" in fetch(base + "/en/events/llama-4-release/")[1]
        # The neighbours' links and the timeline show the new title too.
        assert "Meta releases Llama 4, edited" in fetch(base + "/en/timeline/")[1]

        text = text.replace("  - id: llama-4-release\n", NEW_EVENT + "  - id: llama-4-release\n")
        _save(server, events, text, "rebuilt ")
        assert "An event added while serving" in fetch(base + "/en/events/a-new-event-added-while-serving/")[1]

        start = text.index("  - id: open-source-commitment-denial\n")
        end = text.index("  - id: meta-ai-infrastructure-spending-2025\n")
        text = text[:start] + text[end:]
        _save(server, events, text, "rebuilt ")
        status, _page = _status(base + "/en/events/open-source-commitment-denial/")
        assert status == 404

        _save(server, events, text.replace("status: happened", "status: hapened"), "still serving the last good site")
        _save(server, events, text, "rebuilt ")
        server.wait_for("search index updated.", timeout=120)
    finally:
        output = stopped_incremental(server)
    assert output.count("built ") == 5  # the first build, then four incremental rebuilds
    # Each wrote the event pages through their shells first, and served them, before the engine's pages.
    assert len(re.findall(r"wrote \d+ event and entity pages? in", output)) == 4 and output.index("wrote ") < output.index("rebuilt ")

    built = assert_same_as_a_full_build(project, tmp_path / "full", port, text)
    assert any(name.startswith("pagefind/fragment/") for name in built)


def _status(url: str) -> tuple[int, str]:
    import urllib.error

    try:
        return fetch(url)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.mark.slow
def test_a_broken_save_shows_its_problems_over_the_page_escaped_until_it_is_fixed(tmp_path: Path):
    project = copy_fixture(tmp_path / "project")
    events = project / "events.yaml"
    good = events.read_text(encoding="utf-8")
    port = free_port()
    server = Server(project, port)
    try:
        base = server.wait_until_serving()
        first = fetch(base + "/en/")[1]
        assert 'id="timeline-problems-errors"' not in first
        assert 'id="timeline-problems-warnings"' in first  # the fixture's missing translations: the pull request's check fails on them

        bad = good.replace("status: happened", "status: <script>alert(1)</script>", 1)
        _save(server, events, bad, "still serving the last good site")
        line = next(number for number, text in enumerate(bad.splitlines(), 1) if "<script>alert(1)</script>" in text)
        for path, title in (("/en/events/llama-4-release/", "Meta releases Llama 4 to a weak reception"), ("/ar/timeline/", "ميتا تطلق لاما 4 وسط استقبال فاتر")):
            page = fetch(base + path)[1]
            overlay = page[page.index('id="timeline-problems"') :]
            assert f'<code dir="ltr">{events}:{line}:' in overlay
            assert "&#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27; is not a status" in overlay
            assert "<script>alert(1)" not in page
            assert title in page  # the last good site, under the box

        _save(server, events, good, "rebuilt ")
        assert 'id="timeline-problems-errors"' not in fetch(base + "/en/events/llama-4-release/")[1]
    finally:
        code = server.stop()
    assert code == 0
    assert "Traceback" not in "\n".join(server.lines)


def test_an_edit_renders_again_every_claim_of_its_conflict_and_every_event_whose_neighbours_changed():
    from generator.build.incremental import affected_pages
    from generator.data.checker import check_text

    from conftest import START, event

    def claim(event_id: str, date: str, others: str) -> str:
        return event(event_id, date).replace("status: reported", "status: disputed").replace("    citations:", f"    conflicts_with: [{others}]\n    citations:")

    # a and c each conflict with b only; b's page names both, and so, through b, does each page of the cluster.
    before = START + claim("a-claim", "2026-01", "b-claim") + claim("b-claim", "2026-02", "a-claim, c-claim") + claim("c-claim", "2026-03", "b-claim") + event("later", "2026-06")
    after = before.replace("  - id: c-claim\n    date: 2026-03\n    status: disputed", "  - id: c-claim\n    date: 2026-03\n    status: denied")
    old, new = check_text(before).timeline, check_text(after).timeline
    assert old is not None and new is not None
    assert "events/a-claim.md" in affected_pages(old, new).render  # a lists c as another report
    # Moving the cluster's earliest date moves the whole cluster: 'later' gets new neighbours.
    moved = before.replace("  - id: a-claim\n    date: 2026-01", "  - id: a-claim\n    date: 2026-09")
    shifted = check_text(moved).timeline
    assert shifted is not None
    assert {"events/later.md", "events/c-claim.md"} <= affected_pages(old, shifted).render


@pytest.mark.slow
def test_an_edit_that_gives_an_event_page_values_no_other_page_had_is_still_built_quickly_and_alike(tmp_path: Path, built_site: Path):
    # Event pages are written through one page shell per set of values (generator/build/shell.py). Here no event has a
    # correction log at first, so the first one needs a new shell (the theme adds the page's modified time to its head).

    project = copy_fixture(tmp_path / "project")
    events = project / "events.yaml"
    original = events.read_text(encoding="utf-8")
    log = original.index("    updates:\n")
    end = original.index("  - id: ", log)
    events.write_text(original[:log] + original[end:], encoding="utf-8")
    port = free_port()
    server = Server(project, port)
    try:
        server.wait_until_serving()
        page = fetch(f"http://127.0.0.1:{port}/en/events/llama-4-release/")[1]
        assert "article:modified_time" not in page
        _save(server, events, original, "rebuilt ")
        page = fetch(f"http://127.0.0.1:{port}/en/events/llama-4-release/")[1]
        assert '<meta property="article:modified_time" content="2025-12-12">' in page
        server.wait_for("search index updated.", timeout=120)
    finally:
        stopped_incremental(server)
    assert_same_as_a_full_build(project, tmp_path / "full", port)
