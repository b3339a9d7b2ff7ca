"""When the cyclic garbage collector runs during a command-line run (or in the language server's
process). Only the CLI's entry point and run loop (`cli.main`, `run._one`, `parallel`) and the
server's `serve` call these: the garbage collector belongs to the process, so the library
(`Linter`, `jobcheck.testing`) never changes it for its caller.

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
    """While the run checks (or fixes) one file of about `size` characters. A large file's
    check runs with the collector off: its model is millions of objects that live until the
    check ends, and the young collections would scan every one of them once or twice for
    nothing. By the time the collector comes back on, the model is freed (the run keeps only the
    findings, and drops the model's derived caches, its cycles, first); a collection frees any
    cyclic garbage left."""
    for_file(size)
    if size < LARGE_FILE or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def freeze() -> None:
    """Move what exists now out of the collector's sight. Before forking workers this keeps the
    pages they share with this process shared: a collection would write to every object header."""
    gc.freeze()
