"""--format json: one object for the whole run (the contract in the README, "Output formats", JSON)."""

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
        edits.append(
            {
                "line": start.line,
                "column": start.column,
                "end_line": end.line,
                "end_column": end.column,
                "content": printable(edit.content),
            }
        )
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
        files = (
            {"path": printable(r.path), "parser": r.parser, "error": printable(r.error) if r.error else None}
            for r in results
        )
        _write_list(write, "files", (indented(f, "\n    ") for f in files), last=False)
        strings = _Strings()
        _write_list(
            write, "findings", (finding_text(f, r.source, strings) for r in results for f in r.findings), last=True
        )
        write("}\n")


class _Strings(dict):
    """JSON text of each string met, kept: a run's messages, paths and codes recur thousands of times."""

    def __missing__(self, text: str) -> str:
        encoded = self[text] = encode_basestring(printable(text))
        return encoded


# What indented(finding_to_json(f, source), "\n    ") writes, filled in directly (three times as fast).
_FINDING = (
    '{\n      "code": %s,\n      "name": %s,\n      "severity": %s,\n      "path": %s,\n'
    '      "line": %d,\n      "column": %d,\n      "end_line": %d,\n      "end_column": %d,\n'
    '      "message": %s,\n      "fix": %s\n    }'
)
_FIX = '{\n        "applicability": %s,\n        "message": %s,\n        "edits": %s\n      }'
_EDIT = (
    '{\n            "line": %d,\n            "column": %d,\n            "end_line": %d,\n'
    '            "end_column": %d,\n            "content": %s\n          }'
)


def finding_text(f: Finding, source, strings: _Strings) -> str:
    fix = f.fix
    if fix is None or source is None:
        fix_text = "null"
    else:
        edits = []
        for edit in sorted(fix.edits, key=lambda e: (e.start, e.end)):
            start, end = source.position(edit.start), source.position(edit.end)
            edits.append(_EDIT % (start.line, start.column, end.line, end.column, strings[edit.content]))
        edits_text = "[\n          " + ",\n          ".join(edits) + "\n        ]" if edits else "[]"
        fix_text = _FIX % (strings[fix.applicability.value], strings[fix.message], edits_text)
    return _FINDING % (
        strings[f.code],
        strings[f.name],
        strings[f.severity.value],
        strings[f.path],
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        strings[f.message],
        fix_text,
    )


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
        return (
            "{"
            + ",".join(deeper + encode_basestring(key) + ": " + indented(item, deeper) for key, item in value.items())
            + newline
            + "}"
        )
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[" + ",".join(deeper + indented(item, deeper) for item in value) + newline + "]"
    return json.dumps(value, ensure_ascii=False)  # floats and anything else: the standard encoder


def _write_list(write, key: str, texts, last: bool) -> None:
    write('  "%s": [' % key)
    first = True
    for text in texts:
        write(("\n    " if first else ",\n    ") + text)
        first = False
    write("]" if first else "\n  ]")
    write("\n" if last else ",\n")
