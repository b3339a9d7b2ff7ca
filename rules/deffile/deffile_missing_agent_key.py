from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.model.recipe import Stage

from .knowledge import REQUIRED_KEYS


class MissingAgentKey(Rule):
    """
    ## What it does
    Checks that each stage has the header keys its bootstrap agent needs: `From` for docker,
    oci, library, oras, localimage...; `MirrorURL` for yum/dnf/busybox; `MirrorURL` and
    `OSVersion` for debootstrap.

    ## Why is this bad?
    The build fails after it has started (a pull error, or "invalid debootstrap header, no
    mirrorurl specified").

    ## Example
        Bootstrap: debootstrap
        OSVersion: jammy

    Use instead:

        Bootstrap: debootstrap
        OSVersion: jammy
        MirrorURL: http://archive.ubuntu.com/ubuntu/

    ## Fix safety
    No fix.
    """

    code = "JC505"
    name = "deffile-missing-agent-key"
    severity = Severity.ERROR
    summary = "A Bootstrap agent without the header keys it needs"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for stage in script.recipe.stages:
            entry = stage.get("bootstrap")
            if entry is None:
                continue
            missing = [key for key in REQUIRED_KEYS.get(entry.value, ()) if not _given(stage, key)]
            if missing:
                names = " and ".join(
                    "`%s:`" % {"from": "From", "mirrorurl": "MirrorURL", "osversion": "OSVersion"}[key]
                    for key in missing
                )
                yield Diagnostic(
                    entry.key_start, entry.value_end, "`Bootstrap: %s` needs %s in its header" % (entry.value, names)
                )


def _given(stage: Stage, key: str) -> bool:
    entry = stage.get(key)
    return entry is not None and bool(entry.value)
