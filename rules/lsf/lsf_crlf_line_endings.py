from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from ..slurm.line_endings import crlf_finding
from .lsf_directives import lsf_uses


class LsfCrlfLineEndings(Rule):
    """
    ## What it does
    Finds Windows line endings (`\\r\\n`) in an LSF job (a script with `#BSUB` lines).

    ## Why is this bad?
    bsub takes the script as it is, and the shell that runs it keeps the `\\r` as the last
    character of every line: `module load gcc\\r` looks for a module named `gcc\\r`,
    `cd run\\r` fails, and `do\\r` / `then\\r` are syntax errors ("syntax error near unexpected
    token"). Editors on Windows and some web uploads write them without showing it.

    ## Example
    With CRLF line endings:

        #!/bin/bash
        #BSUB -W 60
        ./solver

    Use instead: the same script with LF line endings (`dos2unix job.sh`):

        #!/bin/bash
        #BSUB -W 60
        ./solver

    ## Fix safety
    Removing the `\\r` before each line break is safe.
    """

    code = "JC812"
    name = "lsf-crlf-line-endings"
    severity = Severity.WARNING
    summary = "Windows (CRLF) line endings in an LSF job: the \\r reaches every command"
    fix_availability = "always"
    languages = ("shell", "python")
    schedulers = ("lsf",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if not lsf_uses(script) or script.scheduler != "lsf":
            return  # not an LSF job (a Slurm script gets JC004, PBS JC7xx, Grid Engine JC616)
        found = crlf_finding(
            script.text,
            "the job",
            "bsub accepts it, but every command gets a trailing \\r (`cd dir\\r` fails, `do\\r` is a syntax error)",
        )
        if found is not None:
            yield found
