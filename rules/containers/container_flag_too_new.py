from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls


def version_key(text: str) -> tuple[int, ...] | None:
    m = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", text)
    return tuple(int(x or 0) for x in m.groups()) if m else None


class FlagTooNew(Rule):
    """
    ## What it does
    With `--apptainer-version X.Y` (the cluster's Apptainer), finds flags that Apptainer gained
    only in a later release (`--cwd` 1.3, `--authfile` 1.4, `--no-env` and `--device` 1.5, ...).

    ## Why is this bad?
    The cluster's older apptainer stops with "unknown flag".

    ## Example
    With `--apptainer-version 1.2`:

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

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        target = version_key(settings.apptainer_version or "")
        if target is None:
            return
        for call in container_calls(script, settings):
            if call.tool != "apptainer" and call.implementations != ("apptainer",):
                continue
            for use in call.global_flags + call.flags:
                if use.flag is None or (not use.flag.since.startswith("v") and "unreleased" not in use.flag.since):
                    continue
                since = version_key(use.flag.since)
                if since is not None and since <= target:
                    continue
                when = "is not released yet" if since is None else "exists only from Apptainer %s" % use.flag.since
                fix = None
                if use.name == "cwd" and use.spelled == "--cwd":
                    fix = Fix.safe("use `--pwd`, its older name", Edit(use.word.start, use.word.start + 5, "--pwd"))
                yield Diagnostic(
                    use.word.start,
                    use.word.end,
                    "`%s` %s, and the cluster's is %s "
                    '(--apptainer-version): %s stops with "unknown flag: %s"'
                    % (use.spelled, when, settings.apptainer_version, call.tool, use.spelled),
                    fix,
                )
