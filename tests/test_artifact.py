"""`serve-artifact`: a pull request's preview served on an origin of its own (127.0.0.1:8001), never `make serve`'s 8000."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, run
from test_serve import free_port


def test_port_8000_is_refused_with_the_reason(tmp_path: Path):
    result = run("serve-artifact", str(tmp_path), "--port", "8000")
    assert result.code == 2
    assert result.err.startswith("error: serve the preview on a port of its own, not 8000: 8000 is `make serve`'s")


def test_a_zip_whose_member_would_land_outside_its_folder_is_refused(tmp_path: Path):
    archive = tmp_path / "site-preview.zip"
    with zipfile.ZipFile(archive, "w") as written:
        written.writestr("index.html", "<p>site</p>")
        written.writestr("../escaped.html", "<p>no</p>")
    result = run("serve-artifact", str(archive), "--port", str(free_port()))
    assert result.code == 2
    assert "the member '../escaped.html' would be written outside the folder" in result.err
    assert not (tmp_path.parent / "escaped.html").exists()


def test_a_file_that_is_no_zip_or_no_site_is_named(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    assert "is not a zip file" in run("serve-artifact", str(tmp_path / "notes.txt")).err
    assert "has no index.html at its top, so it is not a built site" in run("serve-artifact", str(tmp_path)).err


@pytest.mark.slow
def test_the_downloaded_zip_is_served_at_its_own_port_and_removed_after(tmp_path: Path, built_site: Path):
    archive = tmp_path / "site-preview.zip"
    with zipfile.ZipFile(archive, "w") as written:  # as GitHub packs an artifact: the site's files at the top
        for path in built_site.rglob("*"):
            if path.is_file():
                written.write(path, path.relative_to(built_site).as_posix())
    port = free_port()
    environment = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve-artifact", str(archive), "--port", str(port)],
        cwd=tmp_path, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == f"serving the pull request's preview at http://127.0.0.1:{port}/ (Ctrl+C to stop)\n"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=10) as answer:
            assert answer.status == 200 and '<html lang="en"' in answer.read().decode("utf-8")
        assert list(tmp_path.glob("site-preview-*"))  # extracted beside, not into the project
    finally:
        process.terminate()
        assert process.wait(timeout=15) in (0, 130)
    time.sleep(0.1)
    assert not list(tmp_path.glob("site-preview-*"))
    assert "Traceback" not in (process.stderr.read() if process.stderr else "")
