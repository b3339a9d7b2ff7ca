from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from ..slurm.line_endings import crlf_finding
from .sge_directives import sge_uses


class CrlfLineEndings(Rule):
    """
    ## What it does
    Finds Windows line endings (`\\r\\n`) in a Grid Engine job.

    ## Why is this bad?
    Unlike sbatch, qsub accepts the script, and the `\\r` reaches the job: the queue's shell sees
    it at the end of every line (`$'\\r': command not found`, paths ending in `\\r`), and on a
    queue with `shell_start_mode unix_behavior` the `#!/bin/bash\\r` line makes the job fail at
    start (state Eqw).

    ## Example
    With CRLF line endings:

        #!/bin/bash
        #$ -cwd
        ./solver

    Use instead: the same script with LF line endings (`dos2unix job.sh`):

        #!/bin/bash
        #$ -cwd
        ./solver

    ## Fix safety
    Removing the `\\r` before each line break is safe.
    """

    code = "JC616"
    name = "sge-crlf-line-endings"
    severity = Severity.WARNING
    summary = "Windows (CRLF) line endings in a Grid Engine job: the \\r reaches every command"
    fix_availability = "always"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if not sge_uses(script, words=True):
            return  # not a Grid Engine job (a Slurm script gets JC004)
        found = crlf_finding(script.text, "the job", "qsub accepts it, but every command gets a trailing \\r")
        if found is not None:
            yield found
