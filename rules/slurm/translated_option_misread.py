from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sbatch_translation import DROPPED_RESOURCES, translated_family, translation


class TranslatedOptionMisread(Rule):
    """
    ## What it does
    Finds `#PBS`/`#BSUB` options that sbatch translates into something else than the scheduler
    they were written for meant, or refuses:

    - `#PBS -p 10` (higher priority in PBS) becomes `--nice=10` (lower priority in Slurm);
    - `#BSUB -c 10` (a CPU-time limit) becomes `--chdir=10`;
    - `#BSUB -J "name[1-10]"` (an array) becomes a job named `name[1-10]`, not an array;
    - `-l ngpus=`, `place=`, `ompthreads=` are dropped without a word;
    - `#PBS -m f` (Torque) gives no mail type and sbatch stops ("Invalid --mail-type");
    - `#PBS -W depend=afterok:123.server` keeps `.server` and sbatch stops ("Job dependency
      problem"); `#PBS -a 202701011200` is no Slurm time ("Invalid --begin specification").

    ## Why is this bad?
    sbatch applies translated lines after `#SBATCH`, so these win: the job runs in the wrong
    folder, at the wrong priority, once instead of as an array, without its GPUs, or is refused.

    ## Example
        #SBATCH --gres=gpu:1
        #PBS -l select=1:ncpus=8:ngpus=1

    Use instead: the `#SBATCH` lines alone (`#SBATCH --ignore-pbs` keeps old lines inert):

        #SBATCH --gres=gpu:1
        #SBATCH --cpus-per-task=8

    ## Fix safety
    No fix.
    """

    code = "JC138"
    name = "translated-option-misread"
    severity = Severity.WARNING
    summary = "A #PBS/#BSUB option that sbatch translates into something else, or refuses"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for t in translation(script):
            yield from self._translated(t)
        for directive in translated_family(script):
            for option in directive.options:
                if directive.scheduler == "pbs" and option.name == "l" and option.value:
                    yield from self._dropped(option)

    def _translated(self, t):
        if t.name == "nice" and t.family == "pbs" and t.spelled == "-p":
            yield Diagnostic(
                t.start,
                t.end,
                "sbatch translates `-p %s` to `--nice=%s`: in PBS a higher number means a "
                "higher priority, in Slurm a lower one" % (t.value, t.value),
            )
        elif t.name == "chdir" and t.family == "lsf" and t.spelled == "-c":
            yield Diagnostic(
                t.start,
                t.end,
                "`#BSUB -c` is a CPU-time limit, but sbatch translates it to "
                "`--chdir=%s`: the job runs in that folder (or fails to start)" % t.value,
                severity=Severity.ERROR,
            )
        elif t.name == "job-name" and t.family == "lsf" and t.value and re.search(r"\[[\d,:%-]+\]", t.value):
            yield Diagnostic(
                t.start,
                t.end,
                "sbatch translates `-J %s` to the job name `%s`, not to an array: the job "
                "runs once; use `#SBATCH --array`" % (t.value, t.value),
            )
        elif t.name == "mail-type" and t.family == "pbs" and not t.value:
            yield Diagnostic(
                t.start,
                t.end,
                "sbatch translates only the letters a, b, e and n of `-m %s`, so it gets "
                'no mail type and stops with "Invalid --mail-type specification"' % t.source,
                severity=Severity.ERROR,
            )
        elif t.name == "dependency" and re.search(r":\d+\.[A-Za-z]", t.value or ""):
            yield Diagnostic(
                t.start,
                t.end,
                "sbatch copies `%s` as it is, server name included, and stops with "
                '"Job dependency problem"; Slurm job ids have no `.server` part' % t.source,
                severity=Severity.ERROR,
            )
        elif t.name == "begin" and t.value and re.fullmatch(r"\d{8,12}(\.\d\d)?", t.value):
            yield Diagnostic(
                t.start,
                t.end,
                "`-a %s` is PBS's [[CC]YY]MMDDhhmm time; sbatch translates it to "
                '`--begin=%s` and stops with "Invalid --begin specification"' % (t.value, t.value),
                severity=Severity.ERROR,
            )

    def _dropped(self, option):
        base = option.value_start
        offset = 0
        for item in option.value.split(","):
            for key in DROPPED_RESOURCES:
                found = re.search(r"(?:^|:)%s=[^:,]*" % key, item)
                if found is not None:
                    start = base + offset + found.start() + (1 if found.group(0).startswith(":") else 0)
                    yield Diagnostic(
                        start,
                        base + offset + found.end(),
                        "sbatch drops `%s` when it translates this "
                        "line: the job does not get it" % found.group(0).lstrip(":"),
                    )
            offset += len(item) + 1
