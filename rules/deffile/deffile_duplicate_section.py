from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.model.recipe import BUILD_SCRIPTS, RUN_SCRIPTS, Section

SCRIPT_SECTIONS = BUILD_SCRIPTS + RUN_SCRIPTS + ("environment", "help")


class DuplicateSection(Rule):
    """
    ## What it does
    Finds a script section (`%post`, `%environment`, `%runscript`, ...) written twice in one stage.

    ## Why is this bad?
    Apptainer concatenates the bodies in file order and takes the arguments of the last one that
    has any: a `%post -c /bin/bash` further down makes the first `%post` run with bash too (and
    without `-e`), and a second `%runscript` is glued to the first instead of replacing it.

    ## Example
        %post
            apt-get update -y
        %post -c /bin/bash
            source /opt/venv/bin/activate

    Use instead: one `%post` with the arguments it needs:

        %post -c /bin/bash
            apt-get update -y
            source /opt/venv/bin/activate

    ## Fix safety
    No fix.
    """

    code = "JC517"
    name = "deffile-duplicate-section"
    severity = Severity.WARNING
    summary = "A script section written twice: the bodies are joined, the last arguments win"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for stage in script.recipe.stages:
            seen: dict[str, Section] = {}
            for section in stage.sections:
                if section.name not in SCRIPT_SECTIONS:
                    continue
                first = seen.setdefault(section.name, section)
                if first is section:
                    continue
                line = script.source.position(first.name_start).line
                yield Diagnostic(
                    section.name_start,
                    section.name_end,
                    "a second `%%%s` in this stage (the first is on "
                    "line %d): Apptainer joins their bodies into one script and uses the arguments of the "
                    "last one that has any" % (section.name, line),
                )
