from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.model.recipe import BUILD_SCRIPTS

from .section_commands import commands_in


class ApptainerVariableOnSingularity(Rule):
    """
    ## What it does
    With `--container-runtime singularityce`, finds `$APPTAINER_ROOTFS`,
    `$APPTAINER_ENVIRONMENT` and `$APPTAINER_LABELS` in build scripts: SingularityCE sets only
    the `SINGULARITY_*` names (Apptainer sets both).

    ## Why is this bad?
    The variable is empty: `mkdir -p $APPTAINER_ROOTFS/opt/data` in `%setup` creates `/opt/data`
    on the host (often as root) instead of in the image, and writes to `$APPTAINER_ENVIRONMENT`
    go nowhere.

    ## Example
    With `--container-runtime singularityce`:

        %setup
            mkdir -p "$APPTAINER_ROOTFS/opt/data"

    Use instead:

        %setup
            mkdir -p "$SINGULARITY_ROOTFS/opt/data"

    ## Fix safety
    Renaming to the `SINGULARITY_*` name is safe: Apptainer sets it too.
    """

    code = "JC522"
    name = "deffile-apptainer-variable-on-singularity"
    severity = Severity.ERROR
    summary = "$APPTAINER_ROOTFS and friends are empty when SingularityCE builds the recipe"
    fix_availability = "always"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if settings.container_runtime != "singularityce":
            return
        for section in script.recipe.sections:
            if section.name not in BUILD_SCRIPTS + ("appinstall",):
                continue
            for command in commands_in(script, section):
                words = (
                    command.words
                    + tuple(a.value for a in command.assignments)
                    + tuple(r.target for r in command.redirects)
                )
                for word in words:
                    if "APPTAINER_" not in word.text:
                        continue
                    for part in word.params:
                        if part.value in ("APPTAINER_ROOTFS", "APPTAINER_ENVIRONMENT", "APPTAINER_LABELS"):
                            other = part.value.replace("APPTAINER_", "SINGULARITY_")
                            at = script.text.index("APPTAINER_", part.start)
                            yield Diagnostic(
                                part.start,
                                part.end,
                                "SingularityCE does not set `$%s` (only `$%s`): it is empty here" % (part.value, other),
                                Fix.safe("use `$%s`" % other, Edit(at, at + len(part.value), other)),
                            )
