"""Independent pieces of work side by side in worker processes (a ProcessPoolExecutor), their results in the order given.

The build uses it for its languages (generator/build/languages.py): each builds
in a process of its own, so that the machine's cores share the work. The
workers are started by a fork server (never by `fork` from the calling
process, which may have threads: `serve` has its server's and timers'); it
imports the engine once, and each worker is forked from it ready to build.

What a worker does must be a module-level function of one picklable
argument, returning a picklable result. The model's read-only mappings
(MappingProxyType, which pickle refuses) cross as copies that are read-only
again, by this module's own pickler: pickling elsewhere is left as it is.
A worker that dies (killed, out of memory) is a `BuildError` that says so,
never a wait that does not end; Ctrl+C or an error of the caller stops every
worker before it returns.
"""

from __future__ import annotations

import copyreg
import io
import multiprocessing
import os
import pickle
import signal
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from generator.data.errors import BuildError

Job = TypeVar("Job")
Result = TypeVar("Result")

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
    started: float  # seconds from the job's submission to the start of its work: the cost of starting a worker


def run_side_by_side(
    work: Callable[[Job], Result], jobs: Sequence[Job], names: Sequence[str], workers: int,
    enough: Callable[[Result], bool] = lambda result: False,
) -> list[Done[Result] | None]:
    """`work(job)` for every job, at most `workers` at a time, each in a worker process; the results in the order of `jobs`.

    `enough(result)`: the results of the jobs after this one are not needed (it failed): the workers are stopped
    and their places are None. `names` name the jobs in the message about a worker that died.
    """
    if not jobs:
        return []
    context = multiprocessing.get_context("forkserver")  # never "fork": the caller may have threads
    context.set_forkserver_preload(list(PRELOAD))
    # Which worker process took each job (0: none yet), written by the worker: a worker that dies is named by its job.
    taken_by = context.Array("i", len(jobs), lock=False)
    done: list[Done[Result] | None] = [None] * len(jobs)
    initargs = (os.getcwd(), dict(os.environ), taken_by)
    with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context, initializer=_start_worker, initargs=initargs) as pool:
        # The pool's workers by their process ids, as the pool starts them. ProcessPoolExecutor stops a worker only
        # once its work is done (kill_workers() comes with Python 3.14) and tells no worker's exit code: its own
        # `_processes` hold both.
        worker_processes: Mapping[int, BaseProcess] = pool._processes
        try:
            submitted, futures = [], []
            for index, job in enumerate(jobs):
                submitted.append(time.time())
                futures.append(pool.submit(_work_in_worker, work, index, _dumps(job)))
            # A last call that does nothing, for Python 3.11's pool: `submit` wakes the pool's manager thread before it
            # starts a new worker, which the manager then does not watch until something else wakes it, so that the
            # death of the last worker started would go unnoticed until another worker's result came. Every worker
            # is started now; this call starts none.
            pool.submit(int)
            for index, future in enumerate(futures):
                result, began = future.result()
                done[index] = job_done = Done(pickle.loads(result), max(0.0, began - submitted[index]))
                if enough(job_done.result):
                    break
            else:
                return done
        except BrokenProcessPool:
            pool.shutdown()  # the pool stops the other workers: wait for it, so that every exit code is known
            raise BuildError(_died(names, done, list(taken_by), worker_processes)) from None
        except BaseException:  # Ctrl+C (or SIGTERM, raised as it) or an error: the workers are not needed
            _kill(worker_processes)
            raise
        _kill(worker_processes)  # a job failed: the later jobs are not needed
    return done


def _kill(workers: Mapping[int, BaseProcess]) -> None:
    for worker in list(workers.values()):
        if not wait([worker.sentinel], 0):  # not ended (an ended one's process id may be another process's by now)
            worker.kill()


def _died(names: Sequence[str], done: Sequence[object], taken_by: Sequence[int], workers: Mapping[int, BaseProcess]) -> str:
    """Which worker died, by an unfinished job's: the one that ended by itself, not by the SIGTERM with which the
    pool then stopped the others; else the first unfinished job."""
    unfinished = [index for index in range(len(names)) if done[index] is None]
    ended = [(index, workers[taken_by[index]].exitcode) for index in unfinished if taken_by[index] in workers]
    index, exitcode = next(
        ((index, code) for index, code in ended if code != -signal.SIGTERM),
        ended[0] if ended else (unfinished[0] if unfinished else 0, None),
    )
    if exitcode is None:
        how = "ended without a result"
    elif exitcode < 0:
        try:
            how = f"was stopped by signal {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"was stopped by signal {-exitcode}"
    else:
        how = f"ended without a result (exit code {exitcode})"
    killed = " (the system may have run out of memory)" if exitcode == -signal.SIGKILL else ""
    return f"the process building {names[index]} {how}{killed}. Build again; with --jobs 1 everything is built in one process."


# -- in the worker ---------------------------------------------------------------------------------

_taken_by: Any = None  # the caller's `taken_by`, in a worker


def _start_worker(folder: str, environment: dict[str, str], taken_by: Any) -> None:
    """Once in each worker, before any job: the caller's folder and environment, Ctrl+C left to the caller (which stops us).

    A worker is forked from the fork server, which started with the folder and environment of the first build of
    this process (`serve` builds many): the build's own are set here, once, in the worker alone.
    """
    global _taken_by
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.chdir(folder)
    os.environ.clear()
    os.environ.update(environment)
    _taken_by = taken_by


def _work_in_worker(work: Callable[[Any], Any], index: int, job: bytes) -> tuple[bytes, float]:
    began = time.time()
    _taken_by[index] = os.getpid()
    return _dumps(work(pickle.loads(job))), began


# -- pickling -----------------------------------------------------------------------------------------


def _read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


def _copy_read_only(mapping: MappingProxyType[Any, Any]) -> tuple[Callable[[dict[Any, Any]], MappingProxyType[Any, Any]], tuple[dict[Any, Any]]]:
    return _read_only, (dict(mapping),)


def _dumps(value: object) -> bytes:
    """`value` pickled, its read-only mappings as copies that are read-only again when loaded (by plain `pickle.loads`)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: _copy_read_only}  # this pickler's alone
    pickler.dump(value)
    return buffer.getvalue()
