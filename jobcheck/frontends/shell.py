"""Shell code -> raw commands: bashlex first, tree-sitter-bash where bashlex gives up (or the file
is large), each under a time limit; and the commands of `bash -c '...'` strings, parsed with
their offsets in the file."""

from __future__ import annotations

import contextlib
import signal

from ..semantics.code_words import SHELLS, code_words
from ..semantics.command_views import runs_other_commands, views
from ..semantics.launcher_table import Launchers
from .raw_commands import RawCommand, TooDeep, build_commands

SHELL_PARSERS = ("bashlex", "tree-sitter")
# bashlex takes about 20 s per MB; beyond this size tree-sitter (about 0.2 s per MB) parses alone.
BASHLEX_MAX_CHARS = 256 * 1024


def parse_shell(text: str, parser: str | None = None) -> tuple[list[RawCommand], str, str | None]:
    """Raw commands, the parser that produced them, and why bashlex gave up (if it did)."""
    reason = None
    if parser is None and len(text) > BASHLEX_MAX_CHARS:
        parser = "tree-sitter"
        reason = "larger than %d KiB: bashlex (a pure-Python parser) is skipped" % (BASHLEX_MAX_CHARS // 1024)
    if parser in (None, "bashlex") and not _has_code(text):
        return [], "bashlex", None  # blank lines and comments only: nothing to parse (bashlex would raise)
    if parser in (None, "bashlex"):
        from . import bashlex_frontend  # bashlex loads only when a file is given to it

        try:
            with _time_limit(BASHLEX_SECONDS_BASE + BASHLEX_SECONDS_PER_CHAR * len(text)):
                return bashlex_frontend.parse(text), "bashlex", None
        except _TimeLimit as exc:
            reason = str(exc)
        except TooDeep as exc:
            reason = str(exc)
        except RecursionError:
            reason = "nested too deeply for bashlex"
        except Exception as exc:  # bashlex raises many kinds of errors on what it cannot parse
            reason = "%s: %s" % (type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "")
        if parser == "bashlex":
            raise ValueError(reason)
    from . import treesitter_frontend  # tree-sitter's grammar loads only when bashlex is skipped or fails

    crowded = most_heredocs_on_a_line(text)
    if crowded > MAX_HEREDOCS_PER_LINE:
        # tree-sitter's here-document scanner is quadratic in the here-documents pending on one
        # line (17,000 take minutes); no script has more than a handful
        return [], "tree-sitter", "%d here-documents on one line: not parsed" % crowded
    raws, has_error = treesitter_frontend.parse(text)
    if has_error and reason is None:
        reason = "syntax error"
    return raws, "tree-sitter", reason


MAX_HEREDOCS_PER_LINE = 256


def most_heredocs_on_a_line(text: str) -> int:
    """The most `<<` operators on one line (an upper bound on the here-documents it opens).
    Only the lines that hold one are looked at (the text is not split into all its lines)."""
    most = 0
    at = text.find("<<")
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        most = max(most, text.count("<<", start, end))
        at = text.find("<<", end)
    return most


# bashlex loops forever on some inputs (found by the fuzz test: a `${` inside a quote that
# spans lines); it normally needs about 20 microseconds a character.
BASHLEX_SECONDS_BASE = 2.0
BASHLEX_SECONDS_PER_CHAR = 0.00005


TIME_LIMIT_REPEAT = 0.2  # seconds between further alarms once the limit is reached


class _TimeLimit(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Raise _TimeLimit in the block after `seconds` (main thread only: elsewhere, no limit)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum, _frame):  # a signal handler's signature
        raise _TimeLimit("bashlex did not finish within %.0f s" % seconds)

    try:
        previous = signal.signal(signal.SIGALRM, expire)
    except ValueError:  # not the main thread: Python sets signal handlers only there (no limit)
        in_main_thread = False
    else:
        in_main_thread = True
    if not in_main_thread:
        yield
        return
    # The timer repeats: an exception raised while the interpreter runs a garbage-collector
    # callback (hypothesis installs one) is printed and dropped, and a one-shot timer would then
    # leave bashlex looping for ever. The next tick raises again until one gets through.
    signal.setitimer(signal.ITIMER_REAL, seconds, TIME_LIMIT_REPEAT)
    try:
        yield
    finally:
        while True:  # an alarm may still arrive right here; keep going until the timer is off
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                break
            except _TimeLimit:
                continue
        signal.signal(signal.SIGALRM, previous)


def _has_code(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return True
    return False


MAX_EMBEDDING = 4


def embedded_commands(
    text: str, commands, parser: str | None, launchers: Launchers | None = None, level: int = 1
) -> list[RawCommand]:
    """Commands inside `bash -c '...'` (and `sh -c`, `srun bash -c`, `apptainer exec IMG bash -c`)
    strings, parsed with their offsets in the file. Only strings whose text maps one to one onto
    the file are read: single-quoted ones, and double-quoted ones without backslashes."""
    found: list[RawCommand] = []
    if level > MAX_EMBEDDING:
        return found
    for command in commands:
        if command.basename not in SHELLS and not runs_other_commands(command, launchers):
            continue  # most commands: neither a shell nor a launcher that could run one
        for view in views(command, launchers=launchers):
            if view.basename not in SHELLS:
                continue
            for word in code_words(view):
                inner = _code_text(word)
                if inner is None:
                    continue
                base, code = inner
                try:
                    raws, _, _ = parse_shell(code, parser if parser == "tree-sitter" else None)
                except ValueError:
                    continue
                shifted = [raw.shifted(base, command.depth + 1, command.function) for raw in raws]
                found.extend(shifted)
                nested, _ = build_commands(text, shifted)
                found.extend(embedded_commands(text, nested, parser, launchers, level + 1))
    return found


def _code_text(word) -> tuple[int, str] | None:
    text = word.text
    if len(text) >= 2 and text[0] == text[-1] == "'" and "'" not in text[1:-1]:
        return word.start + 1, text[1:-1]
    if len(text) >= 2 and text[0] == text[-1] == '"' and "\\" not in text and '"' not in text[1:-1]:
        return word.start + 1, text[1:-1]
    return None
