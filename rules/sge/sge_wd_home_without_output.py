from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from ..directive_values import value_span
from .sge_directives import sge_uses


class WorkdirHomeWithoutOutput(Rule):
    """
    ## What it does
    Finds `-wd $HOME` or `-wd ~` in a job that has no `-o`.

    ## Why is this bad?
    qsub expands `$HOME` for the job's working directory, but then names the output file after
    the unexpanded text: the job's standard output goes to a file literally called `$HOME` (or
    `~`) in the home directory (checked on a real cell).

    ## Example
        #$ -wd $HOME

    Use instead:

        #$ -wd $HOME
        #$ -o $HOME/logs/

    ## Fix safety
    No fix.
    """

    code = "JC619"
    name = "sge-wd-home-without-output"
    severity = Severity.WARNING
    summary = "-wd $HOME or -wd ~ without -o: the output goes to a file named '$HOME'"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        uses = sge_uses(script, words=True)
        if any(o.spelled == "-o" for _, o in uses):
            return
        for _, option in uses:
            if option.spelled == "-wd" and (option.value or "").rstrip("/") in ("$HOME", "~"):
                yield Diagnostic(
                    *value_span(option),
                    "with `-wd %s` and no `-o`, the job's output goes to a "
                    "file literally named `%s` in your home directory; add `#$ -o` with a path"
                    % (option.value, option.value.rstrip("/")),
                )
