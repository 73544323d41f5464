"""One measured build, in its own process: `python bench/harness.py build|plain FOLDER [PAGES]`.

Run by bench/run.py, one process per build, so that each build starts cold
and its peak memory is its own (the parent reads it from wait4). Prints one
line of JSON.

- `build FOLDER`: the whole `generator build` of FOLDER/events.yaml into
  FOLDER/site (work folder FOLDER/work), with the time of each phase. The
  phases are timed from outside, by wrapping the functions that
  `generator.build.build` calls (checking, preparing the pages, MkDocs per
  language, the steps after MkDocs): nothing in the generator is changed.
  A function that a later version renames is simply not timed (its phase
  is missing from the output, and the table says "n/a").
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

# What the generator does itself, as opposed to MkDocs and Pagefind.
OWN_PHASES = ("check", "prepare", "after")


def _timed(phases: dict[str, float], name: Callable[..., str] | str, function: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            phases[name(*args) if callable(name) else name] += time.perf_counter() - started

    return timed


def measure_build(folder: Path) -> dict[str, Any]:
    import generator.build as build_module

    phases: dict[str, float] = defaultdict(float)
    wrapped = {
        "check_file": "check",
        "prepare_docs": "prepare",  # renders the pages and writes them
        "language_config": "prepare",
        "write_root": "prepare",
    }
    for function, phase in wrapped.items():
        if hasattr(build_module, function):
            setattr(build_module, function, _timed(phases, phase, getattr(build_module, function)))
    if hasattr(build_module, "run_mkdocs"):
        build_module.run_mkdocs = _timed(phases, lambda lang, *rest: f"mkdocs_{lang}", build_module.run_mkdocs)
    steps = getattr(build_module, "AFTER_STEPS", [])
    for index, step in enumerate(steps):
        steps[index] = _timed(phases, "pagefind" if getattr(step, "__name__", "") == "index_search" else "after", step)
    options = build_module.BuildOptions(
        events=folder / "events.yaml", docs=REPO / "docs", config=REPO / "mkdocs.yml", site=folder / "site", work=folder / "work"
    )
    log = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        result = build_module.build(options, out=log)
    seconds = time.perf_counter() - started
    return {"ok": result.ok, "seconds": seconds, "phases": dict(phases), "log": log.getvalue()[-2000:]}


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
    result = measure_build(folder) if mode == "build" else measure_plain(folder, int(argv[2]))
    print(json.dumps(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
