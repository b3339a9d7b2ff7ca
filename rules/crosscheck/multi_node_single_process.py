from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy
from jobcheck.semantics.command_views import views

from ..lsf.lsf_directives import lsf_uses
from ..pbs.pbs_directives import requested_resources
from ..sge.sge_directives import sge_uses
from .slurm_request import request_of

# Programs that start work on other hosts, or hand the job to something that may: MPI and
# parallel launchers, remote shells, distributed-training launchers, workflow engines, and
# applications that start their own MPI or Linda workers (ORCA, Molpro, Gaussian, Fluent, ...) or
# submit their own jobs to the grid (Canu).
MULTI_HOST = frozenset(
    """
srun mpirun mpiexec mpiexec.hydra mpirun_rsh mpiexec_mpt orterun prterun prun aprun ibrun jsrun gerun mpprun
poe blaunch lsrun pbsdsh pdsh clush ssh rsh charmrun ccmrun torchrun deepspeed accelerate
horovodrun parallel dask-ssh dask-mpi dask-scheduler dask-worker ray spark-submit start-all.sh pyspark
launcher paramrun pylauncher snakemake nextflow cromwell toil toil-cwl-runner cwltool make cmake scons
canu orca molpro g16 g09 g03 rung16 fluent cfx5solve starccm+ abaqus comsol ansys lsdyna matlab namd2 namd3
julia ipcluster ipengine mpi4py hydra_pmi_proxy submitit sbatch salloc qsub bsub
""".split()
)
# Text that shows the job reads its host list or reaches other nodes some other way.
USES_HOSTS = lazy(
    r"\b(srun|mpirun|mpiexec\S*|aprun|ibrun|jsrun|pbsdsh|pdsh|clush|ssh|torchrun|deepspeed|horovodrun|"
    r"SLURM_(JOB_)?NODELIST|SLURM_STEP_NODELIST|scontrol\s+show\s+host|PBS_NODEFILE|LSB_(DJOB_)?HOSTS|"
    r"LSB_MCPU_HOSTS|LSB_DJOB_HOSTFILE|PE_HOSTFILE|host_?file|machine_?file|node_?file|nodelist|"
    r"MASTER_ADDR|world_size|SLURM_NNODES|SLURM_JOB_NUM_NODES|PBS_NUM_NODES)\b"
    # `mpicmd`, `run_mpi.py`, `--sim_nodes=8`, `--num-nodes`: MPI or a node count handed to a program
    r"|mpi|nodes(?![a-z])|nnodes",
    re.IGNORECASE,
)
SHELLS = frozenset({"sh", "bash", "zsh", "ksh", "dash", "csh", "tcsh", "source", ".", "eval", "exec"})


class MultiNodeSingleProcess(Rule):
    """
    ## What it does
    Finds a job that asks for several nodes (`--nodes=4`, `-N 4`, Torque `nodes=4:ppn=8`,
    PBS Pro `select=4:...` with `place=scatter`, LSF `-nnodes 4`) while nothing in it starts
    work on more than one host: no `srun`, `mpirun`/`mpiexec`, `torchrun`, `pbsdsh`, `jsrun`,
    `ssh`, no use of the host list (`$SLURM_JOB_NODELIST`, `$PBS_NODEFILE`, ...).

    As an info: tasks or slots the scheduler may place on several hosts, asked for by a job
    whose work is the same single process: Slurm `--ntasks=8` (`-n 8`) without `--nodes`,
    `--ntasks-per-node` or `--nodelist`, and Grid Engine `-pe mpi 8` (a parallel environment
    named for MPI or for spreading slots: `mpi`, `orte`, `fill_up`, `round_robin`, ...).
    Such a job often lands on one node and works; when its tasks are split, the one process
    gets only the CPUs on the first node. One process with many CPUs asks for them as
    `--ntasks=1 --cpus-per-task=8` (Grid Engine: `-pe smp 8`).

    ## Why is this bad?
    A batch script runs on the first node of the allocation only. A plain `python train.py`
    there uses one node; the others idle for the whole job and are billed (and the job waits
    longer in the queue for nodes it never uses).

    ## Example
        #SBATCH --nodes=4
        python train.py

    Use instead:

        #SBATCH --nodes=1

    or launch the work on every node: `srun python train.py`.

    ## Fix safety
    No fix: whether to ask for one node or to launch on all of them is the author's choice.

    The rule says nothing when it cannot see everything the job runs: a shell script it calls
    (`bash run.sh`, `./run.sh`, `source env.sh`), a command held in a variable (`$LAUNCHER
    python x.py`), `eval`, a shell function, or a program known to start its own workers on
    other hosts (ORCA, Molpro, Gaussian/Linda, Fluent, workflow engines, ...).
    """

    code = "JC313"
    name = "multi-node-single-process"
    severity = Severity.WARNING
    summary = (
        "Several nodes requested, but nothing starts work on more than one (info: --ntasks without --nodes, "
        "-pe mpi N, for one process)"
    )

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        found = _node_request(script)
        if found is None or not script.commands:
            return
        start, end, said, nodes = found
        spread = nodes is None  # tasks or slots the scheduler may place on several hosts
        body = "\n".join(
            line for line in script.text[script.header_end :].splitlines() if not line.lstrip().startswith("#")
        )
        if USES_HOSTS.search(body):
            return
        programs = []
        for command in script.commands:
            if command.function is not None:
                return  # a function: what calls it, and how, is more than this rule reads
            for view in views(command, settings.container_runtime, script.launchers):
                name = view.basename
                if view.words and name is None:
                    return  # `$LAUNCHER python x.py`: the program is not known
                if name is None:
                    continue
                if name in MULTI_HOST or name in SHELLS or _runs_a_script(view):
                    return
                programs.append(name)
        if not programs:
            return
        if spread:
            sge = script.scheduler == "sge"
            yield Diagnostic(
                start,
                end,
                "%s may place its %s on several nodes, but no command of this script "
                "starts work on more than one (no %s`mpirun`, ... and no use of the host list): the "
                "script runs on the first node with only the CPUs it got there; for one process with "
                "many CPUs ask for %s"
                % (said, "slots" if sge else "tasks", "" if sge else "`srun`, ", _one_host(script)),
                severity=Severity.INFO,
            )
            return
        yield Diagnostic(
            start,
            end,
            "%s asks for %d nodes, but no command of this script starts work on more "
            "than one (no `srun`, `mpirun`, `torchrun`, ... and no use of the host list): the "
            "script runs on the first node, and %s; ask for one node or launch the work with "
            "`%s`" % (said, nodes, _idle(nodes - 1), _launcher(script)),
        )


def _one_host(script) -> str:
    return {"sge": "a parallel environment that keeps its slots on one host (`-pe smp N`)"}.get(
        script.scheduler or "", "`--nodes=1` (or `--ntasks=1 --cpus-per-task=N`)"
    )


def _idle(others: int) -> str:
    return "the other node idles and is billed" if others == 1 else "the other %d idle and are billed" % others


def _launcher(script) -> str:
    return {"pbs": "mpiexec", "lsf": "jsrun"}.get(script.scheduler or "", "srun")


def _runs_a_script(view) -> bool:
    """`./run.sh`, `run.sh`, `bash run.sh`: a shell script this rule cannot see into."""
    name = view.name or ""
    return name.endswith((".sh", ".bash", ".csh", ".ksh", ".zsh")) or (
        name.startswith("./") and "." not in name[2:].rpartition("/")[2]
    )


def _count(text: str | None) -> int | None:
    head = (text or "").split("-")[0].split(":")[0]
    return int(head) if head.isdigit() else None


def _node_request(script):
    """(start, end, how it is said, nodes) of a request for two or more nodes, or None."""
    if script.scheduler == "pbs":
        return _pbs(script)
    if script.scheduler == "lsf":
        return _lsf(script)
    if script.scheduler == "sge":
        return _sge(script)
    if script.scheduler not in (None, "slurm"):
        return None
    request = request_of(script)
    use = request.options.get("nodes")
    if not request.batch:
        return None
    if use is None:
        return _slurm_tasks(script, request)
    nodes = _count(use.value)
    if nodes is None or nodes < 2:
        return None
    option = use.option
    return option.start, option.end, "`%s`" % script.text[option.start : option.end], nodes


def _slurm_tasks(script, request):
    """`--ntasks=64` with no `--nodes`: Slurm may spread the tasks over several nodes."""
    use = request.options.get("ntasks")
    if use is None or (_count(use.value) or 0) < 2 or not hasattr(use, "option") or use.option is None:
        return None
    if any(name in request.options for name in ("ntasks-per-node", "tasks-per-node", "nodelist")):
        return None  # tasks placed by node, or on named hosts
    option = use.option
    return option.start, option.end, "`%s` without `--nodes`" % script.text[option.start : option.end], None


# Grid Engine parallel environments named for MPI or for spreading slots (`$fill_up`, `$round_robin`)
SGE_SPANNING_PES = lazy(r"mpi|orte|mpich|dmp|fill|round|rr\b|distributed", re.IGNORECASE)


def _sge(script):
    """`#$ -pe mpi 64`: a parallel environment that spreads its slots over hosts."""
    for _, option in sge_uses(script):
        if option.spelled != "-pe" or not option.value:
            continue
        name, _, slots = option.value.partition(" ")
        if SGE_SPANNING_PES.search(name) and (_count(slots.strip()) or 0) >= 2:
            return option.start, option.end, "`-pe %s`" % option.value, None
    return None


def _pbs(script):
    resources = list(requested_resources(script))
    scatter = any(key == "place" and "scatter" in value for key, value, _, _ in resources)
    for key, value, start, end in resources:
        if start is None:
            continue
        if key == "nodes" and "+" not in value:
            nodes = _count(value)
        elif key == "select" and scatter and "+" not in value:
            nodes = _count(value) if ":" in value else None
        else:
            continue
        if nodes is not None and nodes >= 2:
            return start - len(key) - 1, end, "`%s=%s`" % (key, value), nodes
    return None


def _lsf(script):
    for _, option in lsf_uses(script):
        if option.spelled == "-nnodes" and (_count(option.value) or 0) >= 2:
            return option.start, option.end, "`-nnodes %s`" % option.value, _count(option.value)
    return None
