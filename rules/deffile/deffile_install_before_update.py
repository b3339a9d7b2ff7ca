from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.model.recipe import BUILD_SCRIPTS

from .apt_commands import APT, _words
from .section_commands import commands_in


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

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
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
                        yield Diagnostic(
                            command.words[0].start,
                            command.words[0].end,
                            "`%s install` runs before any "
                            "`%s update` in this stage: base images ship without package lists, so it "
                            'stops with "Unable to locate package"' % (words[0], words[0]),
                            Fix.unsafe("run `apt-get update` first", Edit.insert(command.start, "apt-get update && ")),
                        )
                        updated = True  # once per stage
