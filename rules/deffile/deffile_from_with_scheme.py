from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity


class FromWithScheme(Rule):
    """
    ## What it does
    Finds `From: docker://...` under `Bootstrap: docker` (and the like): the agent already
    names the transport.

    ## Why is this bad?
    The reference becomes `docker://docker://ubuntu`, which no registry resolves: the build
    fails at its first step.

    ## Example
        Bootstrap: docker
        From: docker://ubuntu:22.04

    Use instead:

        Bootstrap: docker
        From: ubuntu:22.04

    ## Fix safety
    Removing the scheme the agent repeats is safe.
    """

    code = "JC513"
    name = "deffile-from-with-scheme"
    severity = Severity.ERROR
    summary = "From: repeats the transport the Bootstrap agent already names"
    fix_availability = "always"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for stage in script.recipe.stages:
            agent, entry = stage.agent, stage.get("from")
            if agent is None or entry is None:
                continue
            scheme = agent + "://"
            if entry.value.startswith(scheme) or (
                agent in ("library", "oras", "shub") and entry.value.startswith(agent + "://")
            ):
                yield Diagnostic(
                    entry.value_start,
                    entry.value_start + len(scheme),
                    "`Bootstrap: %s` already says the "
                    "transport: `From: %s` is read as `%s%s` and the build fails; drop `%s`"
                    % (agent, entry.value, scheme, entry.value, scheme),
                    Fix.safe("drop `%s`" % scheme, Edit.delete(entry.value_start, entry.value_start + len(scheme))),
                )
