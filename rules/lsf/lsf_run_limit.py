from __future__ import annotations

import math
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .lsf_directives import lsf_uses, value_offset, value_span

RUN_LIMIT_RE = lazy(r"^(\d+:)?\d+(/\S+)?$")
WITH_SECONDS_RE = lazy(r"^(?:(\d+)[-:])?(\d+):(\d+):(\d+)$")


class RunLimit(Rule):
    """
    ## What it does
    Checks `-W` (and `-We`) against bsub's `[hour:]minute[/host]`.

    ## Why is this bad?
    LSF run limits have no seconds and no days: `-W 1:00:00` or Slurm's `1-00:00:00` are
    refused by bsub ("Bad argument"). (Minutes may exceed 59: `-W 90` is fine.)

    ## Example
        #BSUB -W 02:00:00

    Use instead:

        #BSUB -W 02:00

    ## Fix safety
    Dropping a `:00` seconds field and folding days into hours is safe (the same limit);
    rounding other seconds up to a minute is unsafe.
    """

    code = "JC804"
    name = "lsf-run-limit"
    severity = Severity.ERROR
    summary = "A -W run limit with seconds or days: bsub takes [hour:]minute"
    fix_availability = "sometimes"
    languages = ("shell", "python")
    schedulers = ("lsf",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _, option in lsf_uses(script):
            if option.spelled not in ("-W", "-We") or option.kind != "option" or not option.value:
                continue
            if RUN_LIMIT_RE.match(option.value):
                continue
            span = value_span(option)
            m = WITH_SECONDS_RE.match(option.value)
            if not m:
                yield Diagnostic(
                    *span, "`%s %s` is not an LSF run limit ([hour:]minute)" % (option.spelled, option.value)
                )
                continue
            days, hours, minutes, seconds = (int(g) if g else 0 for g in m.groups())
            total_minutes = (days * 24 + hours) * 60 + minutes + math.ceil(seconds / 60)
            fixed = "%d:%02d" % (total_minutes // 60, total_minutes % 60)
            fix = None
            if value_offset(script, option) is not None:
                make = Fix.safe if seconds == 0 else Fix.unsafe
                fix = make("write `%s`" % fixed, Edit(option.value_start, option.value_end, fixed))
            yield Diagnostic(
                *span,
                "`%s %s`: LSF run limits are [hour:]minute, without %s; write `%s`"
                % (option.spelled, option.value, "days" if days else "seconds", fixed),
                fix,
            )
