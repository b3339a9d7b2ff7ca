"""Checking files in worker processes, with results in input order whatever the number of jobs.

Workers are forked: they inherit the loaded plugins, configuration and parse tables, so a
worker starts in milliseconds and nothing about the run has to be pickled but the file names
going out and each file's outcome coming back. Where fork is not available (or for a handful of
files, where starting workers costs more than it saves) the files are checked in this process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Outcome = TypeVar("Outcome")

# Below this many files a second process does not pay for its start.
MIN_FILES_FOR_WORKERS = 8

_work: Callable | None = None  # set in the parent just before forking; the workers inherit it


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask, e.g. a Slurm job's cgroup), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def uses_workers(jobs: int, count: int) -> bool:
    """Whether `ordered_map` checks `count` files in worker processes."""
    return min(jobs, count) > 1 and count >= MIN_FILES_FOR_WORKERS


def ordered_map(work: Callable[[Item], Outcome], items: Sequence[Item], jobs: int) -> Iterator[Outcome]:
    jobs = min(jobs, len(items))
    if not uses_workers(jobs, len(items)):
        yield from map(work, items)
        return
    import multiprocessing  # only runs that start workers pay for it
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    if "fork" not in multiprocessing.get_all_start_methods():
        yield from map(work, items)
        return
    global _work
    _work = work
    _share_with_workers()
    done = 0
    try:
        # Small chunks keep the workers evenly loaded (file sizes vary a hundredfold) while
        # amortising the round trips.
        chunk = max(1, min(16, len(items) // (jobs * 8)))
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            for outcome in pool.map(_call, items, chunksize=chunk):
                done += 1
                yield outcome
    except BrokenProcessPool:
        # A worker died (killed, out of memory): the files it had are checked here instead.
        yield from map(work, items[done:])
    finally:
        _work = None


def _share_with_workers() -> None:
    """Load what every worker would load for itself (the shell parsers' tables, libcst) once,
    before forking, and freeze it out of the garbage collector's sight: the workers then share
    those pages with this process instead of each holding a copy."""
    from . import gc_policy
    from .frontends import bashlex_frontend, treesitter_frontend

    bashlex_frontend.parse("true\n")
    treesitter_frontend.parse("true\n")
    try:
        import libcst  # noqa: F401 - most corpora have some Python; a worker would import it anyway
    except ImportError:
        pass
    gc_policy.freeze()


def _call(item):
    assert _work is not None
    return _work(item)
