"""Applying fixes: non-overlapping edits, pass after pass until nothing changes, written atomically.

A pass takes the fixes in file order and skips any that overlaps one already taken (it is
picked up again by the next pass, on the re-checked text). Passes repeat until no fix applies,
bounded by MAX_PASSES. If the fixed text no longer parses where the original did, every fix
for that file is rolled back and the run says so.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass, field
from typing import Callable

from .rule import Applicability, Edit, Finding, Fix
from .source import Source

MAX_PASSES = 10


@dataclass
class FixOutcome:
    source: Source                 # the original
    text: str                      # the fixed text (== original text when nothing applied)
    applied: list[Finding] = field(default_factory=list)
    passes: int = 0
    converged: bool = True         # False when MAX_PASSES was hit with fixes still pending
    rolled_back: str | None = None # why the fixes were dropped, if they were

    @property
    def changed(self) -> bool:
        return self.text != self.source.text


def select_fixes(findings: list[Finding], unsafe: bool) -> list[Finding]:
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if unsafe else set())
    return [f for f in findings if f.fix is not None and f.fix.edits and f.fix.applicability in allowed]


def non_overlapping(candidates: list[Finding]) -> list[Finding]:
    """Fixes in file order, skipping any whose edits touch a range already taken."""
    taken: list[tuple[int, int]] = []
    chosen = []
    for finding in sorted(candidates, key=lambda f: (f.fix.start, f.fix.end, f.code)):
        spans = [(e.start, e.end) for e in finding.fix.edits]
        if any(_overlaps(s, t) for s in spans for t in taken):
            continue
        if any(_overlaps(a, b) for i, a in enumerate(spans) for b in spans[i + 1:]):
            continue  # a malformed fix with self-overlapping edits is never applied
        taken.extend(spans)
        chosen.append(finding)
    return chosen


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two edits conflict when their ranges share text, or when one inserts at a point inside or
    at either end of the other (the order of the two results would be a guess)."""
    if max(a[0], b[0]) < min(a[1], b[1]):
        return True
    if a[0] == a[1]:
        return b[0] <= a[0] <= b[1]
    if b[0] == b[1]:
        return a[0] <= b[0] <= a[1]
    return False


def apply_edits(text: str, edits: list[Edit], newline: str = "\n") -> str:
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        content = edit.content
        if newline != "\n":
            content = content.replace("\r\n", "\n").replace("\n", newline)
        text = text[:edit.start] + content + text[edit.end:]
    return text


def fix_source(source: Source, lint: Callable[[Source], list[Finding]], unsafe: bool,
               parses: Callable[[Source], bool] | None = None) -> FixOutcome:
    outcome = FixOutcome(source, source.text)
    current = source
    findings = lint(current)
    while True:
        chosen = non_overlapping(select_fixes(findings, unsafe))
        if not chosen:
            break
        if outcome.passes >= MAX_PASSES:
            outcome.converged = False
            break
        outcome.passes += 1
        edits = [e for f in chosen for e in f.fix.edits]
        text = apply_edits(current.text, edits, source.newline)
        outcome.applied.extend(chosen)
        if text == current.text:
            break
        current = source.derive(text)
        findings = lint(current)
    outcome.text = current.text
    if parses is not None and outcome.changed and parses(source) and not parses(current):
        outcome.rolled_back = "the fixed script would no longer parse; no fix was applied"
        outcome.text = source.text
        outcome.applied = []
    return outcome


def write_atomically(path: str, data: bytes) -> None:
    """Replace the file's content keeping its mode (and owner where allowed); through symlinks."""
    target = os.path.realpath(path)
    st = os.stat(target)
    directory = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(prefix=".%s." % os.path.basename(target), suffix=".jobcheck", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            pass  # not allowed to give the file away: keeping our own ownership is the best we can do
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
