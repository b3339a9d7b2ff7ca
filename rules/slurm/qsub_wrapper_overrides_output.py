from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sbatch_header import slurm_directives


class QsubWrapperOverrides(Rule):
    """
    ## What it does
    In a PBS script that Slurm runs (`--scheduler slurm`, no `#SBATCH` line), finds the
    `#PBS -o`, `-e` and `-j` lines that Slurm's `qsub` wrapper (the slurm-wlm-torque package)
    overrides.

    ## Why is this bad?
    The wrapper reads only its own command line and always adds `-o <name>.o%A` to the sbatch
    call it makes, and `-e <name>.e%A` unless `-j` is on its command line; command-line options
    beat the script, so `#PBS -o results/run.log` and `#PBS -j oe` have no effect: the output
    lands next to the script under another name, and stderr in a file of its own. (Submitted
    with `sbatch`, the lines are translated and do apply.)

    ## Example
    With `--scheduler slurm`:

        #!/bin/bash
        #PBS -N run
        #PBS -j oe
        #PBS -o logs/run.log

    Use instead: `sbatch job.sh`, or `qsub -j oe -o logs/run.log job.sh`, or `#SBATCH` lines:

        #!/bin/bash
        #SBATCH --job-name=run
        #SBATCH --output=logs/run.log

    ## Fix safety
    No fix.
    """

    code = "JC139"
    name = "qsub-wrapper-overrides-output"
    severity = Severity.WARNING
    summary = "#PBS -o/-e/-j in a script Slurm runs: Slurm's qsub wrapper overrides them"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if script.scheduler != "slurm" or slurm_directives(script):
            return
        for directive in script.foreign_directives:
            if directive.scheduler != "pbs":
                continue
            for option in directive.options:
                if option.kind != "option" or option.spelled not in ("-o", "-e", "-j"):
                    continue
                added = "-o <name>.o%A" if option.spelled == "-o" else "-e <name>.e%A"
                yield Diagnostic(
                    option.start,
                    option.end,
                    "submitted with Slurm's `qsub` wrapper, this line has no "
                    "effect: the wrapper puts `%s` on the sbatch command line, which wins over the "
                    "script; use `sbatch` (it translates #PBS lines) or pass `%s` to qsub" % (added, option.spelled),
                )
