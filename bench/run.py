"""Benchmarks: each reports ratios against a baseline measured in the same run.

Absolute seconds depend on the machine; ratios do not (much). Growth is
measured as x(10n) / x(n): about 10 means linear.

- check: against PyYAML composing the same file with the C loader, the least
  any checker must do.
- build: the whole `build` (both languages, every page) against a plain MkDocs
  build, with the same shared configuration, of as many one-paragraph pages as
  the build renders; and the size of the output, which must grow linearly
  with the events (a navigation listing every event page would not).

    python bench/run.py [--events 300] [--repeat 5] [--skip-build]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.build import BuildOptions, build  # noqa: E402
from generator.checker import check_text  # noqa: E402

from synthetic import events_yaml  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


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


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def timed_build(events: int, scratch: Path) -> tuple[float, int, int]:
    """(seconds, bytes of output, number of HTML pages) of one full build."""
    folder = scratch / f"build-{events}"
    folder.mkdir()
    (folder / "events.yaml").write_text(events_yaml(events), encoding="utf-8")
    options = BuildOptions(
        events=folder / "events.yaml", docs=REPO / "docs", config=REPO / "mkdocs.yml", site=folder / "site", work=folder / "work"
    )
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        result = build(options, out=io.StringIO())
    seconds = time.perf_counter() - started
    assert result.ok, f"the benchmark build of {events} events failed"
    site = folder / "site"
    return seconds, folder_size(site), sum(1 for _ in site.rglob("*.html"))


def timed_plain_mkdocs(pages: int, scratch: Path) -> float:
    """A plain MkDocs build of `pages` short pages with the shared configuration, no navigation."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    folder = scratch / f"plain-{pages}"
    docs = folder / "docs"
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    for number in range(pages):
        (docs / "pages" / f"page-{number}.md").write_text(f"# Page {number}\n\nA paragraph of text.\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: docs\nsite_dir: site\nnav: [index.md]\n", encoding="utf-8")
    started = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()):
        mkdocs_build(load_config(config_file=str(config)))
    return time.perf_counter() - started


def bench_build(events: int) -> list[str]:
    lines = []
    rows = []
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        for count in (events, events * 10):
            seconds, size, pages = timed_build(count, scratch)
            baseline = timed_plain_mkdocs(pages, scratch)
            rows.append((seconds, size))
            lines.append(
                f"build: {count} events, {pages} HTML pages: {seconds / baseline:.2f}x a plain MkDocs build of as many pages; "
                f"{size / count / 1024:.0f} KiB of output per event"
            )
            shutil.rmtree(scratch / f"build-{count}")
    (small_seconds, small_size), (large_seconds, large_size) = rows
    lines.append(f"build growth for 10x events: time {large_seconds / small_seconds:.1f}x, output size {large_size / small_size:.1f}x")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-build", action="store_true", help="only the checker benchmark")
    args = parser.parse_args()
    for line in bench_check(args.events, args.repeat):
        print(line, flush=True)
    if not args.skip_build:
        for line in bench_build(args.events):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
