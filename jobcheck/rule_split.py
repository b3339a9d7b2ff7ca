"""One large script's rules run by two processes.

A 10 MB script has a quarter of a million commands: building its model takes about 6 s and its
rules about 5 s more on one CPU. When a second CPU would otherwise sit idle (a run over one
file, or over too few for worker processes), this process forks once the model is built. The
child inherits the model (nothing of it is copied or pickled); both take groups of rules one at
a time from a pipe they share, so whichever finishes its group first takes the next; the child
sends its findings back as plain tuples (marshal) and exits.

Groups are the rule packages (`containers`, `crosscheck`, ...): the rules of one package share
what they compute from the script (container calls, the job request), so a group runs in one
process. The known heavy packages go first, which keeps the two processes evenly loaded.

Nothing is lost if the child fails: the parent runs every group the child did not report.
The engine runs this with the garbage collector off (gc_policy.checking), so neither process
writes to the pages they share by scanning them.
"""

from __future__ import annotations

import os
import marshal
from typing import Callable, Sequence

from .forking import fork_with_pipe, read_all, stop, write_all
from .rule import Applicability, Edit, Finding, Fix, Rule, Severity

# Below this size a second process costs more (its start, the findings' round trip) than it saves.
MIN_CHARS = 1024 * 1024
# Packages by their share of the rule time on the benchmark's 10 MB script, largest first
# (containers and crosscheck about 35% each, python and shell about 10% each, the rest little):
# the two processes start on the two largest, and the first one done takes the next.
HEAVY_FIRST = ("containers", "crosscheck", "python", "shell")

RunGroup = Callable[[Sequence[Rule]], list[Finding]]


def worth_splitting(text_length: int, processes: int) -> bool:
    return processes > 1 and text_length >= MIN_CHARS and hasattr(os, "fork")


def rule_groups(rules: Sequence[Rule]) -> list[list[Rule]]:
    """The rules by module, those of the heavy packages first, the rest in registry order."""
    groups: dict[str, list[Rule]] = {}
    for rule in rules:
        groups.setdefault(type(rule).__module__, []).append(rule)
    rank = {name: i for i, name in enumerate(HEAVY_FIRST)}
    order = sorted(groups, key=lambda module: rank.get(_package(groups[module][0]), len(rank)))
    return [groups[module] for module in order]


def _package(rule: Rule) -> str:
    module = type(rule).__module__
    parts = module.split(".")
    return parts[-2] if len(parts) >= 2 else module


def run_in_two(groups: list[list[Rule]], run_group: RunGroup) -> list[Finding]:
    """The findings of every group, each group run once, by this process or a forked child."""
    if len(groups) < 2 or len(groups) > 255:
        return [f for group in groups for f in run_group(group)]
    claims_read, claims_write = os.pipe()
    os.write(claims_write, bytes(range(len(groups))))
    os.close(claims_write)
    forked = fork_with_pipe(lambda results_write: _child(groups, run_group, claims_read, results_write))
    if forked is None:
        os.close(claims_read)
        return [f for group in groups for f in run_group(group)]
    pid, results_read = forked
    findings: list[Finding] = []
    done: set[int] = set()
    collected = False
    try:
        for index in _claims(claims_read):
            findings.extend(run_group(groups[index]))
            done.add(index)
        reported = _collect(results_read, pid)
        collected = True
    finally:
        os.close(claims_read)
        os.close(results_read)
        if not collected:
            stop(pid)  # this process failed first: the child may still run
    for index, found in reported.items():
        if index not in done:
            findings.extend(found)
            done.add(index)
    for index, group in enumerate(groups):  # the child failed before reporting these
        if index not in done:
            findings.extend(run_group(group))
    return findings


def _claims(fd: int):
    """Group indexes, one at a time, until the pipe is empty (both processes read it)."""
    while True:
        byte = os.read(fd, 1)
        if not byte:
            return
        yield byte[0]


def _child(groups, run_group: RunGroup, claims_read: int, results_write: int) -> None:
    status = 1
    try:
        reported = {index: [plain(f) for f in run_group(groups[index])] for index in _claims(claims_read)}
        write_all(results_write, marshal.dumps(reported))
        status = 0
    except BaseException:  # noqa: B036 - the parent runs the groups itself; the child must exit
        pass
    finally:
        os._exit(status)  # no atexit handlers, no flushing of the parent's buffered output


def _collect(fd: int, pid: int) -> dict[int, list[Finding]]:
    data = read_all(fd)
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return {}
    try:
        reported = marshal.loads(data)
        return {index: [from_plain(f) for f in found] for index, found in reported.items()}
    except Exception:
        return {}


# Findings cross the pipe as tuples of strings and numbers (marshal: no objects are rebuilt from
# the bytes but these); unpickling the dataclass instances took ten times as long (0.3 s for
# the 33,000 findings of half the 10 MB script).

def plain(f: Finding) -> tuple:
    fix = f.fix
    plain_fix = None if fix is None else (
        fix.applicability.value, fix.message, tuple((e.start, e.end, e.content) for e in fix.edits))
    return (f.code, f.name, f.severity.value, f.path, f.line, f.column, f.end_line, f.end_column, f.message,
            plain_fix, f.start, f.end)


_SEVERITIES = {s.value: s for s in Severity}
_APPLICABILITIES = {a.value: a for a in Applicability}


def from_plain(t: tuple) -> Finding:
    code, name, severity, path, line, column, end_line, end_column, message, plain_fix, start, end = t
    fix = None if plain_fix is None else Fix(
        _APPLICABILITIES[plain_fix[0]], plain_fix[1], tuple([Edit(s, e, c) for s, e, c in plain_fix[2]]))
    return Finding(code, name, _SEVERITIES[severity], path, line, column, end_line, end_column, message, fix,
                   start, end)


def _reap(pid: int) -> None:
    """Make sure the child is gone (after an exception in the parent it may still run)."""
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
        if finished == 0:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
    except ChildProcessError:
        pass  # already collected by _collect
