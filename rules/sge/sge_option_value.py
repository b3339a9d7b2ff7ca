from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .sge_directives import sge_uses

YES_NO = lazy(r"y(es)?|n(o)?")
VALUES = {
    "-j": YES_NO,
    "-r": YES_NO,
    "-R": YES_NO,
    "-now": YES_NO,
    "-sync": YES_NO,
    "-shell": YES_NO,
    "-b": YES_NO,
    "-m": lazy(r"n|[beas]+"),
    "-w": lazy(r"[ewnpv]"),
    "-a": lazy(r"(\d\d)?(\d\d)?\d{8}(\.\d\d)?"),
}


class OptionValue(Rule):
    """
    ## What it does
    Checks the values of `-j`, `-r`, `-R`, `-now`, `-sync`, `-shell`, `-b` (y[es] or n[o]), `-m`
    (n, or letters of b e a s), `-w`, `-a` ([[CC]YY]MMDDhhmm[.SS]), and `-p` (above 0 needs
    operator rights).

    ## Why is this bad?
    qsub refuses the script: `invalid option argument "-j oe"` (PBS's spelling), `Wrong mail
    options list format "x"`, `Wrong date/time format "tomorrow"`; a positive `-p` is refused
    for ordinary users ("positive submission priority requires operator privileges").

    ## Example
        #$ -j oe

    Use instead:

        #$ -j y

    ## Fix safety
    No fix.
    """

    code = "JC613"
    name = "sge-option-value"
    severity = Severity.ERROR
    summary = "An option value qsub refuses (-j oe, -m x, -a tomorrow, -p 10)"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _directive, option in sge_uses(script):
            if option.kind != "option" or option.value is None:
                continue
            spelled, value = option.spelled, option.value
            grammar = VALUES.get(spelled)
            if grammar is not None and not grammar.fullmatch(value):
                hint = "; Grid Engine writes `-j y`" if spelled == "-j" and value in ("oe", "eo") else ""
                yield Diagnostic(
                    option.value_start, option.value_end, "`%s %s`: qsub refuses this value%s" % (spelled, value, hint)
                )
            elif spelled == "-p" and not re.fullmatch(r"[+-]?\d+", value):
                hint = "; a project is `-P %s`" % value if value[:1].isalpha() else ""
                yield Diagnostic(
                    option.value_start,
                    option.value_end,
                    "`-p %s`: the priority is a whole number from "
                    '-1023 to 1024; qsub refuses the job ("invalid priority")%s' % (value, hint),
                )
            elif spelled == "-p" and re.fullmatch(r"\+?\d+", value) and int(value) > 0:
                yield Diagnostic(
                    option.value_start,
                    option.value_end,
                    "`-p %s`: a positive priority needs operator "
                    'rights; qsub refuses the job ("positive submission priority requires operator '
                    'privileges"); use 0 or less' % value,
                )
