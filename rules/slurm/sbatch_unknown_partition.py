from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from jobcheck import Diagnostic, JobScript, Severity
from jobcheck.semantics.sbatch_header import Use
from jobcheck.semantics.suggest import suggest

from .site_rule import SiteRule

if TYPE_CHECKING:
    from jobcheck.model.cluster import Profile


class UnknownPartition(SiteRule):
    """
    ## What it does
    With a cluster profile, checks that every partition in `--partition` exists.

    ## Why is this bad?
    sbatch refuses the job: "invalid partition specified: gpu-large".

    ## Example
    With `--profile cluster.toml`, where cluster.toml holds:

        [partitions.cpu]
        default = true

        [partitions.gpu]

    the job script

        #!/bin/bash
        #SBATCH --partition=gpus

    Use instead:

        #!/bin/bash
        #SBATCH --partition=gpu

    ## Fix safety
    No fix; the message names the nearest partitions.
    """

    code = "JC130"
    name = "sbatch-unknown-partition"
    severity = Severity.ERROR
    summary = "A partition the cluster profile does not have"

    def check_job(self, options: dict[str, Use], profile: Profile, script: JobScript) -> Iterable[Diagnostic]:
        use = options.get("partition")
        if use is None or use.value is None or "$" in use.value:
            return
        for name in use.value.split(","):
            if name in profile.partitions:
                continue
            found = suggest(name, profile.partitions, max_distance=3)
            hint = (
                "; did you mean %s?" % " or ".join("`%s`" % c for c in found.candidates)
                if found.candidates
                else "; partitions: %s" % ", ".join(sorted(profile.partitions))
            )
            yield Diagnostic(
                *use.value_span,
                "partition `%s` does not exist on this cluster: sbatch stops with "
                '"invalid partition specified: %s"%s' % (name, name, hint),
            )
