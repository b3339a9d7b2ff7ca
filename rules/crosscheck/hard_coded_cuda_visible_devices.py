from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from .job_request import job_request


class HardCodedCudaDevices(Rule):
    """
    ## What it does
    In a job that requests a known number of GPUs per node, finds `CUDA_VISIBLE_DEVICES` whose
    first device number is one the job does not have: at or beyond that number.

    ## Why is this bad?
    The scheduler confines the job to the GPUs it allocated and numbers them from 0 inside the
    job (Slurm's and PBS's cgroups, LSF's `-gpu`). `CUDA_VISIBLE_DEVICES=2` in a job with two GPUs
    names a device that is not there: CUDA reports "no CUDA-capable device is detected". (CUDA
    keeps the devices listed before the first missing one, so `0,1,2,3` in a job with two GPUs
    still gets two; indices below the count are a harmless choice. Neither is reported.) Without
    device confinement (a site setting) the number names a GPU of another job instead.

    ## Example
        #SBATCH --gres=gpu:2
        export CUDA_VISIBLE_DEVICES=2,3

    Use instead: leave it to the scheduler (delete the line), or use indices from 0:

        #SBATCH --gres=gpu:2
        python train.py

    ## Fix safety
    No fix.
    """

    code = "JC303"
    name = "hard-coded-cuda-visible-devices"
    severity = Severity.WARNING
    summary = "CUDA_VISIBLE_DEVICES starts with a GPU beyond those the job requested"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        request = job_request(script)
        count = request.gpus_per_node
        if not request.gpus or not count:
            return
        for assignment in script.assignments:
            value = assignment.value.value
            if assignment.name != "CUDA_VISIBLE_DEVICES" or not value:
                continue
            first = value.split(",")[0].strip()
            # CUDA keeps the devices listed before the first one that does not exist: only a missing
            # first device leaves the program without any GPU
            if not first.isdigit() or int(first) < count:
                continue
            yield Diagnostic(
                assignment.start,
                assignment.end,
                "`CUDA_VISIBLE_DEVICES=%s` starts with GPU %s, but the "
                "job has %d GPU%s per node, numbered from 0 inside the job: CUDA sees no GPU at all "
                '("no CUDA-capable device is detected")' % (value, first, count, "" if count == 1 else "s"),
            )
