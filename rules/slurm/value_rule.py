"""A rule that judges the value of some sbatch options with a grammar check."""

from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics import slurm_values
from jobcheck.semantics.sbatch_header import header_uses

from .templates import placeholder_of

SEVERITY = {
    slurm_values.REJECTED: Severity.ERROR,
    slurm_values.CHANGED: Severity.WARNING,
    slurm_values.NOTE: Severity.INFO,
}


class ValueRule(Rule):
    """Subclasses set OPTIONS and implement verdict(); severity follows what sbatch does."""

    OPTIONS: tuple[str, ...] = ()
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for use in header_uses(script):
            if use.name not in self.OPTIONS or use.value is None or use.option.kind != "option":
                continue
            if "$" in use.value or use.value.startswith("~"):
                continue  # never expanded: sbatch-variable-in-value says so
            if placeholder_of(script, use.option) is not None:
                continue  # a template's placeholder: sbatch-placeholder-value says so, once
            for verdict in self.verdicts(use, script, settings):
                start, end = use.value_span
                yield Diagnostic(
                    start, end, verdict.message, getattr(verdict, "fix", None), severity=SEVERITY[verdict.kind]
                )

    def verdicts(self, use, script, settings):
        verdict = self.verdict(use, script, settings)
        return [verdict] if verdict is not None else []

    def verdict(self, use, script, settings):
        raise NotImplementedError
