from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls

from .build_arguments import positionals


class OrasWithoutRegistry(Rule):
    """
    ## What it does
    Finds `oras://` references whose first part is not a registry host (a host has a `.` or a
    `:`, or is `localhost`).

    ## Why is this bad?
    `oras://lab/app:1.0` means Docker Hub (`index.docker.io/lab/app:1.0`), not your registry:
    the push or pull fails or reaches the wrong place.

    ## Example
        apptainer pull oras://myregistry/lab/app:1.0

    Use instead:

        apptainer pull oras://registry.example.org/lab/app:1.0

    ## Fix safety
    No fix.
    """

    code = "JC223"
    name = "container-oras-without-registry"
    severity = Severity.WARNING
    summary = "An oras:// reference without a registry host (it means Docker Hub)"
    languages = ("shell",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for call in container_calls(script, settings):
            if call.command not in ("push", "pull", "build", "exec", "run", "shell"):
                continue
            for word in positionals(call):
                value = word.value or ""
                if not value.startswith("oras://"):
                    continue
                host = value[len("oras://") :].split("/", 1)[0]
                if "/" in value[len("oras://") :] and "." not in host and ":" not in host and host != "localhost":
                    yield Diagnostic(
                        word.start,
                        word.end,
                        "`%s` has no registry host (`%s` has no `.` or `:`), so it "
                        "means Docker Hub: `index.docker.io/%s`" % (value, host, value[len("oras://") :]),
                    )
