from __future__ import annotations

import re

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity

from jobcheck.knowledge import container_flags

from .calls import container_calls, describe
from .flag_position import removal_span

NAMES = {"apptainer": "Apptainer", "singularityce": "SingularityCE"}
REPLACEMENTS = {"nohttps": "no-https"}


def version_key(text: str) -> tuple[int, ...] | None:
    m = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", text)
    return tuple(int(x or 0) for x in m.groups()) if m else None


class DeprecatedFlag(Rule):
    """
    ## What it does
    Finds deprecated apptainer/singularity flags: `--nohttps` (use `--no-https`), Apptainer's
    `--underlay`, SingularityCE's `--sif-fuse`, `pull --allow-unsigned`.

    ## Why is this bad?
    They still work but print "Flag --nohttps has been deprecated, use --no-https" into every
    job log, and may be removed in a later release.

    ## Example
        apptainer exec --nohttps docker://registry.local/img ls

    Use instead:

        apptainer exec --no-https docker://registry.local/img ls

    ## Fix safety
    `--nohttps` -> `--no-https` is safe; `--sif-fuse` is removed (FUSE mounts are automatic),
    also safe.
    """

    code = "JC211"
    name = "container-deprecated-flag"
    severity = Severity.INFO
    summary = "A deprecated apptainer/singularity flag"
    fix_availability = "sometimes"

    def check(self, script, settings):
        for call in container_calls(script, settings):
            for use in call.flags:
                if use.flag is None or not use.flag.deprecated:
                    continue
                fix = None
                if use.name in REPLACEMENTS and use.spelled == "--" + use.name:
                    fix = Fix.safe("use `--%s`" % REPLACEMENTS[use.name],
                                   Edit(use.word.start, use.word.start + len(use.spelled), "--" + REPLACEMENTS[use.name]))
                elif use.name == "sif-fuse":
                    fix = Fix.safe("remove it", Edit.delete(*removal_span(script.text, use.word.start, use.word.end)))
                yield Diagnostic(use.word.start, use.word.end, "`%s` is deprecated: %s prints \"Flag %s has been "
                                 "deprecated, %s\"" % (use.spelled, call.tool, use.spelled, use.flag.deprecated), fix)


class FlagTooNew(Rule):
    """
    ## What it does
    With `--apptainer-version X.Y` (the cluster's Apptainer), finds flags that Apptainer gained
    only in a later release (`--cwd` 1.3, `--authfile` 1.4, `--no-env` and `--device` 1.5, ...).

    ## Why is this bad?
    The cluster's older apptainer stops with "unknown flag".

    ## Example
        # the cluster runs Apptainer 1.2
        apptainer exec --cwd /work image.sif make

    Use instead:

        apptainer exec --pwd /work image.sif make

    ## Fix safety
    `--cwd` -> `--pwd` (the older name of the same flag) is safe; other flags have no fix.
    """

    code = "JC212"
    name = "container-flag-too-new"
    severity = Severity.ERROR
    summary = "An apptainer flag newer than the cluster's Apptainer (--apptainer-version)"
    fix_availability = "sometimes"

    def check(self, script, settings):
        target = version_key(settings.apptainer_version or "")
        if target is None:
            return
        for call in container_calls(script, settings):
            if call.tool != "apptainer" and call.implementations != ("apptainer",):
                continue
            for use in call.global_flags + call.flags:
                if use.flag is None or not use.flag.since.startswith("v") and "unreleased" not in use.flag.since:
                    continue
                since = version_key(use.flag.since)
                if since is not None and since <= target:
                    continue
                when = "is not released yet" if since is None else "exists only from Apptainer %s" % use.flag.since
                fix = None
                if use.name == "cwd" and use.spelled == "--cwd":
                    fix = Fix.safe("use `--pwd`, its older name", Edit(use.word.start, use.word.start + 5, "--pwd"))
                yield Diagnostic(use.word.start, use.word.end, "`%s` %s, and the cluster's is %s (--apptainer-version): "
                                 "%s stops with \"unknown flag: %s\"" % (use.spelled, when, settings.apptainer_version,
                                                                        call.tool, use.spelled), fix)


class ImplementationOnlyFlag(Rule):
    """
    ## What it does
    For `singularity`, which is Apptainer on some clusters and SingularityCE on others, finds
    flags that only one of the two has (`--oci`, `--no-compat`, `--keep-layers` are
    SingularityCE's; `--sharens`, `--no-env`, `--unsquash` are Apptainer's). Set
    `--container-runtime` to the cluster's implementation to check against that one alone.

    ## Why is this bad?
    On the other implementation the command stops with "unknown flag".

    ## Example
        singularity exec --oci docker://alpine ls     # fails where singularity is Apptainer

    Use instead: flags both implementations have, or `--container-runtime singularityce` if the
    script is only for SingularityCE clusters.

    ## Fix safety
    No fix.
    """

    code = "JC213"
    name = "container-implementation-only-flag"
    severity = Severity.WARNING
    summary = "A `singularity` flag that only Apptainer or only SingularityCE has"

    def check(self, script, settings):
        for call in container_calls(script, settings):
            if len(call.implementations) < 2 or call.command is None:
                continue
            for use in call.flags:
                if use.name is None:
                    continue
                having = [impl for impl in call.implementations if use.name in container_flags(impl, call.command)]
                if len(having) == 1:
                    other = [i for i in call.implementations if i != having[0]][0]
                    yield Diagnostic(use.word.start, use.word.end, "`%s` exists only in %s: where `singularity` is "
                                     "%s, `%s` stops with \"unknown flag: %s\"" % (
                                         use.spelled, NAMES[having[0]], NAMES[other], describe(call), use.spelled))


