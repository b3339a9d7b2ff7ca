from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sbatch_header import slurm_directives

from .line_endings import crlf_finding


class CrlfLineEndings(Rule):
    """
    ## What it does
    Finds Windows line endings (`\\r\\n`) in a script with `#SBATCH` lines.

    ## Why is this bad?
    sbatch refuses any script that holds a single `\\r\\n`:

        sbatch: error: Batch script contains DOS line breaks (\\r\\n)
        sbatch: error: instead of expected UNIX line breaks (\\n).

    Editors on Windows and some web uploads write them without showing it.

    ## Example
    With CRLF line endings (as editors on Windows and some web uploads write them):

        #!/bin/bash
        #SBATCH --time=10:00
        srun ./solver

    Use instead: the same script with LF line endings (`dos2unix job.sh`):

        #!/bin/bash
        #SBATCH --time=10:00
        srun ./solver

    ## Fix safety
    Removing the `\\r` before each line break is safe: bash would otherwise see the `\\r` as part
    of the last word of each line.
    """

    code = "JC004"
    name = "crlf-line-endings"
    severity = Severity.ERROR
    summary = "Windows (CRLF) line endings: sbatch refuses the script"
    fix_availability = "always"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if not slurm_directives(script):
            return
        found = crlf_finding(script.text, "the script", 'sbatch refuses it ("Batch script contains DOS line breaks")')
        if found is not None:
            yield found
