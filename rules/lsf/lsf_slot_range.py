from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .lsf_directives import lsf_uses, value_span

SLOTS_RE = lazy(r"^(\d+)(?:,(\d+))?$")


class SlotRange(Rule):
    """
    ## What it does
    Checks `-n min[,max]`: whole numbers, at least 1, and min <= max.

    ## Why is this bad?
    bsub refuses the job.

    ## Example
        #BSUB -n 8,4

    Use instead:

        #BSUB -n 4,8

    ## Fix safety
    No fix.
    """

    code = "JC811"
    name = "lsf-slot-range"
    severity = Severity.ERROR
    summary = "A -n slot count bsub refuses (not a number, 0, or min > max)"
    languages = ("shell", "python")
    schedulers = ("lsf",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _, option in lsf_uses(script):
            if option.spelled != "-n" or option.kind != "option" or option.value is None:
                continue
            m = SLOTS_RE.match(option.value)
            span = value_span(option)
            if not m:
                yield Diagnostic(*span, "`-n %s`: bsub takes `min[,max]` whole numbers" % option.value)
            elif int(m.group(1)) == 0:
                yield Diagnostic(*span, "`-n %s`: a job needs at least 1 slot" % option.value)
            elif m.group(2) and int(m.group(2)) < int(m.group(1)):
                yield Diagnostic(*span, "`-n %s`: the minimum is above the maximum" % option.value)
