"""--format json: the one-object contract of DESIGN.md."""

from __future__ import annotations

import json
from json.encoder import encode_basestring

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


def indented(value, newline: str = "\n") -> str:
    """json.dumps(value, indent=2, ensure_ascii=False) with every line break followed by the
    indentation in `newline`. Python's encoder is pure Python once it indents; this is the same
    text in a fraction of the time (findings are plain dicts, lists, strings, ints, bools, None)."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    deeper = newline + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{" + ",".join(deeper + encode_basestring(key) + ": " + indented(item, deeper)
                              for key, item in value.items()) + newline + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[" + ",".join(deeper + indented(item, deeper) for item in value) + newline + "]"
    return json.dumps(value, ensure_ascii=False)  # floats and anything else: the standard encoder


def _write_list(write, key: str, items, last: bool) -> None:
    write('  "%s": [' % key)
    first = True
    for item in items:
        write(("\n    " if first else ",\n    ") + indented(item, "\n    "))
        first = False
    write("]" if first else "\n  ]")
    write("\n" if last else ",\n")
