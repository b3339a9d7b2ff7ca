from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity

from .sge_directives import sge_uses


class HoldJobSyntax(Rule):
    """
    ## What it does
    Finds `-hold_jid` values written the Slurm or PBS way (`afterok:123`).

    ## Why is this bad?
    Grid Engine takes the value as a job name pattern that matches nothing: the job does not
    wait and starts at once, before the job it depends on has produced anything.

    ## Example
        #$ -hold_jid afterok:4711

    Use instead:

        #$ -hold_jid 4711

    ## Fix safety
    Dropping the `afterok:`-style prefix is safe.
    """

    code = "JC610"
    name = "sge-hold-jid-syntax"
    severity = Severity.WARNING
    summary = "-hold_jid written the Slurm/PBS way: the job does not wait"
    fix_availability = "always"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _directive, option in sge_uses(script):
            if option.spelled != "-hold_jid" or not option.value:
                continue
            found = re.match(r"(after\w*|before\w*|singleton):", option.value)
            if found:
                start = option.value_start
                yield Diagnostic(
                    start,
                    option.value_end,
                    "`%s` is Slurm/PBS syntax: Grid Engine reads it as a job "
                    "name that matches nothing, so this job starts at once; write `-hold_jid %s`"
                    % (option.value, option.value[found.end() :]),
                    Fix.safe("drop `%s`" % found.group(0), Edit.delete(start, start + found.end())),
                )
