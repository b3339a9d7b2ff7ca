from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from .sge_directives import sge_uses


class ParallelEnvironment(Rule):
    """
    ## What it does
    Checks `-pe NAME RANGE`: the range must be slot counts above zero (`4`, `2-8`, `4-`).

    ## Why is this bad?
    `-pe smp 0` is refused ("pe range must be greater than zero"), `-pe smp two` ("Numerical
    value invalid!").

    ## Example
        #$ -pe smp 0

    Use instead:

        #$ -pe smp 1

    ## Fix safety
    No fix.
    """

    code = "JC611"
    name = "sge-parallel-environment"
    severity = Severity.ERROR
    summary = "A -pe slot range qsub refuses"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _directive, option in sge_uses(script):
            if option.spelled != "-pe" or not option.value or " " not in option.value:
                continue
            slots = option.value.split(" ", 1)[1]
            if not re.fullmatch(r"\d*-?\d*", slots) or not re.search(r"\d", slots):
                yield Diagnostic(
                    option.value_start,
                    option.value_end,
                    '`%s` is not a slot range (N, N-M, N- or -M): qsub stops with "Numerical value invalid!"' % slots,
                )
            elif any(int(n) == 0 for n in re.findall(r"\d+", slots)):
                yield Diagnostic(
                    option.value_start,
                    option.value_end,
                    "`-pe %s`: the slot range must be greater than zero; qsub refuses it" % option.value,
                )
