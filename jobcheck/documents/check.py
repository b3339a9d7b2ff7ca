"""Checking a document: each job block alone, the other blocks as one session, every finding and
fix taken back to the document's own lines and columns."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from ..engine.linter import FileResult, Linter
from ..model.source import Source
from ..patterns import lazy
from ..rule import Finding, Fix, Severity
from .classify import placeholder_spans
from .mapping import Block, VirtualSource

PLACEHOLDER = ("JC006", "guide-placeholder")
LINE_IN_MESSAGE_RE = lazy(r"\bline (\d+)\b")
# The rules' "a template placeholder left in a directive": in a guide it is there on purpose.
PLACEHOLDER_RULES = frozenset({"JC126", "JC312"})
# Rules about the batch job itself (its file, its request, its array): a guide's session of
# typed commands is no batch job, so they say nothing there.
NOT_FOR_SESSIONS = frozenset(
    {
        "JC001",
        "JC002",
        "JC004",
        "JC012",
        "JC127",
        "JC216",
        "JC221",
        "JC302",
        "JC303",
        "JC304",
        "JC305",
        "JC306",
        "JC307",
        "JC308",
        "JC310",
        "JC311",
        "JC403",
        "JC404",
        "JC405",
        "JC616",
        "JC618",
        "JC716",
    }
)


def check_blocks(
    linter: Linter,
    source: Source,
    blocks: list[Block],
    escape_json: bool = False,
    where: Callable[[int], str] | None = None,
) -> FileResult:
    """`where`: how a message names the document place at an offset (default: `line N`)."""
    where = where or (lambda offset: "line %d" % source.position(offset).line)
    result = FileResult(source.path, source=source)
    runs = [VirtualSource.join([block], escape_json) for block in blocks if block.job]
    session = [block for block in blocks if not block.job]
    if session:
        runs.append(VirtualSource.join(session, escape_json))
    placeholders: dict[str, list[tuple[int, int]]] = {}
    findings: list[Finding] = []
    parsers = []
    for virtual in runs:
        is_session = not virtual.blocks[0].job
        checked = linter.check_source(Source.from_text(virtual.text, source.path))
        parsers.append(checked.parser)
        spans = _placeholders(virtual, placeholders)
        fragment = not is_session and not virtual.text.lstrip().startswith("#!")
        for finding in checked.findings:
            if is_session and finding.code in NOT_FOR_SESSIONS:
                continue
            if fragment and finding.code == "JC001":
                continue  # a block of directives without `#!` shows part of a job, not a whole one
            if any(start < max(finding.end, finding.start + 1) and finding.start < end for start, end in spans):
                continue  # about a placeholder: reported once below, as one
            if finding.code in PLACEHOLDER_RULES:  # one the rules know (`XXXXXXXX`): the same
                placeholders.setdefault(virtual.text[finding.start : finding.end], []).append(
                    (virtual.to_document(finding.start), virtual.to_document(finding.end))
                )
                continue
            findings.append(_to_document(finding, virtual, source, where))
    findings.extend(_placeholder_findings(linter, source, placeholders))
    result.findings = sorted(findings, key=Finding.sort_key)
    result.parser = "tree-sitter" if "tree-sitter" in parsers else parsers[0] if parsers else "none"
    return result


def _to_document(finding: Finding, virtual: VirtualSource, source: Source, where) -> Finding:
    start, end = virtual.to_document(finding.start), virtual.to_document(finding.end)
    if finding.code == "JC000":
        start = end = virtual.to_document(0)  # a crashed rule: point at the block, not at the document's start
    first, last = source.position(start), source.position(max(start, end))
    fix = finding.fix
    if fix is not None:
        edits = [virtual.edit(edit) for edit in fix.edits]
        placed = tuple(edit for edit in edits if edit is not None)  # None: an edit outside the block
        fix = Fix(fix.applicability, fix.message, placed) if placed and len(placed) == len(edits) else None
    message = finding.message
    if "line " in message:  # a rule naming another line of the block names it in the document
        starts = virtual.line_starts
        message = LINE_IN_MESSAGE_RE.sub(
            lambda m: (
                where(virtual.to_document(starts[int(m.group(1)) - 1]))
                if 0 < int(m.group(1)) <= len(starts)
                else m.group()
            ),
            message,
        )
    return dataclasses.replace(
        finding,
        line=first.line,
        column=first.column,
        end_line=last.line,
        end_column=last.column,
        message=message,
        fix=fix,
        start=start,
        end=max(start, end),
    )


def _placeholders(virtual: VirtualSource, seen: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Placeholder spans in the virtual text; each one's document range is added to `seen` under
    the placeholder's own text."""
    spans = []
    for line, offset in virtual.placed:
        original = line.original if line.original is not None else line.text
        for start, end in placeholder_spans(line):
            spans.append((offset + start, offset + end))
            seen.setdefault(original[start:end], []).append((line.offsets[start], line.offsets[end]))
    return spans


def _placeholder_findings(linter: Linter, source: Source, placeholders) -> list[Finding]:
    settings = linter.settings
    if not settings.selects(*PLACEHOLDER) or any(
        PLACEHOLDER[1] == ignored or PLACEHOLDER[0].startswith(ignored) for ignored in settings.ignored_for(source.path)
    ):
        return []
    overrides = settings.severity_overrides
    severity = Severity(overrides.get(PLACEHOLDER[0]) or overrides.get(PLACEHOLDER[1]) or "info")
    found = []
    for text, places in placeholders.items():
        start, end = min(places)
        first, last = source.position(start), source.position(end)
        times = "" if len(places) == 1 else " (used %d times in this document)" % len(places)
        found.append(
            Finding(
                PLACEHOLDER[0],
                PLACEHOLDER[1],
                severity,
                source.path,
                first.line,
                first.column,
                last.line,
                last.column,
                "`%s` is a placeholder%s: the reader must replace it before running the code; jobcheck reads it as "
                "one word and does not check what it stands for" % (text, times),
                None,
                start,
                end,
            )
        )
    return found
