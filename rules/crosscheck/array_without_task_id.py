from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from .slurm_request import request_of


class ArrayWithoutTaskId(Rule):
    """
    ## What it does
    Finds an array job that never reads its task index: `--array` without
    `$SLURM_ARRAY_TASK_ID`; PBS `-J`/`-t` without `$PBS_ARRAY_INDEX`/`$PBS_ARRAYID` (or
    `^array_index^`); LSF `-J "name[...]"` without `$LSB_JOBINDEX` (or `%I`); Grid Engine `-t`
    without `$SGE_TASK_ID` (or `$TASK_ID` in a path).

    ## Why is this bad?
    Every task of the array then does exactly the same work, usually writing the same files.

    Opt-in (`--select JC308`): judged on real scripts, the program the job runs most often
    reads the index itself (`os.environ["SLURM_ARRAY_TASK_ID"]`, MATLAB's `getenv`), a script
    it calls does, or identical tasks are the point (a pool of workers); the job script alone
    cannot show which. An array of one task is never reported.

    ## Example
        #SBATCH --array=0-9
        python train.py --seed 1

    Use instead:

        python train.py --seed "$SLURM_ARRAY_TASK_ID"

    ## Fix safety
    No fix.
    """

    code = "JC308"
    name = "array-without-task-id"
    severity = Severity.INFO
    opt_in = True  # the index is usually read by the program the script runs, out of sight
    summary = "An array job that never reads its task index ($SLURM_ARRAY_TASK_ID, $PBS_ARRAY_INDEX, ...)"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if script.scheduler in NATIVE_ARRAYS:
            yield from self._native(script)
            return
        request = request_of(script)
        if not request.array:
            return
        text = script.text
        if "SLURM_ARRAY_TASK_ID" in text or "SLURM_ARRAY_TASK" in text:
            return
        use = request.options["array"]
        if re.fullmatch(r"\[?(\d+)(?:-\1)?\]?(?:%\d*)?", use.value or ""):
            return  # one task: nothing is repeated
        yield Diagnostic(
            use.option.start,
            use.option.end,
            "this array job never reads `$SLURM_ARRAY_TASK_ID`: every task does the same work",
        )

    def _native(self, script):
        flags, variables = NATIVE_ARRAYS[script.scheduler]
        array = next(
            (
                o
                for d in script.scheduler_directives
                for o in d.options
                if o.kind == "option"
                and o.spelled in flags
                and o.value
                and (script.scheduler != "lsf" or "[" in o.value)
            ),
            None,
        )
        if array is None or any(v in script.text for v in variables):
            return
        variable = "PBS_ARRAYID" if array.spelled == "-t" and script.scheduler == "pbs" else variables[0]
        yield Diagnostic(
            array.start, array.end, "this array job never reads `$%s`: every task does the same work" % variable
        )


# Per scheduler: its array options, and what reads the task index (the variables, and the
# patterns its output paths expand per task).
NATIVE_ARRAYS = {
    "pbs": (("-J", "-t"), ("PBS_ARRAY_INDEX", "PBS_ARRAYID", "^array_index^")),
    "lsf": (("-J",), ("LSB_JOBINDEX", "%I")),
    "sge": (("-t",), ("SGE_TASK_ID", "$TASK_ID")),
}
