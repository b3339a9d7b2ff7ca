from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.model.recipe import BUILD_SCRIPTS

from .section_commands import INSTALLERS, YES_FLAGS, commands_in


class InstallWithoutYes(Rule):
    """
    ## What it does
    Finds package installs in a definition file's build scripts (`%post`, `%setup`, `%pre`)
    without the flag that answers their prompt: `apt-get install` / `yum install` / `dnf
    install` without `-y`, `zypper install` without `-n`/`-y`, `add-apt-repository ppa:...` (or
    `cloud-archive:...`) without `-y` (for a component or a `deb` line it does not ask).

    ## Why is this bad?
    A build has no terminal: the prompt reads end-of-file, the install aborts ("Abort.", "Operation
    aborted") and `/bin/sh -e` stops the build, often half an hour in.

    ## Example
        %post
            apt-get update && apt-get install python3

    Use instead:

        %post
            apt-get update && apt-get install -y python3

    ## Fix safety
    Adding `-y` after the subcommand is safe: it is what the build needs to go on.
    """

    code = "JC511"
    name = "deffile-install-without-yes"
    severity = Severity.ERROR
    summary = "A package install in the build without -y: it aborts at its prompt"
    fix_availability = "always"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for section in script.recipe.sections:
            if section.name not in BUILD_SCRIPTS + ("appinstall",):
                continue
            for command in commands_in(script, section):
                words = [w.value or "" for w in command.words]
                if not words:
                    continue
                tool = words[0].rsplit("/", 1)[-1]
                if tool not in INSTALLERS or any(w in YES_FLAGS for w in words[1:]):
                    continue
                if any(re.fullmatch(r"-[a-z]*y[a-z]*", w) for w in words[1:]):
                    continue
                if tool == "add-apt-repository" and not any(
                    w.startswith(("ppa:", "cloud-archive:", "uca:")) for w in words[1:]
                ):
                    continue  # it asks (shows the PPA's description) only for a PPA or a cloud archive
                subcommands = INSTALLERS[tool]
                index = next((i for i, w in enumerate(words[1:], 1) if w in subcommands), None)
                if subcommands and index is None:
                    continue
                at = command.words[index].end if index is not None else command.words[0].end
                flag = "-n" if tool == "zypper" else "-y"
                if tool == "zypper":
                    at = command.words[0].end  # a global option: `zypper -n install`
                yield Diagnostic(
                    command.words[0].start,
                    command.words[index or 0].end,
                    "`%s` asks for confirmation, and a build has no terminal: it aborts and stops the "
                    "build; add `%s`" % (" ".join(words[: (index or 0) + 1]), flag),
                    Fix.safe("add `%s`" % flag, Edit.insert(at, " " + flag)),
                )
