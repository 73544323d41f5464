"""The commands that change events.yaml (`new-event --append`, `new-source --append`, `links --archive --write`)
replace it all at once: a full disk leaves it as it was, and it keeps its byte-order mark, line endings and mode.

A full disk is a size limit on the files a process writes (RLIMIT_FSIZE, the shell's `ulimit -f`), set in a
child process: its writes past the limit fail with EFBIG, as they would with ENOSPC on a full disk.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.tools import links

from conftest import REPO, START, event, run, serve_folder

LIMIT = 8192  # bytes a process may write to a file
PADDING = "".join(f"# A note kept at the top of the file, line {number:03d}, to make it larger than the limit.\n" for number in range(250))
SNAPSHOT = "https://web.archive.org/web/20251211000000/article"
# What each command is given; links finds its page and the Wayback Machine on a local server (`{server}`).
COMMANDS = {
    "new-event": ("new-event", "--append"),
    "new-source": ("new-source", "https://hyper.ai/ar/headlines/7c91", "--append", "--no-fetch"),
    "links": ("links", "--archive", "--write", "--no-cache", "--delay", "0", "--timeout", "5", "--allow-local"),
}


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The cited article and the Wayback Machine's answer, as files on a local server."""
    folder = tmp_path / "web"
    (folder / "wayback").mkdir(parents=True)
    (folder / "article.html").write_text("<html><body><p>Meta is moving away from open models.</p></body></html>", encoding="utf-8")
    answer = {"archived_snapshots": {"closest": {"available": True, "status": "200", "url": SNAPSHOT}}}
    (folder / "wayback" / "available").write_text(json.dumps(answer), encoding="utf-8")
    with serve_folder(folder) as address:
        monkeypatch.setattr(links, "WAYBACK_API", f"{address}/wayback/available")
        yield address


def timeline(server: str) -> str:
    return START.replace("https://www.example.com/meta", f"{server}/article.html") + event()


def run_with_a_full_disk(project: Path, server: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """The command in a child process that may write no more than LIMIT bytes to a file."""

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails (EFBIG) instead of killing the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))

    program = (
        "import sys\nfrom generator.tools import links\nfrom generator.__main__ import main\n"
        f"links.WAYBACK_API = {server + '/wayback/available'!r}\nsys.exit(main(sys.argv[1:]))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", program, *argv], cwd=project, env={**os.environ, "PYTHONPATH": str(REPO)},
        preexec_fn=limited, capture_output=True, text=True, timeout=300, check=False,
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_with_a_full_disk_the_file_is_left_as_it_was_and_the_maintainer_is_told(command, tmp_path, monkeypatch, server):
    project = tmp_path / "project"
    project.mkdir()
    path = project / "events.yaml"
    path.write_text(PADDING + timeline(server), encoding="utf-8")
    before = path.read_bytes()
    assert len(before) > 2 * LIMIT

    result = run_with_a_full_disk(project, server, *COMMANDS[command])

    assert result.returncode == 2, result.stderr
    assert result.stderr.endswith(
        "error: events.yaml was not changed: its new version could not be written (File too large). "
        "Check that the disk has free space and that the folder can be written to, then run the command again.\n"
    )
    assert "internal error" not in result.stderr
    assert path.read_bytes() == before  # whole, not cut short at the limit
    assert sorted(entry.name for entry in project.iterdir()) == ["events.yaml"]  # no temporary file left beside it
    # With room on the disk, the same command changes the file.
    monkeypatch.chdir(project)
    assert run(*COMMANDS[command]).code == 0
    assert path.read_bytes() != before


@pytest.mark.parametrize("command", COMMANDS)
def test_the_changed_file_keeps_its_byte_order_mark_line_endings_and_mode(command, tmp_path, monkeypatch, server):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "events.yaml"
    # Written on Windows: a byte-order mark and CRLF line endings.
    before = ("\ufeff" + timeline(server).replace("\n", "\r\n")).encode("utf-8")
    path.write_bytes(before)
    path.chmod(0o640)

    result = run(*COMMANDS[command])

    assert result.code == 0, result.err
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.count(b"\n") == after.count(b"\r\n") > before.count(b"\r\n")  # every line, old and new, ends in CRLF
    if command == "new-event":
        assert after.startswith(before)  # appended: every existing byte kept
    if command == "links":
        assert f"    archive_url: {SNAPSHOT}\r\n".encode() in after
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert run("check", "events.yaml").code == 0


def test_a_linked_events_file_stays_a_link(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "events.yaml").write_text(START + event(), encoding="utf-8")
    Path("events.yaml").symlink_to(shared / "events.yaml")

    assert run("new-event", "--append").code == 0

    assert Path("events.yaml").is_symlink()
    assert "new-event-" in (shared / "events.yaml").read_text(encoding="utf-8")
    assert sorted(entry.name for entry in shared.iterdir()) == ["events.yaml"]
