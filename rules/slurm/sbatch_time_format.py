from __future__ import annotations

from jobcheck import Severity

from . import grammar
from .value_rule import ValueRule


class TimeFormat(ValueRule):
    """
    ## What it does
    Checks `--time`, `--time-min`, `--begin` and `--deadline` values.

    ## Why is this bad?
    A malformed value makes sbatch refuse the script ("Invalid --time specification"). Worse,
    some mistakes are accepted and silently changed: `--time=90:30` is 90 minutes 30 seconds,
    rounded up to 01:31:00; a negative limit wraps around to no limit. `--time=12:00` is twelve *minutes* (MM:SS), which
    is what most authors mean (judged on real scripts), so it is not reported; MM:SS with
    seconds (`--time=90:30`) is, since it is rounded and reads like hours and minutes.

    A field above its usual range (`0-24:00:00`, `0:90:00`) is added up: the limit is exactly
    the duration written, so it is not reported either.

    ## Example
        #SBATCH --time=1-12h

    Use instead:

        #SBATCH --time=1-12:00:00

    ## Fix safety
    No fix: the intended duration is the author's.

    Severity: error when sbatch refuses the value, warning when it silently changes it.
    """

    code = "JC113"
    name = "sbatch-time-format"
    severity = Severity.ERROR
    summary = "Malformed or silently normalised --time/--begin value"
    OPTIONS = ("time", "time-min", "begin", "deadline")

    def verdict(self, use, script, settings):
        if use.name in ("begin", "deadline"):
            return grammar.check_begin(use.value, use.name)
        return grammar.check_time(use.value, use.name)
