"""Checking one open document with the CLI's engine, and its findings as LSP diagnostics."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

from lsprotocol import types

from ..cli.config import ConfigError
from ..cli.discovery import BOOTSTRAP_RE, DIRECTIVE_RE, JOB_EXTENSIONS, SNIFF_BYTES
from ..cli.profiles import ProfileError
from ..engine.linter import FileResult, Linter
from ..model.source import Source
from ..rule import Applicability, Finding, Severity
from ..semantics.definition_files import DEFINITION_NAME_RE
from ..settings import Settings
from .positions import Positions

SOURCE = "jobcheck"
SHELL_LANGUAGES = frozenset({"shellscript", "sh", "bash", "zsh", "ksh"})
RECIPE_LANGUAGES = frozenset({"singularity", "apptainer", "def"})
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def path_of(uri: str) -> str:
    """The file a document is (or would be) saved as; untitled documents count as in the folder
    the server runs in, so that folder's configuration applies."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return unquote(parsed.path)
    return os.path.join(os.getcwd(), os.path.basename(unquote(parsed.path)) or "untitled")


def is_job_document(path: str, language_id: str | None, text: str) -> bool:
    """Shell documents, definition files, and anything else whose first 4 KiB carry a scheduler
    directive or start with `Bootstrap:` (a Python job script is a .py file with `#SBATCH` lines)."""
    name = os.path.basename(path)
    if (language_id or "").lower() in SHELL_LANGUAGES | RECIPE_LANGUAGES:
        return True
    if os.path.splitext(name)[1].lower() in JOB_EXTENSIONS or DEFINITION_NAME_RE.search(name):
        return True
    head = text[:SNIFF_BYTES].encode("utf-8", "surrogateescape")
    return bool(DIRECTIVE_RE.search(head) or BOOTSTRAP_RE.match(head))


@dataclass
class Checked:
    """One check of one version of a document: what the code actions and hovers read."""

    uri: str
    version: int | None
    source: Source
    positions: Positions
    result: FileResult | None = None
    linter: Linter | None = None
    error: str | None = None  # a configuration (or internal) error: no findings then
    diagnostics: list = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return self.result.findings if self.result is not None else []

    @property
    def settings(self) -> Settings:
        """The settings of the check (the defaults where the configuration could not be read)."""
        return self.linter.settings if self.linter is not None else Settings()


def check(session, uri: str, version: int | None, text: str, encoding: str = "utf-16") -> Checked:
    path = path_of(uri)
    source = Source.from_text(text, path)
    checked = Checked(uri, version, source, Positions(source, encoding))
    try:
        checked.linter = session.linter_for(path)
    except (ConfigError, ProfileError) as exc:
        checked.error = str(exc)
        checked.diagnostics = [config_error(str(exc))]
        return checked
    try:
        checked.result = checked.linter.check_source(source)
        checked.diagnostics = [diagnostic(checked.positions, f, session.rule(f.code)) for f in checked.findings]
    except Exception as exc:  # the engine never should; if it does, the editor hears why, the server goes on
        checked.result = None
        checked.error = "internal error: %s: %s" % (type(exc).__name__, exc)
        checked.diagnostics = [config_error(checked.error)]
    return checked


def diagnostic(positions: Positions, finding: Finding, rule) -> types.Diagnostic:
    start, end = _offsets(positions.source, finding)
    message = finding.message
    if finding.fix is not None:
        message += " [fix%s: %s]" % (
            "" if finding.fix.applicability == Applicability.SAFE else ", unsafe",
            finding.fix.message,
        )
    return types.Diagnostic(
        range=positions.range(start, end),
        message=message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        source=SOURCE,
        data={"name": finding.name, "summary": rule.summary if rule is not None else ""},
    )


def _offsets(source: Source, finding: Finding) -> tuple[int, int]:
    if finding.end > finding.start or (finding.start or finding.end):
        return finding.start, finding.end
    start = source.offset(finding.line, finding.column) if finding.line <= source.line_count else 0
    end = source.offset(finding.end_line, finding.end_column) if finding.end_line <= source.line_count else start
    return start, max(start, end)


def config_error(message: str) -> types.Diagnostic:
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        message="jobcheck cannot check this file: %s" % message,
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
        code="configuration",
    )
