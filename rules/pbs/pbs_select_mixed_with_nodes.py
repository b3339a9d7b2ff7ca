from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from .pbs_directives import requested_resources


class SelectMixedWithNodes(Rule):
    """
    ## What it does
    Finds `-l select=`/`place=` together with the old-style `nodes=` or a job-wide `ncpus=`
    in one job.

    ## Why is this bad?
    PBS Pro refuses the job: the qsub manual says mixing the two forms "will result in an
    error".

    ## Example
        #PBS -l select=2:ncpus=8
        #PBS -l nodes=2:ppn=8

    Use instead: only `-l select=2:ncpus=8`:

        #PBS -l select=2:ncpus=8

    ## Fix safety
    No fix.
    """

    code = "JC712"
    name = "pbs-select-mixed-with-nodes"
    severity = Severity.ERROR
    summary = "select=/place= mixed with nodes= or a job-wide ncpus= in one PBS job"
    languages = ("shell", "python")
    schedulers = ("pbs",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        found = [(key, start, end) for key, _, start, end in requested_resources(script)]
        new = [f for f in found if f[0] in ("select", "place")]
        if not new:
            return
        for key, start, end in found:
            if key in ("nodes", "ncpus") and start is not None:
                yield Diagnostic(
                    start - len(key) - 1,
                    end,
                    "`%s=` mixed with `%s=` in one job: PBS refuses it; put "
                    "the CPUs in the select chunk (`select=N:ncpus=M`)" % (key, new[0][0]),
                )
