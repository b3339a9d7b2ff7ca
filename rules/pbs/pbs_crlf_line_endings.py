from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from ..slurm.line_endings import crlf_finding


class CrlfLineEndings(Rule):
    """
    ## What it does
    Finds Windows line endings (`\\r\\n`) in a PBS job.

    ## Why is this bad?
    qsub refuses the script: PBS Pro/OpenPBS with `qsub: script contains cr, lf`, Torque with
    `qsub:  script is written in DOS/Windows text format`.

    ## Example
    With CRLF line endings:

        #!/bin/bash
        #PBS -l walltime=1:00:00
        ./solver

    Use instead: the same script with LF line endings (`dos2unix job.sh`):

        #!/bin/bash
        #PBS -l walltime=1:00:00
        ./solver

    ## Fix safety
    Removing the `\\r` before each line break is safe.
    """

    code = "JC704"
    name = "pbs-crlf-line-endings"
    severity = Severity.ERROR
    summary = "Windows (CRLF) line endings in a PBS job: qsub refuses the script"
    fix_availability = "always"
    languages = ("shell", "python")
    schedulers = ("pbs",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if script.scheduler != "pbs":
            return
        found = crlf_finding(script.text, "the job", 'qsub refuses it ("qsub: script contains cr, lf")')
        if found is not None:
            yield found
