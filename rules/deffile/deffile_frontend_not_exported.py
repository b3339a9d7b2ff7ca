from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.model.recipe import BUILD_SCRIPTS

from .apt_commands import APT, _words
from .section_commands import add_export, commands_in, unexported_assignments

DEBIAN_TOOLS = APT + ("dpkg", "dpkg-reconfigure", "add-apt-repository", "debconf-set-selections", "apt-key")


def _runs_debian_tools(script, section) -> bool:
    return any(
        words and words[0].rsplit("/", 1)[-1] in DEBIAN_TOOLS
        for words in (_words(c) for c in commands_in(script, section))
    )


class FrontendNotExported(Rule):
    """
    ## What it does
    Finds `DEBIAN_FRONTEND=noninteractive` set as a plain shell variable in a build script that
    runs apt or dpkg: without `export`, `apt-get` and `dpkg` never see it. (Where no apt or dpkg
    runs, nothing reads it: not reported.)

    ## Why is this bad?
    Packages that ask questions (tzdata, keyboard-configuration) then wait for an answer the
    build cannot give: the build hangs until it is killed, or fails.

    ## Example
        %post
            DEBIAN_FRONTEND=noninteractive
            apt-get update && apt-get install -y tzdata

    Use instead:

        %post
            export DEBIAN_FRONTEND=noninteractive
            apt-get update && apt-get install -y tzdata

    ## Fix safety
    Adding `export` is safe.
    """

    code = "JC516"
    name = "deffile-frontend-not-exported"
    severity = Severity.WARNING
    summary = "DEBIAN_FRONTEND set but not exported in a section that runs apt or dpkg"
    fix_availability = "always"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for section in script.recipe.sections:
            if section.name not in BUILD_SCRIPTS + ("appinstall",) or not _runs_debian_tools(script, section):
                continue  # without apt or dpkg in the section nobody reads DEBIAN_FRONTEND
            for assignment in unexported_assignments(script, section):
                if assignment.name == "DEBIAN_FRONTEND":
                    yield Diagnostic(
                        assignment.start,
                        assignment.end,
                        "`DEBIAN_FRONTEND` is set but not exported, "
                        "so apt and dpkg never see it and questions (tzdata) wait for an answer the "
                        "build cannot give",
                        add_export(assignment),
                    )
