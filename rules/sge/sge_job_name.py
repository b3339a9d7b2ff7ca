from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from .sge_directives import sge_uses


class JobName(Rule):
    """
    ## What it does
    Checks `-N` job names: no leading digit, no `/ : @ *`, no white space or non-ASCII letters.

    ## Why is this bad?
    The job is refused: `"1abc" is not a valid object name (cannot start with a digit)`,
    `argument to -N option must not contain /`, `Colon (':') not allowed in objectname`; a name
    with a space or non-ASCII letters fails with "Error reading answer list from qmaster".

    ## Example
        #$ -N 2024-run

    Use instead:

        #$ -N run-2024

    ## Fix safety
    No fix.
    """

    code = "JC608"
    name = "sge-job-name"
    severity = Severity.ERROR
    summary = "A -N job name Grid Engine refuses"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _directive, option in sge_uses(script):
            if option.spelled != "-N" or not option.value:
                continue
            name = option.value
            start, end = option.value_start, option.value_end
            bad = re.search(r"[/:@*]", name)
            if name[0].isdigit():
                yield Diagnostic(
                    start, end, '`%s` starts with a digit: the job is refused ("cannot start with a digit")' % name
                )
            elif bad:
                yield Diagnostic(
                    start,
                    end,
                    "`%s` contains `%s`, which Grid Engine does not allow in a job name: the "
                    "job is refused" % (name, bad.group(0)),
                )
            elif not name.isascii() or re.search(r"\s", name):
                yield Diagnostic(
                    start,
                    end,
                    "`%s` has white space or non-ASCII letters: the submission fails with "
                    '"Error reading answer list from qmaster"' % name,
                )
