from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sge_values import TIME_KEYS, TIME_RE

from .sge_directives import requested_resources


class TimeValue(Rule):
    """
    ## What it does
    Checks time resources (`h_rt`, `s_rt`, `h_cpu`, `s_cpu`): seconds, or `H:M:S` with exactly two
    colons; and a leading zero, which makes the number octal.

    ## Why is this bad?
    `h_rt=01:00`, `h_rt=1-00:00:00` and `h_rt=1:00:00:00` are refused at submission ("attribute
    \\"h_rt\\" is not a time value"). `h_rt=0600` is read as an octal C constant: 384 seconds,
    not 600, and the job is killed early.

    ## Example
        #$ -l h_rt=0600

    Use instead:

        #$ -l h_rt=600

    ## Fix safety
    Dropping the leading zeros of a plain number is safe (it is what the author wrote).
    """

    code = "JC604"
    name = "sge-time-value"
    severity = Severity.ERROR
    summary = "A time resource qsub refuses, or reads as octal"
    fix_availability = "sometimes"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for key, value, start, end in requested_resources(script):
            if key not in TIME_KEYS or not value:
                continue
            if not TIME_RE.fullmatch(value):
                yield Diagnostic(
                    start,
                    end,
                    "`%s=%s` is not a Grid Engine time (seconds, or H:M:S with two colons): "
                    'the job is refused with "attribute \\"%s\\" is not a time value"' % (key, value, key),
                )
            elif value.isdigit() and len(value) > 1 and value.startswith("0"):
                meant = value.lstrip("0") or "0"
                octal = int(value, 8) if re.fullmatch(r"[0-7]+", value) else None
                what = "%d seconds" % octal if octal is not None else "an invalid octal number"
                yield Diagnostic(
                    start,
                    end,
                    "`%s=%s` starts with 0, so Grid Engine reads it as octal: %s; write "
                    "`%s=%s`" % (key, value, what, key, meant),
                    Fix.safe("write `%s`" % meant, Edit(start, end, meant)),
                    severity=Severity.WARNING,
                )
