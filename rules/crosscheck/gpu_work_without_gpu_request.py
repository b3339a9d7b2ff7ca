from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls

from .job_request import job_request


class GpuWorkWithoutRequest(Rule):
    """
    ## What it does
    In a batch job that requests no GPU, finds containers run with `--nv` or `--nvccli`.
    (`nvidia-smi` alone is a diagnostic print, not GPU work: it is not reported.)

    ## Why is this bad?
    Without `--gres=gpu:N` or `--gpus=N` Slurm gives the job no GPU (PBS: `ngpus=`/`gpus=`,
    LSF: `-gpu`, Grid Engine: a `-l` GPU resource): `--nv` finds no device and the work runs on
    the CPU, many times slower, or fails. (If the GPUs are requested on the submit command
    line, put them in the script so it says what it needs.) A queue, partition, QOS or
    constraint whose name says GPU counts as a request (queue defaults and job-submit plugins
    add one, some sites hand out GPU nodes whole), and so do options that only make sense with
    GPUs (`--cpus-per-gpu`, `--mem-per-gpu`, LSF `-R gpu`, Summit's `-alloc_flags gpumps`).

    ## Example
        #SBATCH --time=04:00:00
        apptainer exec --nv pytorch.sif python train.py

    Use instead:

        #SBATCH --time=04:00:00
        #SBATCH --gres=gpu:1

    ## Fix safety
    No fix: the number and type of GPUs are the author's.

    Opt-in (`--select JC302`): on real scripts it was right about one time in four. Whether a
    job without an explicit request gets GPUs is the site's (GPU partitions and queues, nodes
    handed out whole, devices not confined to the request), and `--nv` is often a harmless
    "use a GPU if there is one".
    """

    code = "JC302"
    name = "gpu-work-without-gpu-request"
    severity = Severity.WARNING
    opt_in = True
    summary = "`--nv` in a job that requests no GPU in any form the site may read"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        request = job_request(script)
        if not request.batch or request.gpus or request.gpu_queue:
            return
        for call in container_calls(script, settings):
            for use in call.flags:
                if use.name in ("nv", "nvccli") and (use.value is None or use.value.value not in ("false", "0")):
                    yield Diagnostic(
                        use.word.start,
                        use.word.end,
                        "`%s` asks for the GPUs, but the job requests none "
                        "(%s): %s gives it no GPU" % (use.spelled, request.gpu_request, request.name),
                    )
