from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sbatch_translation import translation


class TranslatedExportReplacesEnvironment(Rule):
    """
    ## What it does
    Finds `#PBS -v NAME=value` in a script sbatch runs. sbatch translates it to
    `--export=NAME=value`, and an `--export` list without `ALL` replaces the job's environment:
    only the listed variables (and `SLURM_*`) reach the job.

    ## Why is this bad?
    In PBS, `-v` adds variables to the job's environment; under Slurm the job starts without the
    submitting shell's environment: no loaded modules, no conda environment, no `PATH`
    additions, so the first `python` or `mpirun` is not found or is the wrong one.

    ## Example
        #SBATCH --time=10
        #PBS -v INPUT=data.csv

    Use instead:

        #SBATCH --time=10
        #SBATCH --export=ALL,INPUT=data.csv

    ## Fix safety
    No fix: delete the `#PBS` line and move the variable into `#SBATCH --export=ALL,...`.
    """

    code = "JC137"
    name = "translated-export-replaces-environment"
    severity = Severity.WARNING
    summary = "#PBS -v becomes --export without ALL: the job loses its environment"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for t in translation(script):
            if t.name == "export" and t.value and "ALL" not in t.value.upper().split(","):
                yield Diagnostic(
                    t.start,
                    t.end,
                    "sbatch translates `-v %s` to `--export=%s`, which replaces the "
                    "job's environment (no modules, conda or PATH additions reach the job); use "
                    "`#SBATCH --export=ALL,%s` and delete this line" % (t.value, t.value, t.value),
                )
