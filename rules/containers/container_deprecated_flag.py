from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls

from .flag_removal import removal_span

REPLACEMENTS = {"nohttps": "no-https"}


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

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for call in container_calls(script, settings):
            for use in call.flags:
                if use.flag is None or not use.flag.deprecated:
                    continue
                fix = None
                if use.name in REPLACEMENTS and use.spelled == "--" + use.name:
                    new = "--" + REPLACEMENTS[use.name]
                    fix = Fix.safe("use `%s`" % new, Edit(use.word.start, use.word.start + len(use.spelled), new))
                elif use.name == "sif-fuse":
                    fix = Fix.safe("remove it", Edit.delete(*removal_span(script.text, use.word.start, use.word.end)))
                yield Diagnostic(
                    use.word.start,
                    use.word.end,
                    '`%s` is deprecated: %s prints "Flag %s has been '
                    'deprecated, %s"' % (use.spelled, call.tool, use.spelled, use.flag.deprecated),
                    fix,
                )
