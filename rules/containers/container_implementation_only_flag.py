from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.knowledge import container_flags
from jobcheck.semantics.container_calls import container_calls, describe

NAMES = {"apptainer": "Apptainer", "singularityce": "SingularityCE"}


class ImplementationOnlyFlag(Rule):
    """
    ## What it does
    For `singularity`, which is Apptainer on some clusters and SingularityCE on others, finds
    flags that only one of the two has (`--oci`, `--no-compat`, `--keep-layers` are
    SingularityCE's; `--sharens`, `--no-env`, `--unsquash` are Apptainer's). Set
    `--container-runtime` to the cluster's implementation to check against that one alone.

    ## Why is this bad?
    On the other implementation the command stops with "unknown flag".

    ## Example
        singularity exec --oci docker://alpine ls     # fails where singularity is Apptainer

    Use instead: flags both implementations have (or `--container-runtime singularityce` if the
    script is only for SingularityCE clusters):

        singularity exec docker://alpine ls

    ## Fix safety
    No fix.
    """

    code = "JC213"
    name = "container-implementation-only-flag"
    severity = Severity.WARNING
    summary = "A `singularity` flag that only Apptainer or only SingularityCE has"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for call in container_calls(script, settings):
            if len(call.implementations) < 2 or call.command is None:
                continue
            for use in call.flags:
                if use.name is None:
                    continue
                having = [impl for impl in call.implementations if use.name in container_flags(impl, call.command)]
                if len(having) == 1:
                    other = next(i for i in call.implementations if i != having[0])
                    yield Diagnostic(
                        use.word.start,
                        use.word.end,
                        "`%s` exists only in %s: where `singularity` is "
                        '%s, `%s` stops with "unknown flag: %s"'
                        % (use.spelled, NAMES[having[0]], NAMES[other], describe(call), use.spelled),
                    )
