from __future__ import annotations

from jobcheck import Severity

from . import grammar
from .value_rule import ValueRule


class ArrayFormat(ValueRule):
    """
    ## What it does
    Checks `--array`: index ranges `A-B[:STEP]`, lists (in brackets or not: `[1-2]` is valid),
    an optional `%LIMIT`, and that every index is below MaxArraySize. MaxArraySize is the
    cluster's setting (Slurm's default 1001, many sites raise it): without `max-array-size` in
    the options an index at or above 1001 is a warning; with it, an error.

    ## Why is this bad?
    sbatch refuses a malformed specification or a too large index ("Invalid job array
    specification"). A `%` with no number is accepted and ignored: the array runs unthrottled.

    Severity: error when sbatch refuses the value on any cluster (or above the configured
    `max-array-size`), warning when it depends on the cluster's MaxArraySize or is silently
    changed.

    ## Example
        #SBATCH --array=1-5000%

    Use instead:

        #SBATCH --array=1-1000%50

    ## Fix safety
    No fix.
    """

    code = "JC116"
    name = "sbatch-array-format"
    severity = Severity.ERROR
    summary = "Malformed --array, index above MaxArraySize, or an empty `%` throttle"
    OPTIONS = ("array",)

    def verdict(self, use, script, settings):
        configured = settings.get("max-array-size")
        return grammar.check_array(use.value, int(configured) if configured else None)
