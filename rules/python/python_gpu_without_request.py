from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from ..crosscheck.job_request import job_request


class PythonGpuWithoutRequest(Rule):
    """
    ## What it does
    Finds Python in a batch job that needs a GPU (`torch.cuda.set_device`, `.cuda()`,
    `torch.device("cuda")`, `.to("cuda")`, `device="cuda"`) when the job requests none (no
    `--gres=gpu`, `--gpus*`). Checks such as `torch.cuda.is_available()` do not count: code
    behind them also runs on a CPU.

    ## Why is this bad?
    The job lands on a node (or a share of one) without a GPU, and torch stops with
    "Torch not compiled with CUDA enabled" or "No CUDA GPUs are available" after the queue wait.

    ## Example
        #SBATCH --time=4:00:00
        python - <<'EOF'
        import torch
        model = Net().cuda()
        EOF

    Use instead:

        #SBATCH --time=4:00:00
        #SBATCH --gres=gpu:1

    ## Fix safety
    No fix: which GPU, and how many, is the author's choice.
    """

    code = "JC405"
    name = "python-gpu-without-request"
    severity = Severity.WARNING
    summary = "Python code uses CUDA in a job that requests no GPU"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        request = job_request(script)
        if not request.batch or request.gpus or request.gpu_queue:
            return
        for code in script.python:
            if code.gpu_uses:
                use = code.gpu_uses[0]  # once per piece of code: one request fixes them all
                yield Diagnostic(
                    use.start,
                    use.end,
                    "%s needs a GPU, and this job requests none (add %s): torch "
                    'fails with "No CUDA GPUs are available"' % (use.what, request.gpu_request),
                )
