from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from .knowledge import DOCKER_LIKE


class UntaggedBaseImage(Rule):
    """
    ## What it does
    Finds a docker base image without a tag or digest (`From: ubuntu`, `From: nvcr.io/nvidia/pytorch`).

    ## Why is this bad?
    It means `:latest`, which moves: the same recipe builds a different image next month, and a
    CUDA or Python version change breaks the job that runs it.

    ## Example
        Bootstrap: docker
        From: pytorch/pytorch

    Use instead:

        Bootstrap: docker
        From: pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime

    ## Fix safety
    No fix: the tag is the author's choice.
    """

    code = "JC514"
    name = "deffile-untagged-base-image"
    severity = Severity.WARNING
    summary = "A docker base image without a tag or digest (it means :latest)"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for stage in script.recipe.stages:
            entry = stage.get("from")
            if stage.agent not in DOCKER_LIKE or entry is None or not entry.value or "{{" in entry.value:
                continue
            reference = re.sub(r"^docker(-daemon)?://", "", entry.value)
            last = reference.rsplit("/", 1)[-1]
            if "@" in reference or ":" in last:
                continue
            yield Diagnostic(
                entry.value_start,
                entry.value_end,
                "`%s` has no tag, so it means `%s:latest`, which "
                "changes under you; pin a tag or a digest" % (entry.value, reference),
            )
