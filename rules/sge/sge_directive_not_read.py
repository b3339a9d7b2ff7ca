from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sge_directives import near_misses


class IndentedDirective(Rule):
    """
    ## What it does
    Finds lines that look like Grid Engine directives but are not read: an indented `#$`, or
    `# $` with a space.

    ## Why is this bad?
    qsub reads `#$` only in column 1: the options are silently not applied.

    ## Example
        #!/bin/bash
        #$ -cwd
        if true; then
          #$ -l h_rt=1:00:00
        fi

    Use instead: `#$ -l h_rt=1:00:00` at the start of its line:

        #!/bin/bash
        #$ -cwd
        #$ -l h_rt=1:00:00

    ## Fix safety
    No fix: turning the line on changes the job.
    """

    code = "JC603"
    name = "sge-directive-not-read"
    severity = Severity.WARNING
    summary = "A #$ line qsub does not read (indented, or '# $')"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if script.scheduler != "sge":
            return
        for start, end in near_misses(script.text):
            yield Diagnostic(start, end, "qsub reads `#$` only at the start of a line: these options are ignored")
