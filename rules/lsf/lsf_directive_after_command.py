from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from ..slurm.directives import in_heredoc


class DirectiveAfterCommand(Rule):
    """
    ## What it does
    Finds `#BSUB` lines after the first command.

    ## Why is this bad?
    LSF reads them (it has no stop rule, unlike Slurm and PBS), so they do apply when the
    script is piped to bsub (`bsub < job.sh`). But a reader expects the header to hold the whole
    request, and the same script under Slurm or PBS would lose them. Style only, so opt-in:
    on real scripts nothing went wrong with such a line.

    ## Example
        #BSUB -n 4
        module load gcc
        #BSUB -W 60

    Use instead: all `#BSUB` lines before the first command:

        #BSUB -n 4
        #BSUB -W 60
        module load gcc

    ## Fix safety
    No fix.
    """

    code = "JC803"
    name = "lsf-directive-after-command"
    severity = Severity.INFO
    opt_in = True
    summary = "A #BSUB line after the first command (LSF reads it; keep the request in the header)"
    languages = ("shell", "python")
    schedulers = ("lsf",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if script.scheduler != "lsf":
            return
        for directive in script.lsf_directives:
            if not directive.in_header and not in_heredoc(script, directive.start):
                yield Diagnostic(
                    directive.start,
                    directive.end,
                    "a `#BSUB` line after the first command: LSF reads it, but keep the whole request in the header",
                )
