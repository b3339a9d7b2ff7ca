"""Applying fixes: non-overlapping edits, pass after pass until nothing changes, written atomically.

A pass takes the fixes in file order and skips any that overlaps one already taken (it is
picked up again by the next pass, on the re-checked text). Passes repeat until no fix applies,
bounded by MAX_PASSES. A fix whose result no longer parses (where the original did), or has
an error the text had not had, is rolled back, reported and not tried again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..model.source import Source
from ..rule import Applicability, Edit, Finding, Fix

MAX_PASSES = 10


@dataclass
class FixOutcome:
    source: Source  # the original
    text: str  # the fixed text (== original text when nothing applied)
    applied: list[Finding] = field(default_factory=list)
    passes: int = 0
    converged: bool = True  # False when MAX_PASSES was hit with fixes still pending
    rolled_back: list[str] = field(default_factory=list)  # fixes not applied, and why
    pass_edits: list = field(default_factory=list)  # (text before, edits) of each pass

    @property
    def changed(self) -> bool:
        return self.text != self.source.text


def select_fixes(findings: list[Finding], unsafe: bool) -> list[Finding]:
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if unsafe else set())
    return [f for f in findings if f.fix is not None and f.fix.edits and f.fix.applicability in allowed]


def fix_of(finding: Finding) -> Fix:
    """The fix of a finding that select_fixes() kept (those all have one)."""
    if finding.fix is None:
        raise ValueError("%s at %d:%d has no fix" % (finding.code, finding.line, finding.column))
    return finding.fix


def non_overlapping(candidates: list[Finding]) -> list[Finding]:
    """Fixes in file order, skipping any whose edits touch a range already taken."""
    taken: list[tuple[int, int]] = []
    chosen = []
    for finding in sorted(candidates, key=lambda f: (fix_of(f).start, fix_of(f).end, f.code)):
        spans = [(e.start, e.end) for e in fix_of(finding).edits]
        if any(_overlaps(s, t) for s in spans for t in taken):
            continue
        if any(_overlaps(a, b) for i, a in enumerate(spans) for b in spans[i + 1 :]):
            continue  # a malformed fix with self-overlapping edits is never applied
        taken.extend(spans)
        chosen.append(finding)
    return chosen


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two edits conflict when their ranges share text, or when one inserts at a point inside or
    at either end of the other (the order of the two results would be a guess). Two insertions at
    one point do not: they go in in the order of their fixes (see apply_edits)."""
    if max(a[0], b[0]) < min(a[1], b[1]):
        return True
    if a[0] == a[1] and b[0] == b[1]:
        return False
    if a[0] == a[1]:
        return b[0] <= a[0] <= b[1]
    if b[0] == b[1]:
        return a[0] <= b[0] <= a[1]
    return False


def apply_edits(text: str, edits: list[Edit], newline: str = "\n") -> str:
    """Apply non-overlapping edits; insertions at one point keep the order they are given in."""
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].start, item[1].end, item[0]), reverse=True)
    for _, edit in ordered:
        content = edit.content
        if newline != "\n":
            content = content.replace("\r\n", "\n").replace("\n", newline)
        text = text[: edit.start] + content + text[edit.end :]
    return text


def fix_source(
    source: Source,
    lint: Callable[[Source], list[Finding]],
    unsafe: bool,
    parses: Callable[[Source], bool] | None = None,
) -> FixOutcome:
    """Apply fixes pass after pass. A pass whose result no longer parses, or has errors the text
    had not had before, is retried fix by fix; the fixes that cause it are rolled back, reported
    and not tried again."""
    outcome = FixOutcome(source, source.text)
    current = source
    findings = lint(current)
    parsed_before = parses(source) if parses is not None else False
    check = _Checker(lint, parses if parsed_before else None)
    refused: set[tuple] = set()
    while True:
        chosen = non_overlapping(
            [
                f
                for f in select_fixes(findings, unsafe)
                if _key(f) not in refused and _inside(fix_of(f), len(current.text))
            ]
        )
        if not chosen:
            break
        if outcome.passes >= MAX_PASSES:
            outcome.converged = False
            break
        outcome.passes += 1
        result = check.apply(current, findings, chosen)
        if result is None:
            # something in this pass is bad: find out which fixes, keep the others
            good = []
            for finding in chosen:
                problem = check.problem(current, findings, [finding])
                if problem is None:
                    good.append(finding)
                else:
                    refused.add(_key(finding))
                    outcome.rolled_back.append(
                        "%s at %d:%d (%s) was not applied: the result %s"
                        % (finding.code, finding.line, finding.column, fix_of(finding).message, problem)
                    )
            result = check.apply(current, findings, good) if good else None
            if result is None and len(good) > 1:
                # each is fine alone, not all together (one fix makes another rule speak): one per pass
                good = good[:1]
                result = check.apply(current, findings, good)
            if result is None:
                continue
            chosen = good
        new_source, new_findings = result
        outcome.pass_edits.append((current.text, [e for f in chosen for e in fix_of(f).edits]))
        outcome.applied.extend(chosen)
        if new_source.text == current.text:
            break
        current, findings = new_source, new_findings
    outcome.text = current.text
    return outcome


def _inside(fix: Fix, length: int) -> bool:
    """Edits outside the text are never applied (text[:-1] would duplicate the file)."""
    return all(0 <= e.start <= e.end <= length for e in fix.edits)


def _key(finding: Finding) -> tuple:
    return (finding.code, finding.message, tuple((e.start, e.end, e.content) for e in fix_of(finding).edits))


class _Checker:
    """Applies a set of fixes and says whether the result is acceptable."""

    def __init__(self, lint, parses):
        self.lint = lint
        self.parses = parses

    def apply(self, current: Source, findings, chosen):
        new_source, new_findings = self._result(current, chosen)
        return None if self._problem(current, findings, new_source, new_findings) else (new_source, new_findings)

    def problem(self, current: Source, findings, chosen) -> str | None:
        new_source, new_findings = self._result(current, chosen)
        return self._problem(current, findings, new_source, new_findings)

    def _result(self, current: Source, chosen):
        text = apply_edits(current.text, [e for f in chosen for e in fix_of(f).edits], current.newline)
        new_source = current.derive(text)
        return new_source, self.lint(new_source)

    def _problem(self, current, findings, new_source, new_findings) -> str | None:
        if self.parses is not None and not self.parses(new_source):
            return "would no longer parse"
        before = _error_counts(findings)
        added = sorted(code for code, count in _error_counts(new_findings).items() if count > before.get(code, 0))
        if added:
            return "would have new errors (%s)" % ", ".join(added)
        return None


def _error_counts(findings) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in findings:
        if finding.severity.value == "error":
            counts[finding.code] = counts.get(finding.code, 0) + 1
    return counts
