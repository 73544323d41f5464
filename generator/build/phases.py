"""The seconds a build spends in each phase (BuildResult.phases), as benchmarks read them."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager


@contextmanager
def timed(phases: dict[str, float], name: str) -> Iterator[None]:
    """Add the block's wall time to the phase `name` (it may run several times: the times add up)."""
    started = time.perf_counter()
    try:
        yield
    finally:
        phases[name] = phases.get(name, 0.0) + time.perf_counter() - started


def add_phases(phases: dict[str, float], more: Mapping[str, float]) -> None:
    """Add phases measured elsewhere (in a worker process) to the build's."""
    for name, seconds in more.items():
        phases[name] = phases.get(name, 0.0) + seconds
