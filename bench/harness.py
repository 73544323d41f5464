"""One measured build, in its own process: `python bench/harness.py build FOLDER [JOBS]` or `plain FOLDER PAGES`.

Run by bench/run.py, one process per build, so that each build starts cold
and its peak memory is its own (the parent reads it from wait4). Prints one
line of JSON.

- `build FOLDER`: the whole `generator build` of FOLDER/events.yaml into
  FOLDER/site (work folder FOLDER/work), with the time of each phase. The
  phases are those the build times itself (`BuildResult.phases`: checking,
  rendering, the engine per language, the pages written through page shells,
  each step after the engine). The languages are built side by side (JOBS:
  `BuildOptions.jobs`, automatic unless given): "languages" is the wall time
  of that part and "workers" the longest wait for a worker to start; the
  other phases are the time each piece took where it ran, summed over the
  languages (so they may add up to more than the wall time). Pagefind's
  phase is its wall time, the data files being written meanwhile.
- `plain FOLDER PAGES`: the baseline, a plain MkDocs + Material build with the
  shared configuration of PAGES one-paragraph pages, no navigation.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# What the generator does itself, as opposed to MkDocs and Pagefind: writing the event and entity
# pages through their page shells ("pages") is ours too. Its CPU work, wherever it ran (in the workers too).
OWN_PHASES = ("check", "prepare", "pages", "after")
# The side-by-side part's wall time and the workers' start: not work of their own, shown apart.
PARALLEL_PHASES = ("languages", "workers")


def _timed(phases: dict[str, float], name: Callable[..., str] | str, function: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            phases[name(*args) if callable(name) else name] += time.perf_counter() - started

    return timed


def measure_build(folder: Path, jobs: int | None = None) -> dict[str, Any]:
    from generator.build.context import BuildOptions
    from generator.build.pipeline import build

    options = BuildOptions(
        events=folder / "events.yaml", docs=REPO / "docs", config=REPO / "mkdocs.yml", site=folder / "site", work=folder / "work", jobs=jobs,
    )
    log = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        result = build(options, out=log)
    seconds = time.perf_counter() - started
    _stop_fork_server()
    # The build times its own phases (BuildResult.phases); named here as the table names them.
    phases: dict[str, float] = defaultdict(float)
    for name, spent in result.phases.items():
        if name.startswith("engine:"):
            phases[f"mkdocs_{name.split(':', 1)[1]}"] += spent
        elif name == "index_search":
            phases["pagefind"] += spent
        elif name in ("check", "render"):
            phases["check" if name == "check" else "prepare"] += spent
        elif name in ("pages", *PARALLEL_PHASES):
            phases[name] += spent
        else:
            phases["after"] += spent
    return {"ok": result.ok, "seconds": seconds, "phases": dict(phases), "log": log.getvalue()[-2000:]}


def _stop_fork_server() -> None:
    """Wait for the build's fork server, which waited for its workers: so the peak RSS that bench/run.py reads
    (wait4 of this process, over the descendants waited for) covers the workers too."""
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if callable(stop):
        stop()


def measure_plain(folder: Path, pages: int) -> dict[str, Any]:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

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
    return {"ok": True, "seconds": time.perf_counter() - started}


def main(argv: list[str]) -> int:
    mode, folder = argv[0], Path(argv[1])
    if mode == "build":
        result = measure_build(folder, int(argv[2]) if len(argv) > 2 else None)
    else:
        result = measure_plain(folder, int(argv[2]))
    print(json.dumps(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
