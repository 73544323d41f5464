"""Run independent pieces of work side by side in worker processes, their results in the order given.

The build uses it for its languages (generator/build/pipeline.py): each builds in a
process of its own, so that the machine's cores share the work. The workers
are started by a fork server (never by `fork` from the calling process, which
may have threads: `serve` has its server's and timers'); it imports the
engine once, and each worker is forked from it ready to build. A worker runs
in the caller's folder and environment as they are when it starts (the fork
server's are those of its own start).

What a worker does must be a module-level function of one picklable
argument, returning a picklable result. A worker that dies (killed, out of
memory) is a `BuildError` that says so, never a wait that does not end;
Ctrl+C or an error of the caller stops every worker before it returns.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from generator.data.errors import BuildError

Job = TypeVar("Job")
Result = TypeVar("Result")


def _read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


def _reduce_read_only(mapping: MappingProxyType[Any, Any]) -> tuple[Callable[[dict[Any, Any]], MappingProxyType[Any, Any]], tuple[dict[Any, Any]]]:
    return _read_only, (dict(mapping),)


# The model's read-only mappings (model.py, labels.py) cross to and from workers as copies, read-only again;
# registered with multiprocessing's pickler only, so pickling elsewhere is left as it is.
ForkingPickler.register(MappingProxyType, _reduce_read_only)

# Imported once by the fork server, so that each worker starts with the engine loaded.
PRELOAD = ("generator.build", "mkdocs.commands.build", "mkdocs.config", "material")


def cores() -> int:
    """The cores this process may run on (its CPU affinity, e.g. a container's share), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def processes(jobs: int | None, pieces: int) -> int:
    """How many workers for `pieces` pieces of work: `jobs` when given, else one per core; 1 means no worker at all."""
    wanted = cores() if jobs is None else max(1, jobs)
    return max(1, min(wanted, pieces))


@dataclass(frozen=True)
class Done(Generic[Result]):
    result: Result
    started: float  # seconds from the worker's launch to the start of its work: the cost of starting a worker


def run_side_by_side(
    work: Callable[[Job], Result], jobs: Sequence[Job], names: Sequence[str], workers: int,
    enough: Callable[[Result], bool] = lambda result: False,
) -> list[Done[Result] | None]:
    """`work(job)` for every job, at most `workers` at a time, each in its own process; the results in the order of `jobs`.

    `enough(result)`: the results of the jobs after this one are not needed (it failed): those still running are
    stopped and their places are None. `names` name the jobs in the message about a worker that died.
    """
    context = multiprocessing.get_context("forkserver")  # never "fork": the caller may have threads
    context.set_forkserver_preload(list(PRELOAD))
    done: list[Done[Result] | None] = [None] * len(jobs)
    waiting = list(range(len(jobs)))
    running: dict[Connection, tuple[int, BaseProcess, float]] = {}
    last = len(jobs)  # jobs from this index on are not needed
    try:
        while running or any(index < last for index in waiting):
            while waiting and len(running) < workers:
                index = waiting.pop(0)
                if index >= last:
                    continue
                reader, writer = context.Pipe(duplex=False)
                worker = context.Process(target=_worker, args=(writer, work, jobs[index], os.getcwd(), dict(os.environ)), daemon=True)
                launched = time.time()
                worker.start()
                writer.close()  # ours: the reader sees the end of the pipe when the worker is gone
                running[reader] = (index, worker, launched)
            for ready in wait(list(running)):
                assert isinstance(ready, Connection)
                if ready not in running:  # stopped meanwhile: an earlier job's result made it unneeded
                    continue
                index, finished, launched = running.pop(ready)
                try:
                    outcome, value, began = ready.recv()
                except EOFError:
                    finished.join()
                    raise BuildError(_died(names[index], finished.exitcode)) from None
                finally:
                    ready.close()
                finished.join()
                if outcome == "raised":
                    raise value
                done[index] = Done(value, max(0.0, began - launched))
                if enough(value) and index < last:
                    last = index
                    for other in [reader for reader, (later, _, _) in running.items() if later > index]:
                        _, stopped, _ = running.pop(other)
                        _stop(stopped)
                        other.close()
    finally:
        for left, (_, unfinished, _) in running.items():
            _stop(unfinished)
            left.close()
    return done


def _stop(process: BaseProcess) -> None:
    process.kill()
    process.join()


def _died(name: str, exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            how = f"was stopped by signal {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"was stopped by signal {-exitcode}"
    else:
        how = f"ended without a result (exit code {exitcode})"
    killed = " (the system may have run out of memory)" if exitcode == -signal.SIGKILL else ""
    return f"the process building {name} {how}{killed}. Build again; with --jobs 1 everything is built in one process."


def _worker(connection: Connection, work: Callable[[Any], Any], job: Any, folder: str, environment: dict[str, str]) -> None:
    """One piece of work in a worker: the caller's folder and environment, Ctrl+C left to the caller (which stops us)."""
    began = time.time()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.chdir(folder)
    os.environ.clear()
    os.environ.update(environment)
    try:
        message: tuple[str, Any, float] = ("returned", work(job), began)
    except Exception as error:  # noqa: BLE001 - a bug, raised again in the caller
        message = ("raised", error, began)
    try:
        connection.send(message)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        connection.send(("raised", RuntimeError(f"a worker's result could not be sent back: {error}"), began))
    connection.close()
