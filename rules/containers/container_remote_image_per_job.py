from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls, describe


class DockerImagePerJob(Rule):
    """
    ## What it does
    Finds `docker://` (and `oras://`, `library://`) images run directly by a batch job.

    ## Why is this bad?
    Every run asks the registry for the image, and converts it to a SIF again wherever the cache
    (`$APPTAINER_CACHEDIR`, under `$HOME` by default) does not have it yet: on a new node-local
    cache, or when many array tasks or `srun` tasks start at once. A registry outage or rate
    limit then fails the job, and a moving tag (`latest`) changes the software between runs.
    Pulling once into a SIF is faster and keeps the image fixed.

    Opt-in (`--select JC216`): it is advice about robustness, not a failure; with a warm cache
    the job runs as meant.

    ## Example
        #!/bin/bash
        #SBATCH --gres=gpu:1
        srun apptainer exec docker://pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime python train.py

    Use instead:

        #!/bin/bash
        #SBATCH --gres=gpu:1
        # once, on a login node: apptainer pull pytorch.sif docker://pytorch/pytorch:2.3.0-...
        srun apptainer exec pytorch.sif python train.py

    ## Fix safety
    No fix.
    """

    code = "JC216"
    name = "container-remote-image-per-job"
    severity = Severity.INFO
    opt_in = True
    summary = "A docker:// image fetched from the registry by every job"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if not script.directives:
            return
        for call in container_calls(script, settings):
            word = call.image
            image = word.value if word is not None else None
            if (
                word is not None
                and call.command in ("exec", "run", "shell", "test")
                and image
                and image.startswith(("docker://", "oras://", "library://"))
            ):
                yield Diagnostic(
                    word.start,
                    word.end,
                    "`%s` runs `%s` straight from the registry: every "
                    "job depends on the registry and converts it again on a cold cache; pull it once "
                    "(`%s pull image.sif %s`) and run the SIF" % (describe(call), image, call.tool, image),
                )
