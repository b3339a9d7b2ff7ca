"""Formats for other programs: json-lines, SARIF 2.1.0, GitHub workflow commands, GitLab Code
Quality, JUnit XML and Checkstyle XML. Each follows its consumer's published shape."""

from __future__ import annotations

import hashlib
import json
import os
from xml.sax.saxutils import quoteattr as _quoteattr

from .. import __version__
from ..patterns import lazy
from ._clean import printable
from .json_reporter import finding_to_json

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}
GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


class JsonLinesReporter:
    """One JSON object per line and finding (the objects of `--format json`)."""

    def __init__(self, stream, **_):
        self.stream = stream

    def report(self, results, summary) -> None:
        for result in results:
            for finding in result.findings:
                self.stream.write(json.dumps(finding_to_json(finding, result.source), ensure_ascii=False) + "\n")


def relative_uri(path: str) -> str:
    """The path as other tools key on it: relative to the folder jobcheck runs in (the project
    root) and normalised, so `./bad.sh`, `bad.sh` and its absolute path give one URI and one
    fingerprint."""
    if path == "-":
        return "stdin"
    if os.path.isabs(path):
        relative = os.path.relpath(path)
        path = relative if not relative.startswith("..") else path
    return printable(os.path.normpath(path)).replace(os.sep, "/")


class SarifReporter:
    """SARIF 2.1.0: rules with their docs, results with regions and fixes."""

    def __init__(self, stream, registry=None, **_):
        self.stream = stream
        self.registry = registry

    def report(self, results, summary) -> None:
        rules = list(self.registry.rules) if self.registry is not None else []
        index = {rule.code: i for i, rule in enumerate(rules)}
        sarif_results = []
        for result in results:
            for f in result.findings:
                item = {
                    "ruleId": f.code,
                    "level": SARIF_LEVEL[f.severity.value],
                    "message": {"text": printable(f.message)},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": relative_uri(f.path)},
                                "region": _region(f.line, f.column, f.end_line, f.end_column),
                            }
                        }
                    ],
                    "partialFingerprints": {"jobcheck/v1": _fingerprint(f, result.source)},
                }
                if f.code in index:
                    item["ruleIndex"] = index[f.code]
                if f.fix is not None and result.source is not None:
                    item["fixes"] = [_sarif_fix(f, result.source)]
                sarif_results.append(item)
        notifications = [
            {
                "level": "error",
                "message": {"text": printable("%s: %s" % (r.path, r.error))},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": relative_uri(r.path)}}}],
            }
            for r in results
            if r.error
        ]
        doc = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "jobcheck",
                            "version": __version__,
                            "semanticVersion": __version__,
                            "rules": [_sarif_rule(rule) for rule in rules],
                        }
                    },
                    "columnKind": "unicodeCodePoints",
                    "invocations": [
                        {"executionSuccessful": not summary.errors, "toolExecutionNotifications": notifications}
                    ],
                    "results": sarif_results,
                }
            ],
        }
        self.stream.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def _region(line, column, end_line, end_column) -> dict:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": max(end_column, 1)}


def _sarif_rule(rule) -> dict:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.docs()},
        "help": {"text": rule.docs(), "markdown": rule.docs()},
        "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity.value]},
        "properties": {"plugin": rule.plugin, "fixable": rule.fix_availability},
    }


def _sarif_fix(finding, source) -> dict:
    replacements = []
    for edit in sorted(finding.fix.edits, key=lambda e: (e.start, e.end)):
        start, end = source.position(edit.start), source.position(edit.end)
        replacements.append(
            {
                "deletedRegion": _region(start.line, start.column, end.line, end.column),
                "insertedContent": {"text": printable(edit.content)},
            }
        )
    return {
        "description": {"text": "%s (%s)" % (finding.fix.message, finding.fix.applicability.value)},
        "artifactChanges": [{"artifactLocation": {"uri": relative_uri(finding.path)}, "replacements": replacements}],
    }


def _fingerprint(finding, source) -> str:
    """Stable across runs and line shifts: the path, the code and the text of the line."""
    line = source.line_text(finding.line).strip() if source is not None else ""
    return hashlib.sha256(
        ("%s\0%s\0%s\0%s" % (relative_uri(finding.path), finding.code, line, finding.message)).encode(
            "utf-8", "surrogateescape"
        )
    ).hexdigest()[:32]


class GithubReporter:
    """GitHub Actions workflow commands: one annotation per finding."""

    def __init__(self, stream, **_):
        self.stream = stream

    def report(self, results, summary) -> None:
        for result in results:
            if result.error:
                self.stream.write("::error file=%s::%s\n" % (_property(relative_uri(result.path)), _data(result.error)))
            for f in result.findings:
                properties = {
                    "file": relative_uri(f.path),
                    "line": f.line,
                    "endLine": f.end_line,
                    "title": "%s %s" % (f.code, f.name),
                }
                if f.line == f.end_line:
                    properties.update(col=f.column, endColumn=max(f.end_column, f.column))
                text = ",".join("%s=%s" % (k, _property(str(v))) for k, v in properties.items())
                self.stream.write("::%s %s::%s\n" % (GITHUB_COMMAND[f.severity.value], text, _data(f.message)))


def _data(text: str) -> str:
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GitlabReporter:
    """GitLab Code Quality: a JSON array of issues."""

    def __init__(self, stream, **_):
        self.stream = stream

    def report(self, results, summary) -> None:
        issues = []
        seen: dict[str, int] = {}
        for result in results:
            for f in result.findings:
                base = _fingerprint(f, result.source)
                seen[base] = seen.get(base, 0) + 1
                fingerprint = hashlib.md5(("%s\0%d" % (base, seen[base])).encode()).hexdigest()
                issues.append(
                    {
                        "description": "%s: %s" % (f.code, printable(f.message)),
                        "check_name": "%s %s" % (f.code, f.name),
                        "fingerprint": fingerprint,
                        "severity": GITLAB_SEVERITY[f.severity.value],
                        "location": {"path": relative_uri(f.path), "lines": {"begin": f.line, "end": f.end_line}},
                    }
                )
        self.stream.write(json.dumps(issues, indent=2, ensure_ascii=False) + "\n")


class JunitReporter:
    """JUnit XML: a test suite per file, a failed test case per finding (Jenkins' junit-10.xsd)."""

    def __init__(self, stream, **_):
        self.stream = stream

    def report(self, results, summary) -> None:
        out = ['<?xml version="1.0" encoding="UTF-8"?>']
        total = sum(max(1, len(r.findings)) for r in results)
        failures = sum(len(r.findings) for r in results)
        errors = sum(1 for r in results if r.error and not r.findings)
        out.append('<testsuites name="jobcheck" tests="%d" failures="%d" errors="%d">' % (total, failures, errors))
        for r in results:
            name = quoteattr(relative_uri(r.path))
            cases = max(1, len(r.findings))
            error = 1 if r.error and not r.findings else 0
            out.append(
                '  <testsuite name=%s tests="%d" failures="%d" errors="%d">' % (name, cases, len(r.findings), error)
            )
            if not r.findings:
                out.append('    <testcase name="jobcheck" classname=%s>' % name)
                if r.error:
                    out.append('      <error message=%s type="file"/>' % quoteattr(printable(r.error)))
                out.append("    </testcase>")
            for f in r.findings:
                out.append(
                    "    <testcase name=%s classname=%s>"
                    % (quoteattr("%s %s line %d column %d" % (f.code, f.name, f.line, f.column)), name)
                )
                out.append(
                    "      <failure message=%s type=%s>%s</failure>"
                    % (
                        quoteattr(printable(f.message)),
                        quoteattr(f.code),
                        _text(
                            "%s:%d:%d: %s %s" % (relative_uri(f.path), f.line, f.column, f.code, printable(f.message))
                        ),
                    )
                )
                out.append("    </testcase>")
            out.append("  </testsuite>")
        out.append("</testsuites>")
        self.stream.write("\n".join(out) + "\n")


def _text(text: str) -> str:
    return _xml_chars(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Characters XML 1.0 cannot hold at all, not even as references: shown as \xNN instead.
_NOT_XML = lazy("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_chars(text: str) -> str:
    return _NOT_XML.sub(lambda m: "\\x%02x" % ord(m.group()) if ord(m.group()) < 0x20 else "\ufffd", text)


def quoteattr(text: str) -> str:
    return _quoteattr(_xml_chars(text))


class CheckstyleReporter:
    """Checkstyle XML, as Checkstyle's XMLLogger writes it."""

    def __init__(self, stream, **_):
        self.stream = stream

    def report(self, results, summary) -> None:
        out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="%s">' % __version__]
        for r in results:
            out.append("  <file name=%s>" % quoteattr(relative_uri(r.path)))
            if r.error:
                out.append(
                    '    <error line="1" severity="error" message=%s source="jobcheck.file"/>'
                    % quoteattr(printable(r.error))
                )
            for f in r.findings:
                out.append(
                    '    <error line="%d" column="%d" severity="%s" message=%s source=%s/>'
                    % (
                        f.line,
                        f.column,
                        f.severity.value,
                        quoteattr(printable(f.message)),
                        quoteattr("jobcheck.%s.%s" % (f.code, f.name)),
                    )
                )
            out.append("  </file>")
        out.append("</checkstyle>")
        self.stream.write("\n".join(out) + "\n")
