"""Benchmarks: each reports ratios against a baseline measured in the same run.

Absolute seconds depend on the machine; ratios do not (much). The baseline for
the checker is PyYAML composing the same file with the C loader: the least any
checker must do. Growth is measured as time(10n) / time(n): about 10 means linear.

    python bench/run.py [--events 300] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic import events_yaml  # noqa: E402

from generator.validate import check_text  # noqa: E402


def best_of(repeat: int, work: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def compose_baseline(text: str) -> object:
    return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def bench_check(events: int, repeat: int) -> list[str]:
    small, large = events_yaml(events), events_yaml(events * 10)
    assert not check_text(small).errors and not check_text(large).errors
    rows = []
    for label, text in ((f"{events} events", small), (f"{events * 10} events", large)):
        baseline = best_of(repeat, lambda text=text: compose_baseline(text))
        checked = best_of(repeat, lambda text=text: check_text(text))
        rows.append((label, baseline, checked))
    (_, base_small, check_small), (_, base_large, check_large) = rows
    lines = [f"check: {label}: {checked / baseline:.2f}x the YAML compose baseline" for label, baseline, checked in rows]
    lines.append(f"check growth for 10x events: {check_large / check_small:.1f}x (baseline grew {base_large / base_small:.1f}x)")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for line in bench_check(args.events, args.repeat):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
