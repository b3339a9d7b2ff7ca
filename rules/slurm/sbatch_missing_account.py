from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from jobcheck import Diagnostic, JobScript, Severity
from jobcheck.semantics.sbatch_header import Use

from .site_rule import SiteRule

if TYPE_CHECKING:
    from jobcheck.model.cluster import Profile


class MissingAccount(SiteRule):
    """
    ## What it does
    With a cluster profile that sets `require-account = true`, checks that the job names an
    account.

    ## Why is this bad?
    Sites that bill by project refuse jobs without `--account` (or put them on a default
    account that runs out).

    ## Example
    With `--profile cluster.toml`, where cluster.toml holds:

        [cluster]
        require-account = true

    the job script

        #!/bin/bash
        #SBATCH --time=10

    Use instead:

        #!/bin/bash
        #SBATCH --time=10
        #SBATCH --account=proj1234

    ## Fix safety
    No fix.
    """

    code = "JC133"
    name = "sbatch-missing-account"
    severity = Severity.ERROR
    summary = "The site requires --account and the job has none"

    def check_job(self, options: dict[str, Use], profile: Profile, script: JobScript) -> Iterable[Diagnostic]:
        if profile.require_account and "account" not in options:
            first_line_end = script.text.find("\n")
            yield Diagnostic(
                0,
                len(script.text) if first_line_end < 0 else first_line_end,
                "this cluster requires `#SBATCH --account=...` and the job has none",
            )
