"""The languages built side by side in worker processes (`--jobs`): the same site, the same messages, in the same order;
and the data files written while Pagefind indexes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build.context import Alongside, BuildContext
from generator.build.pipeline import searching
from generator.build.workers import run_side_by_side
from generator.data.errors import BuildError

from conftest import REPO, build_args, build_options, copy_fixture, run, run_build, snapshot, stable_site_files

BROKEN_PAGE = "# Methodology\n\nSee [the missing page](missing.md).\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


def test_two_processes_build_the_same_site_as_one_byte_for_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    one, two = copy_fixture(tmp_path / "one"), copy_fixture(tmp_path / "two")
    assert run(*build_args(one, "--jobs", "1")).code == 0
    assert run(*build_args(two, "--jobs", "2")).code == 0

    first, second = stable_site_files(one / "site"), stable_site_files(two / "site")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert "data/events.json" in first  # written while Pagefind indexed
    assert any(name.startswith("pagefind/fragment/") for name in first)


def _failed_both_ways(project: Path) -> tuple[str, str]:
    """Build after a first good build, with one process and with two: each must fail and leave site/ as it was."""
    before = snapshot(project / "site")
    outputs = []
    for jobs in ("1", "2"):
        result = run(*build_args(project, "--jobs", jobs))
        assert result.code == 1, result.out
        assert "Traceback" not in result.out + result.err
        assert result.lines[-1] == f"build stopped: {project / 'site'}/ was left as it was."
        assert snapshot(project / "site") == before
        assert not list(project.glob(".site-*"))
        outputs.append(result.out)
    return outputs[0], outputs[1]


def test_a_broken_arabic_page_stops_the_build_with_the_same_message_in_a_worker(built_project: Path):
    project = built_project  # built once before
    (project / "docs" / "ar" / "methodology.md").write_text(BROKEN_PAGE, encoding="utf-8")
    alone, side_by_side = _failed_both_ways(project)
    assert side_by_side == alone
    assert "mkdocs (ar): warning: Doc file 'methodology.md' contains a link 'missing.md', but the target is not found" in side_by_side
    assert "error: MkDocs could not build the ar site" in side_by_side


def test_when_both_languages_fail_the_first_language_is_reported_as_when_built_one_after_the_other(built_project: Path):
    project = built_project  # built once before
    for lang in ("en", "ar"):
        (project / "docs" / lang / "methodology.md").write_text(BROKEN_PAGE, encoding="utf-8")
    alone, side_by_side = _failed_both_ways(project)
    assert side_by_side == alone
    assert "error: MkDocs could not build the en site" in side_by_side
    assert "mkdocs (ar)" not in side_by_side  # the build stopped at English, whichever finished first


def test_a_file_where_the_arabic_work_folder_goes_is_named_in_one_line_from_a_worker(built_project: Path):
    project = built_project  # built once before
    work = project / "build" / "ar"
    for child in sorted(work.rglob("*"), reverse=True):
        child.rmdir() if child.is_dir() else child.unlink()
    work.rmdir()
    work.write_text("not a folder\n", encoding="utf-8")
    alone, side_by_side = _failed_both_ways(project)
    assert side_by_side == alone
    assert side_by_side.splitlines()[-2].startswith(f"error: {work / 'docs'}: not a directory. A file stands where a folder is needed")


def test_a_worker_that_is_killed_is_a_build_error_that_says_so_not_a_wait():
    with pytest.raises(BuildError, match=r"^the process building the ar site was stopped by signal SIGKILL \(the system may have run out of memory\)\."):
        run_side_by_side(signal.raise_signal, [signal.SIGKILL], ["the ar site"], 2)


def build_or_die(job: str) -> str:
    """A worker's job: "die" ends its process as the system's out-of-memory killer would; any other builds for two minutes."""
    if job == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(120)
    return job


def test_a_worker_that_dies_is_named_by_its_own_language_while_an_earlier_one_still_builds():
    # The English worker is waited for first; the Arabic one dies meanwhile. The message names Arabic, and the
    # English worker is stopped rather than waited for.
    started = time.monotonic()
    with pytest.raises(BuildError, match=r"^the process building the ar site was stopped by signal SIGKILL \(the system may have run out of memory\)\."):
        run_side_by_side(build_or_die, ["build", "die"], ["the en site", "the ar site"], 2)
    assert time.monotonic() - started < 120


@pytest.mark.parametrize("given", ["0", "two", "-1"])
def test_jobs_must_be_a_whole_number_from_one(tmp_path: Path, given: str):
    result = run(*build_args(tmp_path, f"--jobs={given}"))
    assert result.code == 2
    assert "is not a number of processes; give a whole number from 1 up, e.g. 2" in result.err


# A hook of the site's configuration: MkDocs, in each worker, says that it runs, then builds for five minutes.
ENGINE_THAT_TAKES_LONG = """\
import os, time
from pathlib import Path

def on_pre_build(config):
    Path(os.environ["ENGINES_RUNNING"], str(os.getpid())).write_text(config.theme["language"], encoding="utf-8")
    time.sleep(300)
"""


@pytest.mark.parametrize("stop", ["ctrl+c", "sigterm"])
@pytest.mark.slow
def test_ctrl_c_or_sigterm_while_the_languages_build_stops_every_worker_at_once_and_leaves_no_build_folder(project: Path, tmp_path: Path, stop: str):
    (project / "take_long.py").write_text(ENGINE_THAT_TAKES_LONG, encoding="utf-8")
    (project / "mkdocs.yml").write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\nhooks: [take_long.py]\n", encoding="utf-8")
    running = tmp_path / "engines"
    running.mkdir()
    args = build_args(project, "--jobs", "2")
    args[args.index("--config") + 1] = str(project / "mkdocs.yml")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *args], cwd=REPO, env={**os.environ, "ENGINES_RUNNING": str(running)},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509 - a shell may have ignored it for us
    )
    try:
        for _ in range(3000):  # bounded wait until both languages' engines run, each in its worker
            if len(list(running.iterdir())) == 2:
                break
            time.sleep(0.05)
        assert sorted(path.read_text(encoding="utf-8") for path in running.iterdir()) == ["ar", "en"]
        if stop == "ctrl+c":
            os.killpg(process.pid, signal.SIGINT)  # Ctrl+C reaches the whole process group, as a terminal sends it
        else:
            os.kill(process.pid, signal.SIGTERM)  # a process manager stops the build alone, not its workers
        output, _ = process.communicate(timeout=60)  # not the engines' five minutes: the workers are stopped
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, output
    assert "Traceback" not in output
    for _ in range(50):  # the fork server may take a moment to go
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("a worker was left running")
    assert [path.name for path in project.iterdir() if path.name.startswith(".site-")] == []


FAKE_PAGEFIND = """\
import os, sys, time
from pathlib import Path
Path(sys.argv[1]).write_text(str(os.getpid()))
time.sleep(120)
"""


def test_a_data_file_that_cannot_be_written_while_pagefind_indexes_stops_pagefind_too(project: Path, tmp_path: Path):
    pid_file, fake = tmp_path / "pagefind.pid", tmp_path / "fake_pagefind.py"
    fake.write_text(FAKE_PAGEFIND, encoding="utf-8")

    def refused_export(context: BuildContext) -> None:
        for _ in range(600):  # bounded wait until the indexer runs
            if pid_file.exists() and pid_file.read_text():
                break
            time.sleep(0.05)
        raise BuildError("data/events.json: no space left on device")

    options = build_options(project, pagefind=(sys.executable, str(fake), str(pid_file)))
    result = run_build(options, after_steps=[Alongside("index_search", searching, (refused_export,))])
    assert result.code == 1
    assert result.lines[-2:] == ["error: data/events.json: no space left on device", f"build stopped: {project / 'site'}/ was left as it was."]
    assert not (project / "site").exists()
    pagefind = int(pid_file.read_text())
    for _ in range(50):  # killed at once; reaped by the build before it returned
        try:
            os.kill(pagefind, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(pagefind, signal.SIGKILL)
        pytest.fail("Pagefind was left running")
