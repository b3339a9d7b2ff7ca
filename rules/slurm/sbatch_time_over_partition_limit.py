from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from jobcheck import Diagnostic, JobScript, Severity
from jobcheck.semantics.sbatch_header import Use
from jobcheck.semantics.slurm_values import time_minutes

from .directives import shown
from .site_rule import SiteRule

if TYPE_CHECKING:
    from jobcheck.model.cluster import Profile


class TimeOverPartitionLimit(SiteRule):
    """
    ## What it does
    With a cluster profile, compares `--time` with the MaxTime of the job's partition.

    ## Why is this bad?
    Unless the site enforces partition limits at submission, sbatch accepts the job and it then
    waits forever with `Reason=PartitionTimeLimit`.

    ## Example
    With `--profile cluster.toml`, where cluster.toml holds:

        [partitions.debug]
        max-time = "1-00:00:00"

        [partitions.long]
        max-time = "7-00:00:00"

    the job script

        #!/bin/bash
        #SBATCH --partition=debug
        #SBATCH --time=2-00:00:00

    Use instead: a time within the limit, or a partition that allows it:

        #!/bin/bash
        #SBATCH --partition=long
        #SBATCH --time=2-00:00:00

    ## Fix safety
    No fix.
    """

    code = "JC131"
    name = "sbatch-time-over-partition-limit"
    severity = Severity.WARNING
    summary = "--time above the partition's MaxTime: the job never starts"

    def check_job(self, options: dict[str, Use], profile: Profile, script: JobScript) -> Iterable[Diagnostic]:
        use = options.get("time")
        if use is None or use.value is None:
            return
        minutes = time_minutes(use.value)
        partitions, _ = self.partitions(options, profile)
        limited = [p for p in partitions if p.max_time_minutes is not None]
        if minutes is None or not partitions or len(limited) < len(partitions):
            return
        if all(minutes > p.max_time_minutes for p in limited):
            limits = ", ".join("`%s` allows %s" % (p.name, p.max_time_text) for p in limited)
            yield Diagnostic(
                *use.value_span,
                "`%s` is longer than the partition allows (%s): the job waits in the "
                "queue forever with Reason=PartitionTimeLimit" % (shown(use), limits),
            )
