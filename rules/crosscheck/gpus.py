from __future__ import annotations

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity
from jobcheck.launchers import views_named

from ..containers.calls import container_calls, describe
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
    calls whose flags come partly from an unquoted `$VAR`, which may hold `--nv`.

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
    summary = "The job requests GPUs but a container runs without --nv"
    fix_availability = "always"

    def check(self, script, settings):
        request = job_request(script)
        if not request.gpus or amd_gpus(script):
            return
        flag = "`--nv`" if nvidia_gpus(script) else "`--nv` (or `--rocm` for AMD GPUs)"
        for call in container_calls(script, settings):
            if call.command not in GPU_COMMANDS or call.image is None or not _gpu_step(call):
                continue
            if any(use.name in GPU_FLAGS or use.dynamic for use in call.flags):
                continue
            end = call.command_words[-1].end
            yield Diagnostic(call.words[0].start, end, "the job requests GPUs, but `%s` runs without %s: the "
                             "container sees no GPU driver, so GPU code fails or quietly runs on the CPU"
                             % (describe(call), flag), Fix.unsafe("add `--nv`", Edit.insert(end, " --nv")))


GPU_COMMANDS = ("exec", "run", "shell", "test", "instance start", "instance run")
# programs that install, fetch, copy or look around: a step running them needs no GPU
NON_GPU_PROGRAMS = frozenset((
    "pip", "pip3", "conda", "mamba", "micromamba", "apt", "apt-get", "cp", "mv", "rsync", "scp", "wget", "curl",
    "tar", "unzip", "gunzip", "gzip", "zip", "git", "mkdir", "ls", "cat", "echo", "printf", "rm", "ln", "touch",
    "chmod", "find", "which", "env", "printenv", "true", "hostname", "date", "pwd", "du", "df", "head", "tail",
    "sed", "awk", "grep", "sha256sum", "md5sum", "id", "whoami", "uname", "nproc", "lscpu", "free"))


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


class GpuWorkWithoutRequest(Rule):
    """
    ## What it does
    In a batch job that requests no GPU, finds GPU work: a container run with `--nv` or
    `--nvccli`, `nvidia-smi`, or `CUDA_VISIBLE_DEVICES` being set.

    ## Why is this bad?
    Without `--gres=gpu:N` or `--gpus=N` Slurm gives the job no GPU (PBS: `ngpus=`/`gpus=`,
    LSF: `-gpu`, Grid Engine: a `-l` GPU resource): `--nv` finds no device and the work runs on
    the CPU, many times slower, or fails. (If the GPUs are requested on the submit command
    line, put them in the script so it says what it needs.) Under PBS, LSF and Grid Engine a
    queue whose name says GPU counts as a request: their queues can add a default GPU request.

    ## Example
        #SBATCH --time=04:00:00
        apptainer exec --nv pytorch.sif python train.py

    Use instead:

        #SBATCH --time=04:00:00
        #SBATCH --gres=gpu:1

    ## Fix safety
    No fix: the number and type of GPUs are the author's.
    """

    code = "JC302"
    name = "gpu-work-without-gpu-request"
    severity = Severity.WARNING
    summary = "GPU work in a job that requests no GPU"

    def check(self, script, settings):
        request = job_request(script)
        if not request.batch or request.gpus or request.gpu_queue:
            return
        for call in container_calls(script, settings):
            for use in call.flags:
                if use.name in ("nv", "nvccli") and (use.value is None or use.value.value not in ("false", "0")):
                    yield Diagnostic(use.word.start, use.word.end, "`%s` asks for the GPUs, but the job requests none "
                                     "(%s): %s gives it no GPU" % (use.spelled, request.gpu_request,
                                                                    request.name))
        for view in views_named(script, settings.container_runtime, "nvidia-smi"):
            word = view.words[0]
            yield Diagnostic(word.start, word.end, "`nvidia-smi` in a job that requests no GPU: it will "
                             "find none; add %s" % request.gpu_request)


class HardCodedCudaDevices(Rule):
    """
    ## What it does
    In a job that requests GPUs, finds `CUDA_VISIBLE_DEVICES` set to fixed device numbers.

    ## Why is this bad?
    Slurm sets `CUDA_VISIBLE_DEVICES` to the GPUs it allocated to the job (numbered from 0 inside
    the job's cgroup, or the physical numbers without cgroups). A fixed list can point at GPUs the
    job does not have ("no CUDA-capable device") or, without cgroups, at another job's GPUs.

    ## Example
        #SBATCH --gres=gpu:2
        export CUDA_VISIBLE_DEVICES=0,1

    Use instead: leave it to Slurm (delete the line).

    ## Fix safety
    No fix.
    """

    code = "JC303"
    name = "hard-coded-cuda-visible-devices"
    severity = Severity.WARNING
    summary = "CUDA_VISIBLE_DEVICES fixed in a job that gets its GPUs from Slurm"

    def check(self, script, settings):
        if not job_request(script).gpus:
            return
        for assignment in script.assignments:
            value = assignment.value.value
            if assignment.name == "CUDA_VISIBLE_DEVICES" and value and all(p.strip().isdigit()
                                                                             for p in value.split(",")):
                yield Diagnostic(assignment.start, assignment.end, "`CUDA_VISIBLE_DEVICES=%s` overrides the GPUs "
                                 "Slurm allocated to this job: it may name devices the job does not have; let Slurm "
                                 "set it" % value)
