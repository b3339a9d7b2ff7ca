from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from .sge_directives import sge_uses


class OptionIgnoredInScript(Rule):
    """
    ## What it does
    Finds `-C` (the directive prefix) and `-b` (binary job) in `#$` lines: qsub accepts them
    only on its command line.

    ## Why is this bad?
    They are dropped without a word: a `#$ -C '#X'` does not switch the prefix, `#$ -b y` does
    not make a binary job.

    ## Example
        #$ -b y

    Use instead: `-b y` on the qsub command line (a script is never a binary):

        qsub -b y ./solver

    ## Fix safety
    No fix.
    """

    code = "JC615"
    name = "sge-option-ignored-in-script"
    severity = Severity.WARNING
    summary = "-C or -b in a #$ line: qsub ignores them there"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _directive, option in sge_uses(script):
            if option.spelled in ("-C", "-b"):
                yield Diagnostic(
                    option.start,
                    option.end,
                    "qsub ignores `%s` inside a script: it works only on the command line" % option.spelled,
                )
