"""--format json: the one-object contract of DESIGN.md."""

from __future__ import annotations

import json

from ..rule import Finding, Fix
from ._clean import printable


def fix_to_json(fix: Fix | None, source) -> dict | None:
    if fix is None:
        return None
    edits = []
    for edit in sorted(fix.edits, key=lambda e: (e.start, e.end)):
        start, end = source.position(edit.start), source.position(edit.end)
        edits.append({"line": start.line, "column": start.column, "end_line": end.line,
                      "end_column": end.column, "content": printable(edit.content)})
    return {"applicability": fix.applicability.value, "message": printable(fix.message), "edits": edits}


def finding_to_json(finding: Finding, source) -> dict:
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "path": printable(finding.path),
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "message": printable(finding.message),
        "fix": fix_to_json(finding.fix, source) if source is not None else None,
    }


class JsonReporter:
    def __init__(self, stream, **_):
        self.stream = stream

    def report(self, results, summary) -> None:
        """The same text as json.dumps(document, indent=2), written item by item: a run with
        100,000 findings never holds the whole document in memory."""
        write = self.stream.write
        write('{\n  "version": 1,\n')
        files = ({"path": printable(r.path), "parser": r.parser, "error": printable(r.error) if r.error else None}
                 for r in results)
        _write_list(write, "files", files, last=False)
        _write_list(write, "findings", (finding_to_json(f, r.source) for r in results for f in r.findings), last=True)
        write("}\n")


def _write_list(write, key: str, items, last: bool) -> None:
    write('  "%s": [' % key)
    first = True
    for item in items:
        text = json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n    ")
        write(("\n    " if first else ",\n    ") + text)
        first = False
    write("]" if first else "\n  ]")
    write("\n" if last else ",\n")
