"""What the job asks Slurm for, as sbatch ends up reading it (for the cross-checks): the
`#SBATCH` header with sbatch's precedence (the last occurrence wins) and the `#PBS`/`#BSUB`
lines it translates and applies after the header."""

from __future__ import annotations

from dataclasses import dataclass

from jobcheck import derived_fact
from jobcheck.semantics.sbatch_header import slurm_directives
from jobcheck.semantics.sbatch_translation import effective_with_translation

from ..slurm.gpu_requests import requests_gpus


@dataclass
class Request:
    """What a Slurm job asks for, as sbatch reads its header: the facts the cross-checks compare."""

    batch: bool  # the script has #SBATCH directives: it is a batch job
    gpus: bool  # some GPU request (--gres=gpu..., --gpus*)
    gpus_per_node: int | None  # when it can be read off the request
    cpus_per_task: int  # Slurm's default is 1
    ntasks: int | None  # explicit --ntasks, or nodes x ntasks-per-node
    nodes: int | None
    array: bool
    options: dict
    tasks_known: bool  # the tasks are sized (--ntasks or --ntasks-per-node), not left to whole nodes
    cpus_on_node: int | None  # the most CPUs the batch step can have on its node; None when unknown
    cpus_said: str  # how the request says it, for messages


def _number(use) -> int | None:
    if use is None or not use.value:
        return None
    head = use.value.split("-")[0]
    return int(head) if head.isdigit() else None


@derived_fact
def request_of(script) -> Request:
    options = effective_with_translation(script, 0)  # #PBS/#BSUB lines sbatch translates included
    nodes = _number(options.get("nodes"))
    per_node = _number(options.get("ntasks-per-node") or options.get("tasks-per-node"))
    ntasks = _number(options.get("ntasks"))
    if ntasks is None and per_node is not None:
        ntasks = (nodes or 1) * per_node
    gpn = None
    for name in ("gpus-per-node", "gres"):
        use = options.get(name)
        if use is not None and use.value:
            last = use.value.split(",")[0].split(":")[-1]
            if last.isdigit():
                gpn = int(last)
            elif use.value.split(",")[0] in ("gpu",):
                gpn = 1
    cpus_per_task = _number(options.get("cpus-per-task")) or 1
    gpus = requests_gpus(options)
    tasks_known = ntasks is not None
    cpus_on_node, said = _cpus_on_node(options, cpus_per_task, per_node, _number(options.get("ntasks")), gpus)
    return Request(
        bool(slurm_directives(script)),
        gpus,
        gpn,
        cpus_per_task,
        ntasks,
        nodes,
        "array" in options,
        options,
        tasks_known,
        cpus_on_node,
        said,
    )


def _whole_nodes(options) -> bool:
    """The job may hold whole nodes: `--exclusive`, `--mem=0`, or nodes named with no task count
    (many sites allocate whole nodes, and authors who write only `--nodes` rely on it)."""
    if "exclusive" in options:
        return True
    mem = options.get("mem")
    if mem is not None and (mem.value or "").strip() in ("0", "0G", "0M"):
        return True
    return "nodes" in options and not any(
        name in options for name in ("ntasks", "ntasks-per-node", "tasks-per-node", "cpus-per-task")
    )


def _cpus_on_node(options, cpus_per_task, per_node, ntasks, gpus):
    """The most CPUs the batch step can have on its node, and how the request says it; (None, '')
    when the request leaves it open (whole nodes, CPUs that follow GPUs or memory)."""
    if _whole_nodes(options) or any(name in options for name in ("cpus-per-gpu", "mincpus", "ntasks-per-gpu")):
        return None, ""
    cpt = "cpus-per-task" in options
    if "nodes" in options and not cpt:
        return None, ""  # thinks in nodes (hybrid MPI + threads): where nodes come whole, threads have all cores
    each = " x `--cpus-per-task=%d`" % cpus_per_task if cpt else ", 1 CPU each"
    if per_node is not None:
        return cpus_per_task * per_node, "`--ntasks-per-node=%d`%s" % (per_node, each)
    if ntasks is not None:
        return cpus_per_task * ntasks, "`--ntasks=%d`%s" % (ntasks, each)
    if gpus and not cpt:
        return None, ""  # sites give CPUs with each GPU (DefCpuPerGPU)
    return cpus_per_task, (
        "`--cpus-per-task=%d`, one task" % cpus_per_task if cpt else "no `--ntasks` or `--cpus-per-task`"
    )
