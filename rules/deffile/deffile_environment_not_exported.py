from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from .section_commands import EXPORTED, add_export, unexported_assignments


class EnvironmentNotExported(Rule):
    """
    ## What it does
    Finds `%environment` assignments of new names without `export`.

    ## Why is this bad?
    Apptainer sources `%environment` with its own interpreter at every start and hands only
    exported variables to the program: `MODEL_DIR=/opt/models` is set, then lost.

    ## Example
        %environment
            MODEL_DIR=/opt/models

    Use instead:

        %environment
            export MODEL_DIR=/opt/models

    ## Fix safety
    Adding `export` is safe.
    """

    code = "JC510"
    name = "deffile-environment-not-exported"
    severity = Severity.WARNING
    summary = "A %environment variable that is set but not exported"
    fix_availability = "always"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for section in script.recipe.sections:
            if section.name not in ("environment", "appenv"):
                continue
            for assignment in unexported_assignments(script, section):
                if assignment.name not in EXPORTED:
                    yield Diagnostic(
                        assignment.start,
                        assignment.end,
                        "`%s` is set in `%%environment` but not "
                        "exported, so the program in the container never sees it" % assignment.name,
                        add_export(assignment),
                    )
