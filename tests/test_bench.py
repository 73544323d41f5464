"""The benchmark keeps running: its smallest mode prints every row and ratio (no test asserts a time)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

from generator.data.checker import check_text  # noqa: E402
from generator.data.dates import parse_date  # noqa: E402

from synthetic import events_yaml  # noqa: E402

# A whole story in other processes: `make test` runs it, the quick loop (`make test-fast`) leaves it out.
pytestmark = pytest.mark.slow


def test_synthetic_timelines_pass_the_checker_and_do_not_repeat_their_text():
    text = events_yaml(200)
    assert not check_text(text).errors
    assert events_yaml(200) == text  # the same file every time
    events = yaml.safe_load(text)["events"]
    for lang in ("en", "ar"):
        summaries = [event["summary"][lang] for event in events]
        assert len(set(summaries)) == len(summaries)
    dates = [parse_date(line.removeprefix("    date: ")) for line in text.splitlines() if line.startswith("    date: ")]
    assert {date.precision.value for date in dates} >= {"day", "month", "quarter", "season", "year"}
    assert any(date.circa for date in dates)
    assert len({date.start.year for date in dates}) >= 5


def test_benchmark_smoke_mode_prints_the_tables_and_ratios(tmp_path):
    output = tmp_path / "latest.md"
    result = subprocess.run([sys.executable, "bench/run.py", "--smoke", "--output", str(output)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    table = result.stdout
    assert (
        "| events | build | own share (CPU of check + render + pages + data files, ÷ build) | languages side by side (workers' start)"
        " | MkDocs en | MkDocs ar | Pagefind | peak RSS | bytes per event |"
    ) in table
    assert "\n| 5 | " in table
    for row in (
        "`serve`, edit one event → that page changed, at 5",
        "whole bilingual build ÷ plain MkDocs + Material of as many pages",
        "whole build ms/event ÷ Hugo ms/page",
        "generator's own share of the build, at 5",
        "bytes per event, at 5",
        "first visit",
        "`check` at 50 ÷ C-loader compose",
    ):
        assert row in table, row
    assert table.count("×") >= 3  # the ratios are printed, whatever their values
    assert output.read_text(encoding="utf-8") == table
