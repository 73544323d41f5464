"""Shared helpers: write a tiny events.yaml, run the real command, read what it printed."""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import importlib.util
import io
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build.context import AfterStep, BuildOptions
from generator.build.pipeline import build
from generator.cli.main import main

REPO = Path(__file__).resolve().parents[1]

# Thirteen lines: a valid site, one source, one entity and the `events:` key.
# Tests append events after it, so the first event starts on line 14.
START = """\
site:
  title: {en: Timeline, ar: خط زمني}
  description: {en: A test timeline., ar: خط زمني للاختبار.}
sources:
  cnbc-report:
    outlet: {en: CNBC, ar: سي إن بي سي}
    title: Meta shifts strategy
    language: en
    published: 2025-12-10
    url: https://www.example.com/meta
entities:
  meta: {kind: organization, label: {en: Meta, ar: ميتا}}
events:
"""


def event(event_id: str = "llama-4-release", date: str = "2025-12-01") -> str:
    """One valid event of ten lines, citing the source and entity of START.

    Appended right after START its lines are: 14 id, 15 date, 16 status,
    17 title, 18 summary, 19 entities, 20 date_basis, 21 citations,
    22 source, 23 quote (last, so that tests may append citations).
    """
    return f"""\
  - id: {event_id}
    date: {date}
    status: reported
    title: {{en: Title, ar: عنوان}}
    summary: {{en: Summary., ar: ملخص.}}
    entities: [meta]
    date_basis: {{kind: stated, source: cnbc-report}}
    citations:
      - source: cnbc-report
        quote: Meta is moving away from open models.
"""


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def run(*argv: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_:  # argparse exits on usage errors
            code = int(exit_.code or 0)
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write `text` to events.yaml in a fresh folder and run `check` on it, on a fixed day (1 January 2026),
    so that no expectation expires with the calendar (tests/test_overdue.py sets its own days)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")

    def _check(text: str, *options: str) -> Run:
        Path("events.yaml").write_text(text, encoding="utf-8")
        return run("check", "events.yaml", *options)

    return _check


# -- the site: a small fixture project, built once per test session ----------------

FIXTURE = REPO / "tests" / "fixtures" / "site"


def copy_fixture(target: Path) -> Path:
    """A fresh copy of the fixture project (events.yaml and docs/) in `target`."""
    import shutil

    shutil.copytree(FIXTURE, target, dirs_exist_ok=True)
    return target


def build_args(project: Path, *extra: str) -> list[str]:
    """`build` options for a project folder, with the repository's shared mkdocs.yml."""
    return [
        "build", str(project / "events.yaml"),
        "--docs", str(project / "docs"),
        "--config", str(REPO / "mkdocs.yml"),
        "--site", str(project / "site"),
        "--work", str(project / "build"),
        *extra,
    ]


def build_options(project: Path, **changes: object) -> BuildOptions:
    """The options of `build_args`, for a test that calls `build` itself, e.g. with another indexer (`pagefind=`)."""
    values: dict[str, object] = {
        "events": project / "events.yaml",
        "docs": project / "docs",
        "config": REPO / "mkdocs.yml",
        "site": project / "site",
        "work": project / "build",
    }
    return BuildOptions(**{**values, **changes})  # type: ignore[arg-type]


# Pagefind (upstream) writes its filter files, and the language metadata and
# entry file that name them by their hashes, with contents that change from
# run to run; its fragments, word index and the rest are stable. Every other
# file the build writes must be identical from build to build.
PAGEFIND_UNSTABLE = re.compile(r"pagefind/(filter/[a-z]+_[0-9a-f]+\.pf_filter|pagefind\.[a-z]+_[0-9a-f]+\.pf_meta|pagefind-entry\.json)")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its POSIX path, with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def stable_site_files(site: Path) -> dict[str, bytes]:
    """A built site's files but Pagefind's known unstable ones: what two builds of the same input share byte for byte."""
    return {name: data for name, data in snapshot(site).items() if not PAGEFIND_UNSTABLE.fullmatch(name)}


def run_build(options: BuildOptions, after_steps: Sequence[AfterStep] | None = None) -> Run:
    """`build` with these options (and after-steps, when given), its printed output captured like `run`'s."""
    out = io.StringIO()
    result = build(options, out) if after_steps is None else build(options, out, after_steps)
    return Run(0 if result.ok else 1, out.getvalue(), "")


# What a deployment sets (mkdocs.yml reads SITE_URL and REPO_URL, the build REPO_BRANCH and
# SOURCE_DATE_EPOCH). The shared builds below are made without them, whatever the shell that runs
# the tests has set, unless a fixture sets one on purpose.
DEPLOYMENT_ENVIRONMENT = ("SITE_URL", "REPO_URL", "REPO_BRANCH", "SOURCE_DATE_EPOCH")


def build_in_environment(project: Path, **environment: str) -> Run:
    """`build` of a project folder with only these deployment variables set."""
    with pytest.MonkeyPatch.context() as patch:
        for name in DEPLOYMENT_ENVIRONMENT:
            patch.delenv(name, raising=False)
        for name, value in environment.items():
            patch.setenv(name, value)
        return run(*build_args(project))


@dataclass(frozen=True)
class BuiltProject:
    project: Path  # events.yaml, docs/, and what the build left: site/ and the work folder build/
    result: Run  # what the build printed


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Run]) -> BuiltProject:
    """`make(folder)` once for the whole test run, in an empty folder `name`; the folder and what it printed.

    With pytest-xdist (`-n`) the workers of one run share it: the first to ask builds it while holding a
    lock, the others wait for it and read the same folder. What is built this way is read only."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's own folder, above each worker's
    folder, printed = root / f"built-{name}", root / f"built-{name}.printed.json"
    with (root / f"built-{name}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if the build raises
        if printed.exists():
            return BuiltProject(folder, Run(**json.loads(printed.read_text(encoding="utf-8"))))
        shutil.rmtree(folder, ignore_errors=True)  # a worker's failed attempt
        folder.mkdir()
        result = make(folder)
        if result.code == 0:
            printed.write_text(json.dumps(dataclasses.asdict(result)), encoding="utf-8")
        return BuiltProject(folder, result)


def fixture_built_with(**environment: str) -> Callable[[Path], Run]:
    """How to make a copy of the fixture project, built with these deployment variables."""

    def make(project: Path) -> Run:
        copy_fixture(project)
        return build_in_environment(project, **environment)

    return make


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> BuiltProject:
    """The fixture project built once for the whole run: its folder and what the build printed. Read only."""
    built = built_once(tmp_path_factory, "project", fixture_built_with())
    assert built.result.code == 0, built.result.out + built.result.err
    return built


@pytest.fixture(scope="session")
def built_site(fixture_build: BuiltProject) -> Path:
    """The fixture project built once; returns its site/ folder."""
    return fixture_build.project / "site"


@pytest.fixture
def built_project(fixture_build: BuiltProject, tmp_path: Path) -> Path:
    """A copy of the fixture project as a first build left it (site/ and build/ included), in tmp_path/project:
    for a test about a build that finds a site built before, without paying for that first build."""
    return Path(shutil.copytree(fixture_build.project, tmp_path / "project", symlinks=True))


# The public address the published fixture site is built with (SITE_URL, as the deploy workflow sets it).
PUBLIC_URL = "https://example.org/tl/"


@pytest.fixture(scope="session")
def published_build(tmp_path_factory: pytest.TempPathFactory) -> BuiltProject:
    """The fixture built once as a published site is: with its public address in SITE_URL (and no repository). Read only."""
    built = built_once(tmp_path_factory, "published", fixture_built_with(SITE_URL=PUBLIC_URL))
    assert built.result.code == 0, built.result.out + built.result.err
    return built


@pytest.fixture(scope="session")
def published_site(published_build: BuiltProject) -> Path:
    return published_build.project / "site"


@pytest.fixture(scope="session")
def engine_only_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project built once with every page through the engine (no page shells); returns the project folder."""

    def make(project: Path) -> Run:
        copy_fixture(project)
        with pytest.MonkeyPatch.context() as patch:
            for name in DEPLOYMENT_ENVIRONMENT:
                patch.delenv(name, raising=False)
            return run_build(build_options(project, page_shell=False))

    built = built_once(tmp_path_factory, "engine-only", make)
    assert built.result.code == 0, built.result.out
    return built.project


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A static HTTP server over `folder` on a free loopback port; yields its address."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    # Polled often: shutdown() waits for the next poll (half a second by default).
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """A static HTTP server over the built site on a free loopback port."""
    with serve_folder(built_site) as url:
        yield url


# -- the real timeline (events.yaml, docs/ and mkdocs.yml of the repository), built once ----


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own timeline built once into a temporary folder; returns its site/."""

    def make(folder: Path) -> Run:
        return run(
            "build", str(REPO / "events.yaml"), "--docs", str(REPO / "docs"), "--config", str(REPO / "mkdocs.yml"),
            "--site", str(folder / "site"), "--work", str(folder / "build"),
        )

    built = built_once(tmp_path_factory, "real", make)
    assert built.result.code == 0, built.result.out + built.result.err
    return built.project / "site"


@pytest.fixture(scope="session")
def real_site_url(real_site: Path) -> Iterator[str]:
    with serve_folder(real_site) as url:
        yield url


# -- the browser: Debian's Chromium driven by Playwright, one for the whole session ----------

# CHROMIUM names another build of Chromium, for a developer whose browser lives elsewhere.
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Shared by every module: Playwright's sync API allows one instance per process."""
    require("chromium")
    import playwright.sync_api as playwright_api
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# -- tools outside Python: a test names what it needs with @pytest.mark.needs("node") ----------

NODE_MODULES = REPO / "node_modules"

# What each tool is, and the command that installs it (both README commands run them).
TOOLS: dict[str, tuple[Callable[[], bool], str]] = {
    "chromium": (lambda: Path(CHROMIUM).exists() and importlib.util.find_spec("playwright") is not None, "Debian's chromium (make system)"),
    "java": (lambda: shutil.which("java") is not None, "Java (make system)"),
    "node": (lambda: shutil.which("node") is not None and (NODE_MODULES / ".installed-stamp").exists(), "Node.js and the npm checkers (make system, npm ci)"),
}


def require(*tools: str) -> None:
    """Skip a test whose tool is missing on a developer's machine; under CI (CI=true) fail it instead.

    A skipped browser test is a test that did not run: CI installs every tool
    (`make test`), so a missing one there means the set-up is broken.
    """
    missing = [TOOLS[tool][1] for tool in tools if not TOOLS[tool][0]()]
    if not missing:
        return
    message = "missing: " + ", ".join(missing)
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{message}; CI must run every test (make test installs them)", pytrace=False)
    pytest.skip(message)


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs"):
        require(*mark.args)


# What reads the project's own events.yaml and docs/ (the real site and its search, the seeds' quotes, the
# documented examples): the stories a pull request that changes only those can affect (marker `content`).
CONTENT_FIXTURES = frozenset({"real_site", "real_site_url", "real_boxes", "real"})
CONTENT_MODULES = frozenset({"test_seed_quotes", "test_docs_example"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what needs Chromium, Java or Node, so `make test-fast` can leave it out; and the stories about the content."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "browser" in fixtures or item.get_closest_marker("needs") is not None:
            item.add_marker(pytest.mark.browser)
        if CONTENT_FIXTURES.intersection(fixtures) or item.module is not None and item.module.__name__ in CONTENT_MODULES:
            item.add_marker(pytest.mark.content)
