"""When the cyclic garbage collector runs during a jobcheck run.

Checking a file builds hundreds of thousands of small objects that all stay alive until the
file (or, for the report, the run) is done, so collections every 700 new objects (Python's
default) find nearly nothing: on a 2 MB script they took 40% of the time. Runs over many small
files still want each file's cyclic garbage freed soon after it (a rare collection everywhere
grew the benchmark corpus peak from 206 to 257 MB).
"""

from __future__ import annotations

import contextlib
import gc

# New objects between collections of the youngest generation for any run: no memory cost on
# the benchmark corpus, a little time less.
RUN_THRESHOLD = 10_000
# From a file of this many characters on, the rest of the run collects only this rarely.
LARGE_FILE = 256 * 1024
LARGE_FILE_THRESHOLD = 200_000


def at_start() -> None:
    """Collect less often, and never look again at what start-up imported: it lives all run."""
    freeze()
    gc.set_threshold(RUN_THRESHOLD, *gc.get_threshold()[1:])


def for_file(size: int) -> None:
    if size >= LARGE_FILE and gc.get_threshold()[0] < LARGE_FILE_THRESHOLD:
        gc.set_threshold(LARGE_FILE_THRESHOLD, *gc.get_threshold()[1:])


@contextlib.contextmanager
def checking(size: int):
    """While one file of `size` characters is checked. A large file's check runs with the
    collector off: its model and views are millions of objects that live until the check ends,
    and every one of them would be scanned once or twice by the young collections (on the
    benchmark's 10 MB script that was 1.3 s of 13). Afterwards they are frozen rather than
    scanned (another 0.6 s): the engine drops the caches that tie them into reference cycles
    (JobScript.forget_derived, see Linter._forget_later), so reference counting frees them.
    Gives whether what the check allocates will be frozen."""
    for_file(size)
    if size < LARGE_FILE or not gc.isenabled():
        yield False
        return
    gc.disable()
    try:
        yield True
    finally:
        gc.freeze()
        gc.enable()


def freeze() -> None:
    """Move what exists now out of the collector's sight. Before forking workers this keeps the
    pages they share with this process shared: a collection would write to every object header."""
    gc.freeze()
