from __future__ import annotations

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity

from .job_request import job_request

THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS",
                    "VECLIB_MAXIMUM_THREADS", "NUMBA_NUM_THREADS", "JULIA_NUM_THREADS")


class ThreadCountMismatch(Rule):
    """
    ## What it does
    Finds `OMP_NUM_THREADS` (and the MKL, OpenBLAS, NumExpr, ... equivalents) set to a number
    that differs from the CPUs one task of the job has: Slurm's `--cpus-per-task` (1 when not
    given); PBS's `ompthreads=`, `ncpus=` (per `mpiprocs=`) or Torque's `ppn=`; LSF's `-n` on
    one host (`span[hosts=1]`); Grid Engine's slots of a shared-memory `-pe` (`smp`, `shm`, ...).

    ## Why is this bad?
    More threads than CPUs oversubscribe the cores the job has (every thread fights for them;
    the job runs slower, sometimes many times slower); fewer leave cores idle.

    ## Example
        #SBATCH --cpus-per-task=4
        export OMP_NUM_THREADS=16

    Use instead:

        export OMP_NUM_THREADS=$SLURM_CPUS_PER_TASK

    ## Fix safety
    `$SLURM_CPUS_PER_TASK` (PBS: `$NCPUS`/`$PBS_NUM_PPN`, LSF: `$LSB_DJOB_NUMPROC`, Grid Engine:
    `$NSLOTS`) is unsafe: it changes the thread count.
    """

    code = "JC304"
    name = "thread-count-mismatch"
    severity = Severity.WARNING
    summary = "OMP_NUM_THREADS and friends differ from the CPUs a task has (--cpus-per-task, ncpus, -pe smp N)"
    fix_availability = "always"

    def check(self, script, settings):
        request = job_request(script)
        if not request.batch or request.threads is None:
            return
        cpus = request.threads
        for assignment in script.assignments:
            if assignment.name not in THREAD_VARIABLES:
                continue
            value = assignment.value.value
            if not value or not value.isdigit():
                continue
            if int(value) == cpus or assignment.value.start >= assignment.value.end:
                continue
            variable = "$" + request.threads_variable
            yield Diagnostic(assignment.start, assignment.end,
                             "`%s=%s` but the job has %s: %s; use `%s`" % (
                                 assignment.name, value, request.threads_said,
                                 "threads oversubscribe the cores" if int(value) > cpus else "cores stay idle", variable),
                             Fix.unsafe("use `%s`" % variable, Edit(assignment.value.start, assignment.value.end,
                                                                    variable)))
