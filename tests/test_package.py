"""The installable package: a wheel built from the repository carries everything the generator reads, and a newsroom
that installs it (in a virtual environment of its own, far from this repository) starts a timeline and serves it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from generator import __version__

from conftest import REPO
from test_serve import free_port

# Building a wheel and a project in another interpreter: left out of the quick loop.
pytestmark = pytest.mark.slow


def _tracked_files(*paths: str) -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z", *paths], cwd=REPO, capture_output=True, check=True, text=True).stdout
    return [name for name in listed.split("\0") if name]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel pip builds from the repository's committed files (copied out, so nothing is built inside the checkout)."""
    if not (REPO / ".git").exists():
        pytest.skip("needs the repository's git history to list its files")
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    for name in _tracked_files("generator", "pyproject.toml", "README.md"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes((REPO / name).read_bytes())
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", ".", "-w", str(work / "dist")], cwd=source, check=True)
    (built,) = (work / "dist").glob("timeline_generator-*.whl")
    return built


def test_the_wheel_carries_every_file_of_the_package(wheel: Path):
    # Templates, label catalogues, theme overrides, scripts, assets and the project template: whatever is committed.
    committed = {name for name in _tracked_files("generator")}
    with zipfile.ZipFile(wheel) as archive:
        packed = set(archive.namelist())
    assert sorted(committed - packed) == []
    assert f"timeline_generator-{__version__}.dist-info/entry_points.txt" in packed


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment outside the repository with the wheel installed; returns its bin/ folder.

    The generator's dependencies are not downloaded again: the environment reads them from the test suite's own
    (a path in a .pth file, which adds that folder only, not the editable checkout its own .pth files point to)."""
    venv = tmp_path_factory.mktemp("newsroom") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    own_site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], capture_output=True, text=True, check=True).stdout.strip())
    (own_site / "suite-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    return venv / "bin"


def _newsroom_env(bin_folder: Path) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "SITE_URL", "REPO_URL", "VIRTUAL_ENV"}}
    return {**environment, "PATH": f"{bin_folder}{os.pathsep}{environment.get('PATH', '')}", "PYTHONUNBUFFERED": "1"}


def test_a_newsroom_installs_the_wheel_starts_a_timeline_in_french_and_arabic_and_serves_it(installed: Path, tmp_path: Path):
    env = _newsroom_env(installed)
    here = tmp_path / "work"
    here.mkdir()

    def run(*argv: str, cwd: Path = here) -> str:
        done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    where = run(str(installed / "python"), "-c", "import generator; print(generator.__file__)")
    assert where.startswith(str(installed.parent)), where  # the installed wheel, not this checkout
    assert run("timeline", "--version").strip() == f"timeline-generator {__version__}"
    run("timeline", "new", "../my-timeline", "--languages", "fr,ar")
    project = tmp_path / "my-timeline"

    run("make", "test", cwd=project)
    for lang in ("fr", "ar"):
        page = (project / "site" / lang / "events" / "example-council-approves-budget" / "index.html").read_text(encoding="utf-8")
        assert f'lang="{lang}"' in page
    assert "Exemple : le conseil municipal adopte son budget" in (project / "site" / "fr" / "index.html").read_text(encoding="utf-8")

    port = free_port()
    server = subprocess.Popen(["make", "serve", f"PORT={port}"], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        pages = {lang: _fetch_when_up(f"http://127.0.0.1:{port}/{lang}/events/example-council-approves-budget/") for lang in ("fr", "ar")}
    finally:
        os.killpg(server.pid, signal.SIGINT)
        printed, _ = server.communicate(timeout=30)
    assert f"serving on http://127.0.0.1:{port}/ (French: /fr/, Arabic: /ar/)" in printed
    assert "Exemple : le conseil municipal adopte son budget" in pages["fr"]
    assert "مثال: المجلس البلدي يقرّ ميزانيته" in pages["ar"] and 'dir="rtl"' in pages["ar"]


def _fetch_when_up(url: str, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
