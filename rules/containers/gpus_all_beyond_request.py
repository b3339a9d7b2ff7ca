from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy
from jobcheck.semantics.command_views import views_named

from ..crosscheck.job_request import job_request
from .engine_run import ENGINES, parse_run

# Most GPU nodes hold 4 or 8 GPUs: a job asking for fewer than this per node shares its node.
SMALLEST_USUAL_GPU_NODE = 4
# Directive text that gives the job its nodes whole: Slurm `--exclusive`, PBS `place=excl` or
# `naccesspolicy=singlejob`, LSF `-x`, Grid Engine `-l exclusive=true`.
WHOLE_NODE = lazy(
    r"--exclusive|(?<![\w-])-x\b|\bexcl(host)?\b|naccesspolicy=singlejob|\bexclusive(=(true|1))?\b", re.IGNORECASE
)
# `-e CUDA_VISIBLE_DEVICES=...`/`NVIDIA_VISIBLE_DEVICES=$...`: the author narrowed the devices the
# program uses; whether the numbers match the job's GPUs is the site's numbering.
NARROWED = lazy(r"^(CUDA|NVIDIA|HIP|ROCR)_VISIBLE_DEVICES(=(?!all$).*)?$")

OUTSIDE = {
    "docker": "docker's daemon starts the container outside the job's allocation",
    "podman": "podman starts the container in a control group of its own, outside the job's allocation",
}


class GpusAllBeyondRequest(Rule):
    """
    ## What it does
    In a batch job that requested fewer GPUs than a node has, finds `docker run`/`podman run`
    with `--gpus all` (`--gpus=all`) or `--device nvidia.com/gpu=all`.

    Not reported: jobs that hold their nodes whole (Slurm `--exclusive`, PBS `place=excl` or
    `naccesspolicy=singlejob`, LSF `-x`, Grid Engine `exclusive`), jobs that ask for 4 or more
    GPUs per node (a whole node at many sites) or an unknown number, and calls that pass
    `CUDA_VISIBLE_DEVICES` or `NVIDIA_VISIBLE_DEVICES` into the container (the author narrowed
    the devices). A job that requested no GPU at all is JC224's.

    ## Why is this bad?
    The Docker daemon starts the container outside the job's control groups (Podman, too, puts
    it in a control group of its own under systemd), so the scheduler's confinement of the job to
    its GPUs does not reach it: `all` means every GPU of the node, including those the scheduler
    gave to other jobs. The program runs on another job's GPU (slow, out of memory, or both jobs
    fail) while the GPU this job holds idles.

    ## Example
        #SBATCH --gres=gpu:1
        docker run --rm --gpus all my/trainer python train.py

    Use instead: pass only the job's GPUs. Slurm names them in `$SLURM_JOB_GPUS`:

        docker run --rm --gpus "\\"device=$SLURM_JOB_GPUS\\"" my/trainer python train.py

    ## Fix safety
    No fix: how the site numbers the GPUs of a job is the site's.
    """

    code = "JC225"
    name = "gpus-all-beyond-request"
    severity = Severity.WARNING
    summary = (
        "docker/podman run --gpus all in a job that requested fewer GPUs than a node has: it uses other jobs' GPUs"
    )

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        request = job_request(script)
        count = request.gpus_per_node
        if not request.batch or not request.gpus or not count or count >= SMALLEST_USUAL_GPU_NODE:
            return
        if _whole_nodes(script):
            return
        for view in views_named(script, settings.container_runtime, *ENGINES):
            outside = OUTSIDE.get(view.basename or "")
            if outside is None or len(view.words) < 2 or view.words[1].value != "run":
                continue
            flags, _, _ = parse_run(view.words)
            if any(_narrows(flag, value) for flag, value in flags):
                continue
            for flag, value in flags:
                spelled = _all_gpus(flag, value)
                if spelled is None:
                    continue
                yield Diagnostic(
                    flag.start,
                    (value or flag).end,
                    "`%s` hands the container every GPU of the node, "
                    "but this job requested %d GPU%s per node: %s, so it also uses GPUs the scheduler "
                    "gave to other jobs; pass only the job's GPUs%s"
                    % (
                        spelled,
                        count,
                        "" if count == 1 else "s",
                        outside,
                        ' (`--gpus "\\"device=$SLURM_JOB_GPUS\\""`)' if request.scheduler == "slurm" else "",
                    ),
                )


def _all_gpus(flag, value) -> str | None:
    """How the call spells "every GPU", or None."""
    text = flag.value or ""
    name, equals, inline = text.partition("=")
    given = inline if equals else (value.value if value is not None else None)
    if name == "--gpus" and given is not None and given.strip('"') == "all":
        return text if equals else "%s %s" % (text, value.text)
    if name == "--device" and given == "nvidia.com/gpu=all":
        return text if equals else "%s %s" % (text, value.text)
    return None


def _narrows(flag, value) -> bool:
    text = flag.value or ""
    if text in ("-e", "--env") and value is not None:
        return bool(NARROWED.match(value.value or value.text))
    return text.startswith("--env=") and bool(NARROWED.match(text[len("--env=") :]))


def _whole_nodes(script) -> bool:
    for directive in script.directives + script.pbs_directives + script.lsf_directives + script.sge_directives:
        if directive.in_header and WHOLE_NODE.search(script.text[directive.start : directive.end]):
            return True
    return False
