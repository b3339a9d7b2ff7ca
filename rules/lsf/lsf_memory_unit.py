from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .lsf_directives import lsf_uses, value_span

MEMORY_RE = lazy(r"^\d+(\.\d+)?([KMGTPEZ]B?)?!?$", re.IGNORECASE)


class MemoryUnit(Rule):
    """
    ## What it does
    Finds `-M` (memory limit) and `-v` (swap limit) values bsub cannot read (an error), and,
    when the option `lsf-unit-for-limits` says the cluster's `LSF_UNIT_FOR_LIMITS` is `KB`,
    numbers without a unit (a warning, with the size they are there).

    ## Why is this bad?
    A number without a unit is read in the cluster's `LSF_UNIT_FOR_LIMITS`. That is KB only
    where the site left it unset; most sites set MB or GB, and there `-M 4000` is what its
    author meant, so without the setting such numbers are not reported. Where the unit is KB,
    `-M 4000` is a 4 MB limit and the job is killed at once. A unit (`-M 4GB`) means the same
    everywhere.

    ## Example
    With `lsf-unit-for-limits = "KB"`:

        #BSUB -M 4000

    Use instead:

        #BSUB -M 4000MB

    ## Fix safety
    No fix: the intended unit is unknown.
    """

    code = "JC805"
    name = "lsf-memory-unit"
    severity = Severity.WARNING
    summary = "A -M/-v memory limit bsub cannot read, or without a unit where the site's unit is KB"
    languages = ("shell", "python")
    schedulers = ("lsf",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        site_unit = (settings.get("lsf-unit-for-limits") or "").upper().rstrip("B")
        for _, option in lsf_uses(script):
            if option.spelled not in ("-M", "-v") or option.kind != "option" or not option.value:
                continue
            value = option.value
            span = value_span(option)
            if not MEMORY_RE.match(value):
                yield Diagnostic(
                    *span,
                    "`%s %s` is not a memory size bsub reads (a number, a unit KB/MB/GB/TB, and "
                    "`!` for a hard limit)" % (option.spelled, value),
                    severity=Severity.ERROR,
                )
            elif value.rstrip("!").replace(".", "").isdigit() and site_unit == "K":
                number = float(value.rstrip("!"))
                yield Diagnostic(
                    *span,
                    "`%s %s` has no unit: this cluster's LSF_UNIT_FOR_LIMITS is KB, so the limit "
                    "is %s; write the unit, e.g. `%sMB`" % (option.spelled, value, _kb(number), value.rstrip("!")),
                )


def _kb(number: float) -> str:
    if number < 1024:
        return "%g KB" % number
    if number < 1024 * 1024:
        return "%.1f MB" % (number / 1024)
    return "%.1f GB" % (number / 1024 / 1024)
