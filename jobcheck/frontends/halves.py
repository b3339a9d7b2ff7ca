"""A large script parsed by two processes, a part each.

tree-sitter parses about 5 MB a second, and turning its tree into raw commands takes about as
long again. For a large script a forked child does both for the second part while this process
does the first and builds its commands; the child sends its raw commands back as plain numbers
and strings (marshal).

The text is cut at the start of a line near the middle that looks like a statement boundary at
the top level, and the cut is kept only when both halves parse without a syntax error: a cut
inside a quoted string, a heredoc, a compound command, a continued line or a pipeline leaves
the first half unfinished, which tree-sitter reports as an error. Otherwise (and whenever
anything fails) the caller parses the whole text in one piece, as for any other file.
"""

from __future__ import annotations

import marshal
import os
import re

from ..forking import fork_with_pipe, read_all, stop, write_all
from .raw import RawCommand, prebuild
from .treesitter_frontend import parse_range

MIN_BYTES = 1024 * 1024
# This process's part of the text. It also builds its part's commands while the child parses,
# which evens out the two on the benchmark's 10 MB script.
PARENT_SHARE = 0.45
# How far past the middle to look for a line to cut at, and how many lines to weigh there.
SEARCH_BYTES = 256 * 1024
MAX_TRIES = 64
# A line that may start a top-level statement: no indentation, not a comment, not a closing word.
STATEMENT_START_RE = re.compile(rb"\n(?=[A-Za-z_./$])")
CONTINUED_END = (b"\\", b"|", b"&&", b"||", b"(", b"{", b"do", b"then", b"else", b"in")
HEREDOC_RE = re.compile(rb"<<-?[ \t]*[\"']?([A-Za-z_][A-Za-z0-9_]*)")


def parse_in_two(data: bytes, at, text: str) -> tuple[list[RawCommand], bool] | None:
    """The raw commands of all of `data` (the encoded `text`), or None when it was not parsed
    in two parts. The first part's commands come already built (raw.prebuild)."""
    if len(data) < MIN_BYTES or not hasattr(os, "fork"):
        return None
    cut = cut_point(data, PARENT_SHARE)
    if cut is None:
        return None
    forked = fork_with_pipe(lambda results_write: _child(data, at, cut, results_write))
    if forked is None:
        return None
    pid, results_read = forked
    finished = False
    try:
        first, first_error = parse_range(data, at, (0, cut))
        if first_error:
            return None  # the cut was not a statement boundary; the finally clause stops the child
        prebuild(text, first)  # while the child still parses its larger part
        payload = read_all(results_read)
        finished = os.waitpid(pid, 0)[1] == 0
    finally:
        os.close(results_read)
        if not finished:
            stop(pid)
    if not finished:
        return None
    second_error, flat = marshal.loads(payload)
    if second_error:
        return None
    return first + [RawCommand(*fields) for fields in flat], False


def cut_point(data: bytes, share: float = 0.5) -> int | None:
    """A line start near `share` of the text that likely begins a top-level statement. At most
    MAX_TRIES lines are weighed, each with a bounded look back, so the search stays linear in
    the text whatever it holds; a heredoc body is skipped whole."""
    position = int(len(data) * share)
    limit = min(len(data), position + SEARCH_BYTES)
    for _ in range(MAX_TRIES):
        match = STATEMENT_START_RE.search(data, position, limit)
        if match is None:
            return None
        cut = position = match.end()
        previous = data[data.rfind(b"\n", 0, cut - 1) + 1:cut - 1].rstrip(b"\r \t")
        if previous.endswith(CONTINUED_END) or previous.lstrip().startswith(b"#"):
            continue
        line_end = data.find(b"\n", cut)
        if _odd_quotes(previous) or _odd_quotes(data[cut:line_end if line_end >= 0 else len(data)]):
            continue  # likely a line of a quoted string that spans lines
        body_end = _open_heredoc_end(data, cut, limit)
        if body_end is not None:
            position = body_end - 1  # inside a heredoc: go on from its terminator line's end
            continue
        return cut
    return None


def _odd_quotes(line: bytes) -> bool:
    line = line.replace(b"\\\\", b"").replace(b"\\'", b"").replace(b'\\"', b"")
    return line.count(b"'") % 2 == 1 or line.count(b'"') % 2 == 1


def _open_heredoc_end(data: bytes, cut: int, limit: int) -> int | None:
    """None when the last heredoc opened before `cut` was closed before it; else where its
    terminator line ends (`limit` when it is not closed before `limit`)."""
    start = data.rfind(b"<<", 0, cut)
    match = HEREDOC_RE.match(data, start) if start >= 0 else None
    if match is None:
        return None
    terminator = re.compile(rb"\n[ \t]*" + re.escape(match.group(1)) + rb"\r?(?:\n|\Z)")
    found = terminator.search(data, match.end(), limit)
    if found is not None and found.end() <= cut:
        return None
    return found.end() if found is not None else limit


def _child(data: bytes, at, cut: int, results_write: int) -> None:
    status = 1
    try:
        raws, has_error = parse_range(data, at, (cut, len(data)))
        flat = [] if has_error else [
            (r.start, r.end, r.words, r.prefix, r.redirects, r.heredocs, r.depth, r.function, r.embedded)
            for r in raws]
        write_all(results_write, marshal.dumps((has_error, flat)))
        status = 0
    except BaseException:  # noqa: B036 - the parent parses the whole text itself; the child must exit
        pass
    finally:
        os._exit(status)  # no atexit handlers, no flushing of the parent's buffered output
