"""The benchmarks keep running (they report ratios; no test asserts a time)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_benchmark_runs_and_reports_ratios():
    result = subprocess.run(
        [sys.executable, "bench/run.py", "--events", "5", "--repeat", "1"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "x the YAML compose baseline" in result.stdout
    assert "check growth for 10x events" in result.stdout
    assert "x a plain MkDocs build of as many pages" in result.stdout
    assert "build growth for 10x events" in result.stdout
