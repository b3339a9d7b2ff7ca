"""What a job asks its scheduler for, in the terms the scheduler-neutral cross-checks need
(GPUs, the CPUs one task may use), read from whichever scheduler runs the job: Slurm's
request model, or the `#PBS`, `#BSUB` or `#$` lines their own readers found."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .request import request_of

# Grid Engine parallel environments that put every slot on one host (threads, not ranks).
SGE_SHARED_MEMORY_PES = re.compile(r"^(smp|shm|shared|openmp|omp|threads?|make|multithread|mt|pe_slots|serial)$",
                                   re.IGNORECASE)
GPU_HINT = re.compile(r"gpu|cuda", re.IGNORECASE)


@dataclass(frozen=True)
class JobRequest:
    scheduler: str             # 'slurm', 'pbs', 'lsf', 'sge'
    batch: bool                # the script carries this scheduler's directives
    gpus: bool                 # GPUs are requested explicitly
    gpu_queue: bool            # a queue whose name says GPU (PBS/LSF/SGE queues can default a GPU request)
    threads: int | None        # the most CPUs the job's threads can have on one node, when the request says it
    threads_said: str          # how the request says it, for messages
    threads_variable: str      # the variable that holds it inside the job ('' when none does)
    submit: str                # the submit command, for messages
    gpu_request: str           # how to ask this scheduler for a GPU, for messages

    @property
    def name(self) -> str:
        return NAMES[self.scheduler]


NAMES = {"slurm": "Slurm", "pbs": "PBS", "lsf": "LSF", "sge": "Grid Engine"}


def job_request(script) -> JobRequest:
    return script.memoized("job-request", lambda: _build(script))


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
    # Slurm partitions cannot default a GPU request (PBS, LSF and Grid Engine queues can): no queue hint
    return JobRequest("slurm", request.batch, request.gpus, False,
                      request.cpus_on_node if request.batch else None, request.cpus_said,
                      variable if one_task else "", "sbatch", "`#SBATCH --gres=gpu:N` or `--gpus=N`")


def _int(value) -> int | None:
    return int(value) if value and value.isdigit() else None


def _pbs(script) -> JobRequest:
    from ..pbs.common import flavor, pbs_uses, requested_resources, select_chunks

    gpus = False
    threads = None
    said = ""
    variable = "NCPUS"
    queue = False
    for _, option in pbs_uses(script):
        if option.spelled == "-q" and option.value and GPU_HINT.search(option.value):
            queue = True
    for key, value, start, _ in requested_resources(script):
        if key in ("ngpus", "naccelerators", "gpus") and (_int(value) or 0) > 0:
            gpus = True
        elif key == "select":
            for index, (_, items) in enumerate(select_chunks(value, start)):
                found = {res: val for res, val, _, _ in items}
                if (_int(found.get("ngpus")) or 0) > 0:
                    gpus = True
                if index == 0:
                    # a chunk's ncpus are its CPUs on one host, whatever its ranks and ompthreads share out
                    ncpus, omp = _int(found.get("ncpus")), _int(found.get("ompthreads"))
                    if ncpus and (omp or 0) <= ncpus:
                        threads, said = ncpus, "`ncpus=%d` per chunk" % ncpus
        elif key == "ncpus" and _int(value):
            threads, said = _int(value), "`ncpus=%s`" % value
        elif key == "nodes":
            parts = dict(p.partition("=")[::2] for p in value.split("+")[0].split(":")[1:])
            if (_int(parts.get("gpus")) or 0) > 0:
                gpus = True
            if _int(parts.get("ppn")):
                threads, said, variable = _int(parts["ppn"]), "`ppn=%s`" % parts["ppn"], "PBS_NUM_PPN"
    if flavor(script)[0] == "torque":
        variable = "PBS_NUM_PPN"
    return JobRequest("pbs", bool(script.pbs_directives), gpus, queue, threads, said, variable, "qsub",
                      "`#PBS -l select=1:ngpus=N` (PBS Pro) or `nodes=1:gpus=N` (Torque)")


def _lsf(script) -> JobRequest:
    from ..lsf.common import lsf_uses

    gpus = queue = False
    slots = None
    one_host = False
    for _, option in lsf_uses(script):
        value = option.value or ""
        if option.spelled == "-gpu":
            gpus = True
        elif option.spelled == "-R":
            one_host = one_host or bool(re.search(r"span\[\s*hosts\s*=\s*1\s*\]", value))
            gpus = gpus or bool(re.search(r"ngpus", value))
        elif option.spelled == "-n":
            slots = _int(value.split(",")[0])
        elif option.spelled == "-q" and GPU_HINT.search(value):
            queue = True
    threads = slots if one_host and slots else None
    return JobRequest("lsf", bool(script.lsf_directives), gpus, queue, threads,
                      "`-n %s` on one host" % slots if threads else "", "LSB_DJOB_NUMPROC", "bsub", "`#BSUB -gpu \"num=N\"`")


def _sge(script) -> JobRequest:
    from ..sge.common import requested_resources, sge_uses

    gpus = queue = False
    threads = None
    said = ""
    for key, value, _, _ in requested_resources(script):
        if GPU_HINT.search(key) and value not in ("0", "false", "FALSE"):
            gpus = True
    for _, option in sge_uses(script):
        if option.spelled == "-q" and option.value and GPU_HINT.search(option.value):
            queue = True
        elif option.spelled == "-pe" and option.value:
            name, _, slots = option.value.partition(" ")
            if SGE_SHARED_MEMORY_PES.match(name) and slots.isdigit():
                threads, said = int(slots), "`-pe %s %s`" % (name, slots)
    return JobRequest("sge", bool(script.sge_directives), gpus, queue, threads, said, "NSLOTS", "qsub",
                      "`#$ -l gpu=N` or the site's GPU resource")
