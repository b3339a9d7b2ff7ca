from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls


class EnvironmentPrefixes(Rule):
    """
    ## What it does
    Finds an `APPTAINER_X` and a `SINGULARITY_X` variable both set to different values, and
    `APPTAINER_BIND`/`SINGULARITY_BIND` set while a call also gives `--bind` onto a place the
    variable already binds (the author evidently meant to replace it).

    ## Why is this bad?
    Apptainer reads both prefixes; when they disagree it warns and uses `APPTAINER_X`, so the
    `SINGULARITY_X` line does nothing. `APPTAINER_BIND` is *added to* `--bind`, not replaced by it,
    which surprises people who expect the command line to win.

    ## Example
        export APPTAINER_CACHEDIR=/scratch/cache
        export SINGULARITY_CACHEDIR=$HOME/.cache

    Use instead: one of them:

        export APPTAINER_CACHEDIR=/scratch/cache

    ## Fix safety
    No fix.

    Severity: warning for the conflict; info for the combined binds.
    """

    code = "JC215"
    name = "container-environment-prefixes"
    severity = Severity.WARNING
    summary = "APPTAINER_X and SINGULARITY_X disagree, or APPTAINER_BIND adds to a --bind onto the same place"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        values: dict[str, list] = {}
        for assignment in script.assignments:
            values.setdefault(assignment.name, []).append(assignment)
        for name, found in values.items():
            if not name.startswith("SINGULARITY_"):
                continue
            twin = "APPTAINER_" + name[len("SINGULARITY_") :]
            if twin in values:
                mine, theirs = found[-1], values[twin][-1]
                if mine.value.text != theirs.value.text:
                    yield Diagnostic(
                        mine.start,
                        mine.end,
                        "`%s` and `%s` are both set, to different values: apptainer "
                        "uses `%s=%s` and warns; keep one" % (name, twin, twin, theirs.value.text),
                    )
        env_bind = [
            a
            for name in ("APPTAINER_BIND", "SINGULARITY_BIND", "APPTAINER_BINDPATH", "SINGULARITY_BINDPATH")
            for a in values.get(name, [])
        ]
        if not env_bind:
            return
        targets = {_bind_target(item) for a in env_bind for item in (a.value.value or "").split(",") if item}
        for call in container_calls(script, settings):
            # only a --bind onto a place the variable already binds: the author evidently meant to replace it
            binds = [
                u
                for u in call.flags
                if u.name == "bind"
                and u.value is not None
                and any(_bind_target(item) in targets for item in (u.value.value or "").split(",") if item)
            ]
            if binds and call.origin is not None and call.origin.start > env_bind[0].start:
                yield Diagnostic(
                    binds[0].word.start,
                    binds[0].end,
                    "`%s` is set above, and apptainer adds its binds to those of `%s`, it does not "
                    "replace them" % (env_bind[0].name, binds[0].spelled),
                    severity=Severity.INFO,
                )


def _bind_target(item: str) -> str:
    """Where a bind lands in the container: `src:dest[:opts]` -> dest, `path` -> path."""
    parts = item.split(":")
    return parts[1] if len(parts) > 1 and parts[1] else parts[0]
