"""The engine: Source -> JobScript -> selected rules -> sorted, de-duplicated Findings."""

from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass, field

from ..frontends import analyse
from ..model.script import JobScript
from ..model.source import Source, SourceExcerpt
from ..plugins.registry import Registry
from ..rule import Applicability, Diagnostic, Edit, Finding, Fix, Rule, Severity
from ..settings import Settings
from . import suppressions

INTERNAL_ERROR = ("JC000", "internal-error")
NOT_TEXT = ("JC003", "not-a-text-file")
UNUSED_SUPPRESSION = ("JC005", "unused-suppression")
ENGINE_CODES = (INTERNAL_ERROR, NOT_TEXT, UNUSED_SUPPRESSION)


@dataclass(repr=False, eq=False)  # a working record: compared by identity, never printed
class FileResult:
    """The outcome of checking one file: its findings, or the error that stopped the check."""

    path: str
    parser: str = "none"
    error: str | None = None  # an I/O or decoding problem that stopped the analysis
    findings: list[Finding] = field(default_factory=list)
    source: Source | SourceExcerpt | None = None  # an excerpt once the run has no use for the text
    script: JobScript | None = None


class Linter:
    def __init__(self, registry: Registry, settings: Settings | None = None):
        self.registry = registry
        self.settings = settings or Settings()
        self.rules: list[Rule] = [r for r in registry.rules if self.settings.selects(r.code, r.name, r.opt_in)]

    # ---- entry points ----------------------------------------------------------------------

    def check_source(self, source: Source) -> FileResult:
        result = FileResult(source.path, source=source)
        nul = source.binary_offset
        if nul is not None:
            pos = source.position(
                len(source.raw[len(source.bom) : nul + len(source.bom)].decode("utf-8", "surrogateescape"))
            )
            result.error = "not a text file: NUL byte at line %d, column %d" % (pos.line, pos.column)
            if self.settings.selects(*NOT_TEXT):
                result.findings.append(
                    Finding(
                        NOT_TEXT[0],
                        NOT_TEXT[1],
                        Severity.ERROR,
                        source.path,
                        pos.line,
                        pos.column,
                        pos.line,
                        pos.column + 1,
                        "not a text file: it contains a NUL byte, and sbatch refuses scripts that contain "
                        "a NUL character",
                        None,
                    )
                )
            return result
        script = analyse(
            source,
            parser=self.settings.parser,
            slurm_release=self.settings.slurm_version,
            scheduler=self.settings.scheduler,
            launchers=self.registry.launchers,
        )
        result.script = script
        result.parser = script.parser
        findings = self.run_rules(script)
        findings = self._per_file_ignores(source.path, findings)
        active = suppressions.find(script)
        findings = suppressions.apply(findings, active)
        if self.settings.severity_overrides:
            findings = [self._override(f) for f in findings]  # the order (by position) stays as run_rules made it
        if self.settings.report_unused_suppressions and self.settings.selects(*UNUSED_SUPPRESSION):
            findings = sorted(findings + self._unused(source, active), key=Finding.sort_key)
        result.findings = findings
        return result

    def _per_file_ignores(self, path: str, findings: list[Finding]) -> list[Finding]:
        ignored = self.settings.ignored_for(path)
        if not ignored:
            return findings
        return [f for f in findings if not any(f.name == i or f.code.startswith(i) for i in ignored)]

    def _override(self, finding: Finding) -> Finding:
        overrides = self.settings.severity_overrides
        level = overrides.get(finding.code) or overrides.get(finding.name)
        if level is None or level == finding.severity.value:
            return finding
        return dataclasses.replace(finding, severity=Severity(level))

    def _unused(self, source: Source, active) -> list[Finding]:
        known = {r.code for r in self.registry.rules} | {c for c, _ in ENGINE_CODES}
        names = {r.name for r in self.registry.rules} | {n for _, n in ENGINE_CODES}
        found = []
        for suppression in active:
            for code in suppression.codes:
                if code in suppression.used:
                    continue
                unknown = code not in names and not any(k.startswith(code) for k in known)
                why = "no rule has this code or name" if unknown else "nothing here to suppress"
                pos, end = source.position(suppression.start), source.position(suppression.end)
                found.append(
                    Finding(
                        UNUSED_SUPPRESSION[0],
                        UNUSED_SUPPRESSION[1],
                        Severity.WARNING,
                        source.path,
                        pos.line,
                        pos.column,
                        end.line,
                        end.column,
                        "unused suppression of `%s`: %s; remove it" % (code, why),
                        None,
                        suppression.start,
                        suppression.end,
                    )
                )
        return found

    def parses(self, source: Source) -> bool:
        """Whether the shell in `source` parses cleanly (the fixer's last check on its own work)."""
        if source.is_binary:
            return False
        script = analyse(source, parser="tree-sitter", slurm_release=self.settings.slurm_version)
        if script.language == "python":
            return script.parse_error is None
        return script.language != "shell" or script.parse_error is None

    # ---- rules -----------------------------------------------------------------------------

    def run_rules(self, script: JobScript) -> list[Finding]:
        findings: list[Finding] = []
        for rule in self.rules:
            try:
                for diagnostic in rule.run(script, self.settings):
                    problem = diagnostic_problem(diagnostic, len(script.source.text))
                    findings.append(
                        self._finding(rule, script.source, diagnostic)
                        if problem is None
                        else self._engine_error(
                            rule, script.source, "reported a malformed diagnostic, ignored: %s" % problem
                        )
                    )
            except (Exception, SystemExit) as exc:  # one broken rule must not cost the user the other findings
                findings.append(self._internal_error(rule, script.source, exc))
        return sorted(set(findings), key=Finding.sort_key)

    def _finding(self, rule: Rule, source: Source, d: Diagnostic) -> Finding:
        start = source.position(d.start)
        end = source.position(max(d.end, d.start))
        severity = d.severity or rule.severity
        # Interned: a run keeps every finding until the report, and the same message recurs
        # (one misspelt flag in 300 scripts is 300 equal strings otherwise).
        return Finding(
            rule.code,
            rule.name,
            severity,
            source.path,
            start.line,
            start.column,
            end.line,
            end.column,
            sys.intern(d.message),
            d.fix,
            d.start,
            d.end,
        )

    def _internal_error(self, rule: Rule, source: Source, exc: BaseException) -> Finding:
        where = ""
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        if tb is not None:
            where = " at %s:%d" % (os.path.basename(tb.tb_frame.f_code.co_filename), tb.tb_lineno)
        return self._engine_error(rule, source, "crashed on this file: %s: %s%s" % (type(exc).__name__, exc, where))

    def _engine_error(self, rule: Rule, source: Source, what: str) -> Finding:
        message = "rule %s (%s, from plugin %r) %s" % (rule.code, rule.name, rule.plugin, what)
        return Finding(INTERNAL_ERROR[0], INTERNAL_ERROR[1], Severity.ERROR, source.path, 1, 1, 1, 1, message)


def diagnostic_problem(d, length: int) -> str | None:
    """What is wrong with a rule's Diagnostic (from a plugin, anything), or None. A fix's edits
    must lie inside the text: applied blindly, an edit at -1 or past the end rewrites the file."""
    if not isinstance(d, Diagnostic):
        return "%r is not a jobcheck.Diagnostic" % (d,)
    if type(d.start) is not int or type(d.end) is not int or not 0 <= d.start <= length or d.end > length:
        return "span %r-%r is outside the file (0-%d)" % (d.start, d.end, length)
    if not isinstance(d.message, str):
        return "message %r is not a string" % (d.message,)
    if d.severity is not None and not isinstance(d.severity, Severity):
        return "severity %r is not a jobcheck.Severity" % (d.severity,)
    if d.fix is None:
        return None
    if (
        not isinstance(d.fix, Fix)
        or not isinstance(d.fix.applicability, Applicability)
        or not isinstance(d.fix.message, str)
        or not isinstance(d.fix.edits, tuple)
    ):
        return "fix %r is not a jobcheck.Fix" % (d.fix,)
    for edit in d.fix.edits:
        if (
            not isinstance(edit, Edit)
            or type(edit.start) is not int
            or type(edit.end) is not int
            or not isinstance(edit.content, str)
        ):
            return "fix edit %r is not a jobcheck.Edit" % (edit,)
        if not 0 <= edit.start <= edit.end <= length:
            return "fix edit %d-%d is outside the file (0-%d)" % (edit.start, edit.end, length)
    return None
