from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sbatch_translation import translation


class TranslatedMemoryMisread(Rule):
    """
    ## What it does
    Finds memory requests in `#PBS`/`#BSUB` lines that sbatch translates into another amount or
    refuses: `#BSUB -M 4000` becomes `--mem-per-cpu=4000K` (4 MB); `#PBS -l mem=4000` (PBS: bytes)
    becomes `--mem=4000` (Slurm: megabytes); `#PBS -l mem=1.5gb` becomes `--mem=1.5g`, which sbatch
    refuses ("Invalid --mem specification").

    ## Why is this bad?
    The translated request wins over `#SBATCH`: the job is killed for running out of memory at
    once, or asks for a thousand times what the author meant, or is not submitted at all.

    ## Example
        #SBATCH --time=1:00:00
        #BSUB -M 4000

    Use instead: the `#SBATCH` line, and no `#BSUB` line:

        #SBATCH --time=1:00:00
        #SBATCH --mem-per-cpu=4000M

    ## Fix safety
    No fix: which unit was meant depends on the site the line came from.
    """

    code = "JC136"
    name = "translated-memory-misread"
    severity = Severity.WARNING
    summary = "A #PBS/#BSUB memory request that sbatch translates into another amount"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for t in translation(script):
            if t.name not in ("mem", "mem-per-cpu") or not t.value:
                continue
            if t.family == "lsf" and t.value.endswith("K") and t.value[:-1].isdigit():
                yield Diagnostic(
                    t.start,
                    t.end,
                    "sbatch translates `-M %s` to `--mem-per-cpu=%s`: %s kilobytes (LSF's "
                    "default unit), %.1f MB per CPU; put the amount in `#SBATCH --mem-per-cpu` with a unit"
                    % (t.value[:-1], t.value, t.value[:-1], int(t.value[:-1]) / 1024),
                )
            elif t.family == "pbs" and t.value.isdigit():
                yield Diagnostic(
                    t.start,
                    t.end,
                    "PBS reads `%s` as bytes, but sbatch translates it to `--mem=%s`, "
                    "which Slurm reads as megabytes; write a unit (`mem=%smb`)" % (t.source, t.value, t.value),
                )
            elif t.family == "pbs" and not re.fullmatch(r"\d+[KkMmGgTt]?", t.value):
                yield Diagnostic(
                    t.start,
                    t.end,
                    'sbatch translates `%s` to `--mem=%s` and stops with "Invalid --mem '
                    'specification"' % (t.source, t.value),
                    severity=Severity.ERROR,
                )
