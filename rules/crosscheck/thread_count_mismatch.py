from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity

from .job_request import job_request

THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMBA_NUM_THREADS",
    "JULIA_NUM_THREADS",
)


class ThreadCountMismatch(Rule):
    """
    ## What it does
    Finds `OMP_NUM_THREADS` (and the MKL, OpenBLAS, NumExpr, ... equivalents) set to more threads
    than the job can have CPUs on one node: Slurm's tasks on the node times `--cpus-per-task`
    (1 CPU when the script asks for nothing else); PBS's `ncpus=` of a `select` chunk or Torque's
    `ppn=`; LSF's `-n` on one host (`span[hosts=1]`); Grid Engine's slots of a shared-memory `-pe`
    (`smp`, `shm`, ...). A job that may hold whole nodes (`--exclusive`, `--mem=0`, `--nodes`
    without `--cpus-per-task`: many sites hand out nodes whole, and hybrid MPI + OpenMP jobs
    written for them give each rank a share of the node's cores) or whose CPUs follow its GPUs is
    not checked.

    ## Why is this bad?
    More threads than CPUs oversubscribe the cores the job has (every thread fights for them;
    the job runs slower, sometimes many times slower). Fewer threads than CPUs is not reported:
    it is the usual MPI set-up (one thread per rank) or the author's choice.

    ## Example
        #SBATCH --cpus-per-task=4
        export OMP_NUM_THREADS=16

    Use instead:

        export OMP_NUM_THREADS=$SLURM_CPUS_PER_TASK

    ## Fix safety
    Where one task holds the node's CPUs: `$SLURM_CPUS_PER_TASK` (`$SLURM_CPUS_ON_NODE` without
    `--cpus-per-task`; PBS: `$NCPUS`/`$PBS_NUM_PPN`, LSF: `$LSB_DJOB_NUMPROC`, Grid Engine:
    `$NSLOTS`), unsafe: it changes the thread count. No fix where several tasks share the node.
    """

    code = "JC304"
    name = "thread-count-mismatch"
    severity = Severity.WARNING
    summary = "OMP_NUM_THREADS and friends exceed the CPUs the job has on a node (--cpus-per-task, ncpus, -pe smp N)"
    fix_availability = "sometimes"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        request = job_request(script)
        if not request.batch or request.threads is None:
            return
        cpus = request.threads
        for assignment in script.assignments:
            if assignment.name not in THREAD_VARIABLES:
                continue
            value = assignment.value.value
            # fewer threads than CPUs is the author's choice (MPI ranks, memory-bound code): only more is a defect
            if not value or not value.isdigit() or int(value) <= cpus or assignment.value.start >= assignment.value.end:
                continue
            fix = None
            if request.threads_variable:
                variable = "$" + request.threads_variable
                fix = Fix.unsafe("use `%s`" % variable, Edit(assignment.value.start, assignment.value.end, variable))
            yield Diagnostic(
                assignment.start,
                assignment.end,
                "`%s=%s` but the job has at most %d CPU%s on a node (%s): the threads oversubscribe "
                "the cores%s"
                % (
                    assignment.name,
                    value,
                    cpus,
                    "" if cpus == 1 else "s",
                    request.threads_said,
                    "; use `$%s`" % request.threads_variable if fix else "",
                ),
                fix,
            )
