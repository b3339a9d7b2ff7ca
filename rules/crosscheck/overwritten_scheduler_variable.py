from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.command_views import views_named

# Per scheduler: the variables that describe the job's allocation (which launchers read to
# place their tasks), and the launchers that read them.
ALLOCATION = {
    "slurm": (
        frozenset(
            """
SLURM_NTASKS SLURM_NPROCS SLURM_NNODES SLURM_JOB_NUM_NODES SLURM_NODELIST SLURM_JOB_NODELIST SLURM_TASKS_PER_NODE
SLURM_JOB_CPUS_PER_NODE SLURM_NTASKS_PER_NODE SLURM_JOB_ID SLURM_JOBID SLURM_CPUS_ON_NODE
""".split()
        ),
        ("srun", "mpirun", "mpiexec", "mpiexec.hydra", "torchrun", "accelerate", "deepspeed"),
    ),
    "pbs": (
        frozenset("PBS_NODEFILE PBS_NUM_NODES PBS_NP PBS_NUM_PPN PBS_JOBID".split()),
        ("mpirun", "mpiexec", "mpiexec.hydra", "pbsdsh", "aprun"),
    ),
    "lsf": (
        frozenset("LSB_HOSTS LSB_MCPU_HOSTS LSB_DJOB_HOSTFILE LSB_DJOB_NUMPROC LSB_JOBID".split()),
        ("mpirun", "mpiexec", "mpiexec.hydra", "blaunch", "jsrun"),
    ),
    "sge": (frozenset("PE_HOSTFILE NSLOTS NHOSTS".split()), ("mpirun", "mpiexec", "mpiexec.hydra")),
}


class OverwrittenSchedulerVariable(Rule):
    """
    ## What it does
    Finds an assignment to a variable the scheduler sets to describe the job's allocation
    (`SLURM_NTASKS`, `SLURM_NNODES`, `SLURM_JOB_NODELIST`, `PBS_NODEFILE`, `LSB_HOSTS`,
    `PE_HOSTFILE`, `NSLOTS`, ...) in a job of that scheduler, followed by a launcher that reads
    it (`srun`, `mpirun`/`mpiexec`, `pbsdsh`, `blaunch`, ...).

    ## Why is this bad?
    Launchers take the allocation from these variables: `srun` reads `SLURM_NTASKS` and
    `SLURM_NNODES` as its defaults, Open MPI and MPICH read `SLURM_JOB_NODELIST`/`PBS_NODEFILE`/
    `LSB_HOSTS`/`PE_HOSTFILE` to find the hosts. Overwritten, they start the wrong number of
    tasks, on the wrong hosts, or stop with a placement error.

    ## Example
        #SBATCH --ntasks=64
        export SLURM_NTASKS=1
        srun ./solver

    Use instead: a name of your own (`NTASKS=1`), or pass the count to the one command that
    needs it:

        #SBATCH --ntasks=64
        srun -n 1 ./prepare
        srun ./solver

    ## Fix safety
    No fix: which commands should see the new value is the author's choice.

    Quiet where the value keeps the scheduler's (`SLURM_NTASKS=${SLURM_NTASKS:-1}`) or the
    script tests the variable first (`[ -z "$SLURM_NTASKS" ]`: a fallback for runs outside a job).
    """

    code = "JC314"
    name = "overwritten-scheduler-variable"
    severity = Severity.WARNING
    summary = "A variable the scheduler sets for the allocation is overwritten before a launcher reads it"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        names, launchers = ALLOCATION.get(script.scheduler or "", (frozenset(), ()))
        if not names or not script.scheduler_directives:
            return
        runs = views_named(script, settings.container_runtime, *launchers)
        if not runs:
            return
        text = script.text
        for assignment in script.assignments:
            name = assignment.name
            if name not in names or name in {p.value for p in assignment.value.params}:
                continue
            if re.search(r"-[nz]\s+\"?\$\{?%s\b" % name, text):
                continue  # a fallback for runs outside a job
            later = [view for view in runs if view.command.start > assignment.end]
            if not later:
                continue
            line = script.source.position(later[0].command.start).line
            yield Diagnostic(
                assignment.start,
                assignment.end,
                "`%s` is set by %s for this job's allocation; "
                "overwritten here, `%s` on line %d takes its task count or hosts from the new "
                "value, not from the allocation; use a name of your own"
                % (name, _scheduler(script), later[0].basename, line),
            )


def _scheduler(script) -> str:
    return {"slurm": "Slurm", "pbs": "PBS", "lsf": "LSF", "sge": "Grid Engine"}[script.scheduler]
