from __future__ import annotations

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity

from .request import request_of

THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS",
                    "VECLIB_MAXIMUM_THREADS", "NUMBA_NUM_THREADS", "JULIA_NUM_THREADS")


class ThreadCountMismatch(Rule):
    """
    ## What it does
    Finds `OMP_NUM_THREADS` (and the MKL, OpenBLAS, NumExpr, ... equivalents) set to a number
    that differs from the job's `--cpus-per-task` (1 when not given).

    ## Why is this bad?
    More threads than CPUs oversubscribe the cores the job has (every thread fights for them;
    the job runs slower, sometimes many times slower); fewer leave cores idle.

    ## Example
        #SBATCH --cpus-per-task=4
        export OMP_NUM_THREADS=16

    Use instead:

        export OMP_NUM_THREADS=$SLURM_CPUS_PER_TASK

    ## Fix safety
    `$SLURM_CPUS_PER_TASK` is unsafe: it changes the thread count.
    """

    code = "JC304"
    name = "thread-count-mismatch"
    severity = Severity.WARNING
    summary = "OMP_NUM_THREADS and friends differ from --cpus-per-task"
    fix_availability = "always"

    def check(self, script, settings):
        request = request_of(script)
        if not request.batch:
            return
        cpus = request.cpus_per_task
        given = "cpus-per-task" in request.options
        for assignment in script.assignments:
            value = assignment.value.value
            if assignment.name not in THREAD_VARIABLES or not value or not value.isdigit():
                continue
            if int(value) == cpus or assignment.value.start >= assignment.value.end:
                continue
            said = "`--cpus-per-task=%d`" % cpus if given else "1 CPU per task (no `--cpus-per-task`)"
            yield Diagnostic(assignment.start, assignment.end,
                             "`%s=%s` but the job has %s: %s; use `$SLURM_CPUS_PER_TASK`" % (
                                 assignment.name, value, said,
                                 "threads oversubscribe the cores" if int(value) > cpus else "cores stay idle"),
                             Fix.unsafe("use `$SLURM_CPUS_PER_TASK`", Edit(assignment.value.start, assignment.value.end,
                                                                          "$SLURM_CPUS_PER_TASK")))
