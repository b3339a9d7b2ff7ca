"""What a job asks its scheduler for, in the terms the scheduler-neutral cross-checks need
(GPUs, the CPUs one task may use), read from whichever scheduler runs the job: Slurm's
request model, or the `#PBS`, `#BSUB` or `#$` lines their own readers found."""

from __future__ import annotations

import re
from typing import NamedTuple

from jobcheck import derived_fact
from jobcheck.patterns import lazy
from jobcheck.semantics.sbatch_header import slurm_directives

from ..lsf.lsf_directives import lsf_uses
from ..pbs.pbs_directives import flavor, pbs_uses, select_chunks
from ..pbs.pbs_directives import requested_resources as pbs_resources
from ..sge.sge_directives import requested_resources as sge_resources
from ..sge.sge_directives import sge_uses
from .slurm_request import request_of

# Grid Engine parallel environments that put every slot on one host (threads, not ranks).
SGE_SHARED_MEMORY_PES = lazy(
    r"^(smp|shm|shared|openmp|omp|threads?|make|multithread|mt|pe_slots|serial)$", re.IGNORECASE
)
# a queue, partition, QOS, constraint or resource whose name says GPU: sites add a GPU request for it
# (job_submit plugins, queue defaults) or hand out GPU nodes whole
GPU_HINT = lazy(
    r"gpu|cuda|nvidia|tesla|volta|ampere|hopper|fermi|kepler|pascal|dgx|[vpa]100|h100|a40|k80|rtx", re.IGNORECASE
)
# options that only make sense with GPUs: the GPU count itself comes from the submit command line
SLURM_GPU_COMPANIONS = ("cpus-per-gpu", "mem-per-gpu", "gpu-bind", "gpu-freq", "ntasks-per-gpu")


class JobRequest(NamedTuple):
    scheduler: str  # 'slurm', 'pbs', 'lsf', 'sge'
    batch: bool  # the script carries this scheduler's directives
    gpus: bool  # GPUs are requested explicitly
    gpu_queue: bool  # a queue/partition/constraint that says GPU, or GPU-only options: GPUs likely come
    threads: int | None  # the most CPUs the job's threads can have on one node, when the request says it
    threads_said: str  # how the request says it, for messages
    threads_variable: str  # the variable that holds it inside the job ('' when none does)
    gpu_request: str  # how to ask this scheduler for a GPU, for messages
    gpus_per_node: int | None = None  # GPUs on each node, when the request says it

    @property
    def name(self) -> str:
        return NAMES[self.scheduler]


NAMES = {"slurm": "Slurm", "pbs": "PBS", "lsf": "LSF", "sge": "Grid Engine"}


@derived_fact
def job_request(script) -> JobRequest:
    return _build(script)


def _build(script) -> JobRequest:
    if script.scheduler == "pbs":
        return _pbs(script)
    if script.scheduler == "lsf":
        return _lsf(script)
    if script.scheduler == "sge":
        return _sge(script)
    request = request_of(script)
    one_task = request.cpus_on_node == request.cpus_per_task
    variable = "SLURM_CPUS_PER_TASK" if "cpus-per-task" in request.options else "SLURM_CPUS_ON_NODE"
    hinted = (
        any(name in request.options for name in SLURM_GPU_COMPANIONS)
        or any(
            GPU_HINT.search(request.options[name].value or "")
            for name in ("partition", "qos", "constraint", "reservation", "account", "clusters")
            if name in request.options
        )
        or _late_gpu_request(script)
    )
    per_node = request.gpus_per_node
    total = request.options.get("gpus")
    if per_node is None and total is not None and (request.nodes or 1) == 1:
        per_node = _int((total.value or "").split(":")[-1])  # `--gpus=2`, `--gpus=a100:2` on one node
    return JobRequest(
        "slurm",
        request.batch,
        request.gpus,
        hinted,
        request.cpus_on_node if request.batch else None,
        request.cpus_said,
        variable if one_task else "",
        "`#SBATCH --gres=gpu:N` or `--gpus=N`",
        per_node,
    )


LATE_GPU_REQUEST = lazy(r"--gres[= ]\S*gpu|--gpus[\w-]*[= ]|\s-G\s*\d", re.IGNORECASE)


def _late_gpu_request(script) -> bool:
    """A GPU request written among `#SBATCH` lines sbatch never reads (after a command, or a template
    line filled in later): the author asked for GPUs; directive-after-command reports the place."""
    return any(
        not d.in_header and LATE_GPU_REQUEST.search(script.text[d.start : d.end]) for d in slurm_directives(script)
    )


def _int(value) -> int | None:
    return int(value) if value and value.isdigit() else None


def _pbs(script) -> JobRequest:
    gpus = False
    per_node = None
    threads = None
    said = ""
    variable = "NCPUS"
    queue = False
    for _, option in pbs_uses(script):
        if option.spelled == "-q" and option.value and GPU_HINT.search(option.value):
            queue = True
    for key, value, start, _ in pbs_resources(script):
        if (key in ("naccelerators",) or "gpu" in key.lower()) and (_int(value) or 0) > 0:
            gpus = True  # ngpus, gpus, NQSV's gpunum_job, ...
            per_node = _int(value) if key in ("ngpus", "gpunum_job") else per_node
        elif key == "select":
            for index, (_, items) in enumerate(select_chunks(value, start)):
                found = {res: val for res, val, _, _ in items}
                if (_int(found.get("ngpus")) or 0) > 0:
                    gpus = True
                if index == 0:
                    per_node = _int(found.get("ngpus"))
                    # a chunk's ncpus are its CPUs on one host, whatever its ranks and ompthreads share out
                    ncpus, omp = _int(found.get("ncpus")), _int(found.get("ompthreads"))
                    if ncpus and (omp or 0) <= ncpus:
                        threads, said = ncpus, "`ncpus=%d` per chunk" % ncpus
        elif key == "ncpus" and _int(value):
            threads, said = _int(value), "`ncpus=%s`" % value
        elif key == "nodes":
            parts = dict(p.partition("=")[::2] for p in value.split("+")[0].split(":")[1:])
            if (_int(parts.get("gpus")) or 0) > 0:
                gpus, per_node = True, _int(parts.get("gpus"))
            if _int(parts.get("ppn")):
                threads, said, variable = _int(parts["ppn"]), "`ppn=%s`" % parts["ppn"], "PBS_NUM_PPN"
    if flavor(script)[0] == "torque":
        variable = "PBS_NUM_PPN"
    return JobRequest(
        "pbs",
        bool(script.pbs_directives),
        gpus,
        queue,
        threads,
        said,
        variable,
        "`#PBS -l select=1:ngpus=N` (PBS Pro) or `nodes=1:gpus=N` (Torque)",
        per_node,
    )


def _lsf(script) -> JobRequest:
    gpus = queue = False
    slots = per_node = None
    one_host = False
    for _, option in lsf_uses(script):
        value = option.value or ""
        if option.spelled == "-gpu":
            gpus = True
            num = re.search(r"\bnum\s*=\s*(\d+)", value)
            per_node = int(num.group(1)) if num else (1 if value.strip() in ("-", "") else None)
        elif option.spelled == "-R":
            one_host = one_host or bool(re.search(r"span\[\s*hosts\s*=\s*1\s*\]", value))
            gpus = gpus or bool(GPU_HINT.search(value))  # `-R gpu`, `rusage[ngpus_physical=1]`
        elif option.spelled == "-alloc_flags" and GPU_HINT.search(value):
            queue = True  # Summit's `gpumps`: whole nodes, GPUs included
        elif option.spelled == "-n":
            slots = _int(value.split(",")[0])
        elif option.spelled == "-q" and GPU_HINT.search(value):
            queue = True
    threads = slots if one_host and slots else None
    return JobRequest(
        "lsf",
        bool(script.lsf_directives),
        gpus,
        queue,
        threads,
        "`-n %s` on one host" % slots if threads else "",
        "LSB_DJOB_NUMPROC",
        '`#BSUB -gpu "num=N"`',
        per_node,
    )


def _sge(script) -> JobRequest:
    gpus = queue = False
    threads = None
    said = ""
    for key, value, _, _ in sge_resources(script):
        if GPU_HINT.search(key) and value not in ("0", "false", "FALSE"):
            gpus = True
    for _, option in sge_uses(script):
        if option.spelled == "-q" and option.value and GPU_HINT.search(option.value):
            queue = True
        elif option.spelled == "-pe" and option.value:
            name, _, slots = option.value.partition(" ")
            if SGE_SHARED_MEMORY_PES.match(name) and slots.isdigit():
                threads, said = int(slots), "`-pe %s %s`" % (name, slots)
    return JobRequest(
        "sge",
        bool(script.sge_directives),
        gpus,
        queue,
        threads,
        said,
        "NSLOTS",
        "`#$ -l gpu=N` or the site's GPU resource",
    )
