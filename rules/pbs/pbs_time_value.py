from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .pbs_directives import flavor, requested_resources

TIME_KEYS = ("walltime", "cput", "pcput")
TIME_RE = lazy(r"^(\d+:){0,2}\d+(\.\d+)?$")
DAYS_RE = lazy(r"^(\d+)[-:](\d+):(\d+):(\d+)$")
SHORT_JOB = 60  # seconds: a walltime under a minute is almost surely minutes or hours meant
SMALL_NUMBER = 1000  # below this a plain number may well be minutes meant (`walltime=120`)


class TimeValue(Rule):
    """
    ## What it does
    Checks `-l walltime=`, `cput=` and `pcput=` against PBS's duration grammar
    `[[HH:]MM:]SS`, and says what a plain number means.

    ## Why is this bad?
    PBS Pro/OpenPBS has no days field: `1:00:00:00` and Slurm's `1-00:00:00` are refused ("illegal
    -l value"); Torque reads `DD:HH:MM:SS`, so a days field is reported only where the job is PBS
    Pro's (an error with the setting `pbspro`, a warning when inferred from `select=`, `-J`,
    `place=`). A plain number is **seconds**: `walltime=48` is 48 seconds, not 48 hours (a
    warning under 60, advice under 1000: `walltime=120` is two minutes).

    ## Example
        #PBS -l walltime=1-12:00:00

    Use instead:

        #PBS -l walltime=36:00:00

    ## Fix safety
    Folding the days into the hours is safe (the same duration).
    """

    code = "JC707"
    name = "pbs-time-value"
    severity = Severity.ERROR
    summary = "A PBS walltime with days (refused) or a plain number (seconds)"
    fix_availability = "sometimes"
    languages = ("shell", "python")
    schedulers = ("pbs",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for key, value, start, end in requested_resources(script):
            if key not in TIME_KEYS or start is None or not value:
                continue
            if value.isdigit():
                seconds = int(value)
                shown = "%d:%02d:%02d" % (seconds // 3600, seconds // 60 % 60, seconds % 60)
                if seconds < SHORT_JOB:
                    yield Diagnostic(
                        start,
                        end,
                        "`%s=%s` is %d seconds: PBS reads a plain number as seconds; "
                        "for hours write `%s:00:00`" % (key, value, seconds, value),
                        severity=Severity.WARNING,
                    )
                elif seconds < SMALL_NUMBER:
                    yield Diagnostic(
                        start,
                        end,
                        "`%s=%s` is read as seconds (%s); if you meant minutes, write "
                        "`%s:00`" % (key, value, shown, value),
                        severity=Severity.INFO,
                    )
                continue
            if TIME_RE.match(value):
                continue
            m = DAYS_RE.match(value)
            if m:
                hours = int(m.group(1)) * 24 + int(m.group(2))
                fixed = "%02d:%s:%s" % (hours, m.group(3), m.group(4))
                fix = Fix.safe("write `%s`" % fixed, Edit(start, end, fixed))
                if "-" in value:
                    yield Diagnostic(
                        start,
                        end,
                        "`%s=%s` is Slurm's days form: PBS Pro/OpenPBS refuses it (\"illegal "
                        '-l value") and Torque misreads it; write `%s`' % (key, value, fixed),
                        fix,
                    )
                    continue
                severity = _days_severity(script)
                if severity is None:
                    continue  # Torque (and Moab) read `DD:HH:MM:SS`; writing it is itself a sign of Torque
                yield Diagnostic(
                    start,
                    end,
                    '`%s=%s` has a days field: PBS Pro/OpenPBS refuses it ("illegal -l '
                    'value"), only Torque reads `DD:HH:MM:SS`; write `%s`' % (key, value, fixed),
                    fix,
                    severity=severity,
                )
            else:
                yield Diagnostic(
                    start,
                    end,
                    '`%s=%s` is not a PBS duration ([[HH:]MM:]SS): qsub refuses it ("illegal -l value")' % (key, value),
                )


def _days_severity(script):
    """A days field is refused by PBS Pro only: an error with the setting `pbspro`, a warning when
    the job shows PBS Pro's own syntax, else nothing (the author's site evidently takes it)."""
    which, _ = flavor(script)
    if which != "pbspro":
        return None
    return Severity.ERROR if script.pbs_flavor == "pbspro" else Severity.WARNING
