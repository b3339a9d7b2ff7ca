from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from ..directive_values import value_span
from ..workdir import first_relative_use
from .sge_directives import sge_uses


class JobStartsInHome(Rule):
    """
    ## What it does
    In a Grid Engine job without `-cwd` or `-wd`, finds the first relative path the script
    relies on before any `cd` (`./run.sh`, `python train.py`), and (as advice) relative
    `-o`/`-e` paths.

    ## Why is this bad?
    Without `-cwd` the job runs in your home directory, and relative `-o`/`-e` paths are
    relative to it too: the program is not found there, and the logs land in `$HOME` (checked
    on a real cell).

    ## Example
        #$ -o logs/run.out
        ./run.sh

    Use instead:

        #$ -cwd
        #$ -o logs/run.out
        ./run.sh

    ## Fix safety
    No fix: adding `-cwd` changes where the job runs and writes.
    """

    code = "JC618"
    name = "sge-job-starts-in-home"
    severity = Severity.WARNING
    summary = "Relative paths in a Grid Engine job without -cwd/-wd: it runs in $HOME"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        uses = sge_uses(script, words=True)
        if not uses or any(o.spelled in ("-cwd", "-wd") for _, o in uses):
            return
        for _, option in uses:
            if option.spelled in ("-o", "-e", "-i") and option.value:
                path = option.value.split(",")[0]
                if not path.startswith(("/", "$HOME", "~", "$")) and ":" not in path:
                    # advice only: qsub writes there without complaint, and some want their logs in $HOME
                    yield Diagnostic(
                        *value_span(option),
                        "`%s %s` is relative, and without `-cwd` it is relative to "
                        "$HOME; add `#$ -cwd` (or write the full path)" % (option.spelled, path),
                        severity=Severity.INFO,
                    )
        if script.language != "shell":
            return
        found = first_relative_use(script)
        if found is not None:
            start, end, what = found
            yield Diagnostic(
                start,
                end,
                "%s is relative, but without `-cwd` a Grid Engine job runs in $HOME; add "
                "`#$ -cwd` or `cd` first" % what,
            )
