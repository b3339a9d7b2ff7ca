from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity

from .sge_directives import sge_uses


class PriorityNotANumber(Rule):
    """
    ## What it does
    Finds `#$ -p` with a value that is not a whole number: `-p myproject`, `-p bio`.

    ## Why is this bad?
    `-p` is the job's priority, an integer from -1023 to 1024; qsub refuses anything else
    ("invalid priority"). A name there is almost always the project, which is `-P` (upper case).

    ## Example
        #$ -p genomics

    Use instead:

        #$ -P genomics

    ## Fix safety
    Writing `-P` is unsafe: the job then runs under that project, which the author must own.
    """

    code = "JC620"
    name = "sge-priority-not-a-number"
    severity = Severity.ERROR
    summary = "`#$ -p` with a value that is not a number (the project is `-P`)"
    fix_availability = "always"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _, option in sge_uses(script):
            if option.spelled != "-p" or option.kind != "option" or option.value is None:
                continue
            if re.fullmatch(r"[-+]?\d+", option.value.strip()) or option.value_start is None:
                continue
            hint = ""
            fix = None
            if re.fullmatch(r"[A-Za-z_][\w.-]*", option.value):
                hint = "; the project is `-P %s`" % option.value
                fix = Fix.unsafe("write `-P`", Edit(option.start, option.start + 2, "-P"))
            yield Diagnostic(
                option.value_start,
                option.value_end,
                "`-p %s`: `-p` is the priority, a number from -1023 "
                'to 1024, and qsub refuses this value ("invalid priority")%s' % (option.value, hint),
                fix=fix,
            )
