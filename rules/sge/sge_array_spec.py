from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity

from .sge_directives import sge_uses


class ArraySpec(Rule):
    """
    ## What it does
    Checks `-t` array ranges: `n[-m[:s]]` with indices from 1, and no `%` limit (Slurm's and
    Torque's syntax; Grid Engine has `-tc`).

    ## Why is this bad?
    `-t 1-10%2` is refused ("has unknown trailer \\"%2\\""); `-t 0-5` is refused at submission
    ("0 is an invalid task id").

    ## Example
        #$ -t 1-100%10

    Use instead:

        #$ -t 1-100
        #$ -tc 10

    ## Fix safety
    Moving a `%N` limit to `-tc N` is safe.
    """

    code = "JC606"
    name = "sge-array-spec"
    severity = Severity.ERROR
    summary = "A -t array range qsub refuses (a % limit, or index 0)"
    fix_availability = "sometimes"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _directive, option in sge_uses(script):
            if option.spelled != "-t" or not option.value:
                continue
            value = option.value
            start, end = option.value_start, option.value_end
            limit = re.fullmatch(r"(.*)%(\d+)", value)
            if limit:
                yield Diagnostic(
                    start,
                    end,
                    "`-t %s`: Grid Engine has no `%%` limit "
                    '("unknown trailer \\"%%%s\\""); write `-t %s -tc %s`'
                    % (value, limit.group(2), limit.group(1), limit.group(2)),
                    Fix.safe("use `-tc`", Edit(start, end, "%s -tc %s" % (limit.group(1), limit.group(2)))),
                )
                value = limit.group(1)
            if re.match(r"0+(\D|$)", value):
                yield Diagnostic(
                    start,
                    end,
                    'Grid Engine task ids start at 1: `-t %s` is refused ("0 is an invalid task id")' % option.value,
                )
