from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sbatch_translation import translation


class TranslatedTimeMisread(Rule):
    """
    ## What it does
    Finds time limits in `#PBS`/`#BSUB` lines that sbatch translates into a different limit:
    `#PBS -l walltime=3600` (PBS: seconds) becomes `--time=3600` (Slurm: minutes, 60 hours), and
    `#BSUB -W 2:00` (LSF: hours:minutes) becomes `--time=2:00` (Slurm: minutes:seconds, 2
    minutes).

    ## Why is this bad?
    sbatch applies translated lines after `#SBATCH`, so the wrong limit wins: the job is killed
    after two minutes, or sits in the queue asking for 60 hours.

    ## Example
        #SBATCH --job-name=ported
        #PBS -l walltime=3600

    Use instead:

        #SBATCH --job-name=ported
        #PBS -l walltime=01:00:00

    (or better, `#SBATCH --time=01:00:00` and no `#PBS` line).

    ## Fix safety
    Writing a PBS walltime in seconds as HH:MM:SS is safe: PBS reads it the same, and sbatch
    now does too. The `#BSUB -W` case has no fix (LSF has no seconds field to add).
    """

    code = "JC135"
    name = "translated-time-misread"
    severity = Severity.WARNING
    summary = "A #PBS/#BSUB time limit that sbatch translates into a different limit"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for t in translation(script):
            if t.name != "time" or not t.value:
                continue
            if t.family == "pbs" and t.value.isdigit():
                seconds = int(t.value)
                meant = "%02d:%02d:%02d" % (seconds // 3600, seconds % 3600 // 60, seconds % 60)
                key = t.source.partition("=")[0]
                value_start = t.start + len(key) + 1
                yield Diagnostic(
                    value_start,
                    t.end,
                    "PBS reads `%s` as %d seconds, but sbatch translates this line "
                    "to `--time=%s`, which Slurm reads as %d minutes (%s); write `%s=%s`"
                    % (t.source, seconds, t.value, seconds, _minutes(seconds), key, meant),
                    Fix.safe("write `%s`" % meant, Edit(value_start, t.end, meant)),
                )
            elif t.family == "pbs" and t.value.count(":") > 2:
                yield Diagnostic(
                    t.start,
                    t.end,
                    'sbatch translates `%s` to `--time=%s` and stops with "Invalid '
                    '--time specification" (PBS refuses it too: at most HH:MM:SS)' % (t.source, t.value),
                    severity=Severity.ERROR,
                )
            elif t.family == "lsf" and re.fullmatch(r"\d+:\d+", t.value):
                hours, minutes = t.value.split(":")
                yield Diagnostic(
                    t.start,
                    t.end,
                    "LSF reads `-W %s` as %s h %s min, but sbatch translates it to "
                    "`--time=%s`, which Slurm reads as %s min %s s; put the limit in `#SBATCH --time` "
                    "and delete the `#BSUB` line" % (t.value, hours, minutes, t.value, hours, minutes),
                )


def _minutes(minutes: int) -> str:
    if minutes >= 1440:
        return "%.1f days" % (minutes / 1440)
    return "%.1f hours" % (minutes / 60) if minutes >= 60 else "%d minutes" % minutes
