from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from jobcheck import Diagnostic, JobScript, Severity
from jobcheck.semantics.sbatch_header import Use
from jobcheck.semantics.suggest import suggest

from .site_rule import SiteRule

if TYPE_CHECKING:
    from jobcheck.model.cluster import Profile


class UnknownAccountOrQos(SiteRule):
    """
    ## What it does
    With a cluster profile that lists the site's `accounts` and `qos`, checks `--account` and
    `--qos` against them.

    ## Why is this bad?
    The controller refuses the job: "Invalid account or account/partition combination
    specified", "Invalid qos specification".

    ## Example
    With `--profile cluster.toml`, where cluster.toml holds:

        [cluster]
        accounts = ["proj1234", "chem42"]
        qos = ["normal", "long"]

    the job script

        #!/bin/bash
        #SBATCH --account=proj1243

    Use instead:

        #!/bin/bash
        #SBATCH --account=proj1234

    ## Fix safety
    No fix; the message names the nearest known names.
    """

    code = "JC134"
    name = "sbatch-unknown-account-or-qos"
    severity = Severity.ERROR
    summary = "An account or QOS the cluster profile does not list"

    def check_job(self, options: dict[str, Use], profile: Profile, script: JobScript) -> Iterable[Diagnostic]:
        for option, known, said in (
            ("account", profile.accounts, "Invalid account or account/partition combination specified"),
            ("qos", profile.qos, "Invalid qos specification"),
        ):
            use = options.get(option)
            if known is None or use is None or not use.value or "$" in use.value:
                continue
            for name in use.value.split(","):
                if name not in known:
                    found = suggest(name, known, max_distance=2)
                    hint = (
                        "; did you mean %s?" % " or ".join("`%s`" % c for c in found.candidates)
                        if found.candidates
                        else ""
                    )
                    yield Diagnostic(
                        *use.value_span,
                        "%s `%s` is not on this cluster: the controller refuses the job "
                        '("%s")%s' % ("account" if option == "account" else "QOS", name, said, hint),
                    )
