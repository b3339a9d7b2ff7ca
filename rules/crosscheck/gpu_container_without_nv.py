from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls, describe

from .gpu_vendor import amd_gpus, nvidia_gpus
from .job_request import job_request

GPU_FLAGS = ("nv", "nvccli", "rocm")


class GpuContainerWithoutNv(Rule):
    """
    ## What it does
    In a job that requests GPUs, finds apptainer/singularity `exec`/`run`/`shell`/`instance start`
    calls without `--nv` (or `--nvccli`, `--rocm`).

    Not reported: jobs that show AMD GPUs (`--rocm`, ROCm modules, `HIP_VISIBLE_DEVICES` or
    `ROCR_VISIBLE_DEVICES`, MI-series GRES, LUMI's `project_46...` folders and `*-g` partitions),
    where a container reaches the GPU devices without a flag; `exec`/`run` on `instance://NAME`
    (the instance was started with its own flags); steps that only install, download, copy or
    look around (`pip install`, `wget`, `cp`, `ls`, ...) or whose output is captured (`$(...)`);
    calls whose flags come partly from an unquoted `$VAR`, which may hold `--nv`; a step that the
    script also runs with `--nv` (a deliberate comparison).

    ## Why is this bad?
    Without `--nv` the container sees no NVIDIA driver libraries: CUDA code fails with "no CUDA
    GPUs are available" or silently runs on the CPU, while the GPUs the job pays for idle.

    ## Example
        #SBATCH --gres=gpu:1
        apptainer exec pytorch.sif python train.py

    Use instead:

        apptainer exec --nv pytorch.sif python train.py

    ## Fix safety
    Adding `--nv` is unsafe: a step may be meant for the CPU, and AMD GPUs need `--rocm`.
    """

    code = "JC301"
    name = "gpu-container-without-nv"
    severity = Severity.WARNING
    summary = (
        "The job requests (NVIDIA) GPUs but a GPU step's container runs without --nv (AMD jobs, instances, "
        "helper steps exempt)"
    )
    fix_availability = "always"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        request = job_request(script)
        if not request.gpus or amd_gpus(script):
            return
        flag = "`--nv`" if nvidia_gpus(script) else "`--nv` (or `--rocm` for AMD GPUs)"
        # the same step run again with `--nv`: a deliberate comparison (tutorials, benchmarks)
        with_gpu = {
            _step(call)
            for call in container_calls(script, settings)
            if call.image is not None and any(use.name in GPU_FLAGS for use in call.flags)
        }
        for call in container_calls(script, settings):
            if call.image is not None and _step(call) in with_gpu:
                continue
            if call.command not in GPU_COMMANDS or call.image is None or not _gpu_step(call):
                continue
            if any(use.name in GPU_FLAGS or use.dynamic or _gpu_flag_as_value(use) for use in call.flags):
                continue
            end = call.command_words[-1].end
            yield Diagnostic(
                call.words[0].start,
                end,
                "the job requests GPUs, but `%s` runs without %s: the "
                "container sees no GPU driver, so GPU code fails or quietly runs on the CPU" % (describe(call), flag),
                Fix.unsafe("add `--nv`", Edit.insert(end, " --nv")),
            )


GPU_COMMANDS = ("exec", "run", "shell", "test", "instance start", "instance run")
# programs that install, fetch, copy or look around: a step running them needs no GPU
NON_GPU_PROGRAMS = frozenset(
    (
        "pip",
        "pip3",
        "conda",
        "mamba",
        "micromamba",
        "apt",
        "apt-get",
        "cp",
        "mv",
        "rsync",
        "scp",
        "wget",
        "curl",
        "tar",
        "unzip",
        "gunzip",
        "gzip",
        "zip",
        "git",
        "mkdir",
        "ls",
        "cat",
        "echo",
        "printf",
        "rm",
        "ln",
        "touch",
        "chmod",
        "find",
        "which",
        "env",
        "printenv",
        "true",
        "hostname",
        "date",
        "pwd",
        "du",
        "df",
        "head",
        "tail",
        "sed",
        "awk",
        "grep",
        "sha256sum",
        "md5sum",
        "id",
        "whoami",
        "uname",
        "nproc",
        "lscpu",
        "free",
    )
)


def _step(call) -> tuple:
    return (call.image.text,) + tuple(word.text for word in call.args)


def _gpu_flag_as_value(use) -> bool:
    """`-B <DIR>:/data --nv`: a template placeholder the shell reads as a redirect leaves `-B` taking
    the author's `--nv` as its value; the author did write the GPU flag."""
    return use.value is not None and (use.value.value or "").lstrip("-") in GPU_FLAGS


def _gpu_step(call) -> bool:
    """The call may do GPU work: not an instance started elsewhere, not a helper step, flags known."""
    if call.opaque:
        return False  # `exec $FLAGS image ...`: the unquoted variable may hold `--nv`
    if (call.image.value or call.image.text).startswith("instance://"):
        return False  # runs in an instance, which has the flags it was started with
    origin = call.origin
    if origin is not None and getattr(origin, "depth", 0) > 0 and not getattr(origin, "embedded", False):
        return False  # output captured by `$(...)`: a helper computing a value
    if not call.args or call.command.startswith("instance"):
        return True
    program = (call.args[0].value or "").rpartition("/")[2]
    if program in NON_GPU_PROGRAMS:
        return False
    words = [w.value for w in call.args[:3]]
    return not (program.startswith("python") and words[1:3] == ["-m", "pip"])
