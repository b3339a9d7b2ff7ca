from __future__ import annotations

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity
from jobcheck.recipe import BUILD_SCRIPTS

from .shell_sections import add_export, commands_in, unexported_assignments

APT = ("apt-get", "apt")


def _words(command) -> list[str]:
    return [w.value or "" for w in command.words]


DEBIAN_TOOLS = APT + ("dpkg", "dpkg-reconfigure", "add-apt-repository", "debconf-set-selections", "apt-key")


def _runs_debian_tools(script, section) -> bool:
    return any(words and words[0].rsplit("/", 1)[-1] in DEBIAN_TOOLS
               for words in (_words(c) for c in commands_in(script, section)))


class InstallBeforeUpdate(Rule):
    """
    ## What it does
    Finds the first `apt-get install` (or `apt install`) of a stage's `%post` that no
    `apt-get update` comes before.

    ## Why is this bad?
    Docker base images ship without package lists (`/var/lib/apt/lists` is emptied to keep them
    small): the install stops with "E: Unable to locate package", and the build with it.

    ## Example
        %post
            apt-get install -y python3

    Use instead:

        %post
            apt-get update && apt-get install -y python3

    ## Fix safety
    Inserting `apt-get update && ` is unsafe: it changes which package versions are installed.
    """

    code = "JC515"
    name = "deffile-install-before-update"
    severity = Severity.WARNING
    summary = "apt-get install before any apt-get update: base images have no package lists"
    fix_availability = "always"
    languages = ("deffile",)

    def check(self, script, settings):
        for stage in script.recipe.stages:
            updated = False
            for section in stage.sections:
                if section.name not in BUILD_SCRIPTS:
                    continue
                for command in sorted(commands_in(script, section), key=lambda c: c.start):
                    words = _words(command)
                    if not words or words[0].rsplit("/", 1)[-1] not in APT:
                        continue
                    if "update" in words[1:3]:
                        updated = True
                    elif "install" in words[1:4] and not updated:
                        yield Diagnostic(command.words[0].start, command.words[0].end, "`%s install` runs before any "
                                         "`%s update` in this stage: base images ship without package lists, so it "
                                         "stops with \"Unable to locate package\"" % (words[0], words[0]),
                                         Fix.unsafe("run `apt-get update` first",
                                                    Edit.insert(command.start, "apt-get update && ")))
                        updated = True  # once per stage


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
    summary = "DEBIAN_FRONTEND set but not exported: apt never sees it"
    fix_availability = "always"
    languages = ("deffile",)

    def check(self, script, settings):
        for section in script.recipe.sections:
            if section.name not in BUILD_SCRIPTS + ("appinstall",) or not _runs_debian_tools(script, section):
                continue  # without apt or dpkg in the section nobody reads DEBIAN_FRONTEND
            for assignment in unexported_assignments(script, section):
                if assignment.name == "DEBIAN_FRONTEND":
                    yield Diagnostic(assignment.start, assignment.end, "`DEBIAN_FRONTEND` is set but not exported, "
                                     "so apt and dpkg never see it and questions (tzdata) wait for an answer the "
                                     "build cannot give", add_export(assignment))
