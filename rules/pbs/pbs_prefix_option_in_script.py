from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity

from ..slurm.late_directives import line_after
from .pbs_directives import pbs_uses


class PrefixOptionInScript(Rule):
    """
    ## What it does
    Finds `-C` (the directive prefix) in a `#PBS` line.

    ## Why is this bad?
    qsub chooses the prefix before it reads the script (from `-C` on the command line, else
    `$PBS_DPREFIX`, else `#PBS`); a `-C` inside the script changes nothing.

    ## Example
        #PBS -C "#MYPBS"

    Use instead: the option on the command line, or no option:

        qsub -C "#MYPBS" job.sh

    ## Fix safety
    Removing the option is safe: it has no effect.
    """

    code = "JC705"
    name = "pbs-prefix-option-in-script"
    severity = Severity.WARNING
    summary = "-C in a #PBS line: qsub has chosen the prefix already, it has no effect"
    fix_availability = "always"
    languages = ("shell", "python")
    schedulers = ("pbs",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        text = script.text
        for directive, option in pbs_uses(script, words=True):
            if option.spelled != "-C" or option.kind != "option":
                continue
            if len(directive.options) == 1:
                edit = Edit.delete(directive.start, line_after(text, directive.end))
            else:
                cut = option.start
                while cut > directive.start and text[cut - 1] in " \t":
                    cut -= 1
                edit = Edit.delete(cut, option.end)
            yield Diagnostic(
                option.start,
                option.end,
                "`-C` in a `#PBS` line has no effect: qsub picks the prefix before reading the script (use `qsub -C`)",
                Fix.safe("remove `-C`", edit),
            )
