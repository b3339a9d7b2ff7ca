from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls

from .build_arguments import positionals


class PushTarget(Rule):
    """
    ## What it does
    Checks `apptainer push IMAGE URI`: Apptainer pushes only to `library://` and `oras://`
    (SingularityCE also to `docker://`, as OCI-SIF), and only a SIF file.

    ## Why is this bad?
    The push fails at the end of the job: `Unsupported transport type: docker`, or
    `"dir" is not a SIF` for a sandbox.

    ## Example
        apptainer push app.sif docker://ghcr.io/lab/app:1.0

    Use instead:

        apptainer push app.sif oras://ghcr.io/lab/app:1.0

    ## Fix safety
    No fix.
    """

    code = "JC222"
    name = "container-push-target"
    severity = Severity.ERROR
    summary = "apptainer push of a non-SIF file, or to a transport it does not push to"
    languages = ("shell",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for call in container_calls(script, settings):
            if call.command != "push":
                continue
            words = positionals(call)
            if len(words) != 2:
                continue
            image, uri = words
            allowed = ("library://", "oras://") + (
                ("docker://",) if settings.container_runtime == "singularityce" else ()
            )
            if image.value and not image.value.endswith(".sif") and "$" not in image.text:
                yield Diagnostic(
                    image.start,
                    image.end,
                    "`%s push` sends a SIF file, and `%s` is not one (a sandbox "
                    'folder or another format is refused: "is not a SIF")' % (call.tool, image.value),
                )
            scheme = re.match(r"[a-z-]+://", uri.value or "")
            if uri.value and scheme and not uri.value.startswith(allowed):
                yield Diagnostic(
                    uri.start,
                    uri.end,
                    '`%s push` supports %s, not `%s`: it stops with "Unsupported '
                    'transport type"' % (call.tool, " and ".join("`%s`" % a for a in allowed), scheme.group(0)),
                )
