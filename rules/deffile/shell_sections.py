from __future__ import annotations

import bisect
import re

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity, derived_fact
from jobcheck.recipe import BUILD_SCRIPTS

# Names the run-time environment already exports: assigning them keeps them exported.
EXPORTED = frozenset({"PATH", "LD_LIBRARY_PATH", "PYTHONPATH", "HOME", "LANG", "LC_ALL", "MANPATH", "CPATH",
                      "LIBRARY_PATH", "PKG_CONFIG_PATH", "TERM", "USER", "SHELL", "PS1", "TZ"})
INSTALLERS = {"apt-get": ("install", "upgrade", "dist-upgrade", "full-upgrade", "remove", "purge", "autoremove"),
              "apt": ("install", "upgrade", "full-upgrade", "remove", "purge", "autoremove"),
              "yum": ("install", "update", "upgrade", "remove", "groupinstall"),
              "dnf": ("install", "update", "upgrade", "remove", "groupinstall"),
              "microdnf": ("install", "update", "upgrade", "remove"),
              "zypper": ("install", "in", "update", "up", "remove", "rm"),
              "add-apt-repository": ()}
YES_FLAGS = frozenset({"-y", "--yes", "--assume-yes", "-qy", "-yq", "-qqy", "-yqq", "--non-interactive",
                       "-n", "--no-confirm"})


def commands_in(script, section):
    """The top-level commands of a section, found by bisection in the commands sorted by start
    (a definition file with 20,000 stages has 20,000 sections: a scan per section is quadratic)."""
    top, starts = _top_level(script)
    first, last = bisect.bisect_left(starts, section.body_start), bisect.bisect_left(starts, section.body_end)
    return top[first:last]


@derived_fact
def _top_level(script):
    top = sorted((c for c in script.commands if c.depth == 0), key=lambda c: c.start)
    return top, [c.start for c in top]


def unexported_assignments(script, section):
    """Plain `NAME=value` statements of a section whose NAME no `export`/`declare` there exports
    (a prefix assignment, `NAME=value cmd`, is for that one command and is left out)."""
    commands = commands_in(script, section)
    exported = {(w.value or "").split("=")[0] for c in commands if c.name in ("export", "declare", "typeset")
                for w in c.words[1:]}
    return [a for c in commands if not c.words for a in c.assignments if a.name not in exported]


def add_export(assignment) -> Fix:
    return Fix.safe("add `export`", Edit.insert(assignment.start, "export "))


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

    def check(self, script, settings):
        for section in script.recipe.sections:
            if section.name not in ("environment", "appenv"):
                continue
            for assignment in unexported_assignments(script, section):
                if assignment.name not in EXPORTED:
                    yield Diagnostic(assignment.start, assignment.end, "`%s` is set in `%%environment` but not "
                                     "exported, so the program in the container never sees it" % assignment.name,
                                     add_export(assignment))


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

    def check(self, script, settings):
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
                if tool == "add-apt-repository" and not any(w.startswith(("ppa:", "cloud-archive:", "uca:"))
                                                            for w in words[1:]):
                    continue  # it asks (shows the PPA's description) only for a PPA or a cloud archive
                subcommands = INSTALLERS[tool]
                index = next((i for i, w in enumerate(words[1:], 1) if w in subcommands), None)
                if subcommands and index is None:
                    continue
                at = command.words[index].end if index is not None else command.words[0].end
                flag = "-n" if tool == "zypper" else "-y"
                if tool == "zypper":
                    at = command.words[0].end  # a global option: `zypper -n install`
                yield Diagnostic(command.words[0].start, command.words[index or 0].end,
                                 "`%s` asks for confirmation, and a build has no terminal: it aborts and stops the "
                                 "build; add `%s`" % (" ".join(words[:(index or 0) + 1]), flag),
                                 Fix.safe("add `%s`" % flag, Edit.insert(at, " " + flag)))


class PostShellWithoutErrexit(Rule):
    """
    ## What it does
    Finds `%post -c /bin/bash` (or `%setup`/`%pre -c SHELL`) without `-e` and without `set -e`
    in the body.

    ## Why is this bad?
    Without `-c`, Apptainer runs the script with `/bin/sh -ex`: the first failing command stops
    the build. With `-c /bin/bash` it runs `/bin/sh -ex -c "/bin/bash /.post.script"`: bash runs
    without `-e`, a failed download or install goes unnoticed, and the image is built broken.

    ## Example
        %post -c /bin/bash
            source /opt/conda/etc/profile.d/conda.sh
            conda install -y pytorch

    Use instead:

        %post -c /bin/bash -e

    ## Fix safety
    Appending `-e` is unsafe: commands that failed harmlessly now stop the build.
    """

    code = "JC512"
    name = "deffile-post-shell-without-errexit"
    severity = Severity.WARNING
    summary = "%post -c SHELL runs the script without -e: failures no longer stop the build"
    fix_availability = "always"
    languages = ("deffile",)

    def check(self, script, settings):
        for section in script.recipe.sections:
            if section.name not in BUILD_SCRIPTS:
                continue
            args = section.args.split()
            if not args or args[0] != "-c" or len(args) < 2:
                continue
            if any(re.fullmatch(r"-[a-zA-Z]*e[a-zA-Z]*", a) or a in ("-o", "errexit") for a in args[2:]):
                continue
            body = script.text[section.body_start:section.body_end]
            if re.search(r"^\s*set\s+(-[a-zA-Z]*e|-o\s+errexit)", body, re.MULTILINE):
                continue
            yield Diagnostic(section.args_start, section.line_end, "with `-c %s` the script runs without `-e`: a "
                             "failing command no longer stops the build; write `%%%s %s -e`" % (
                                 " ".join(args[1:]), section.name, section.args),
                             Fix.unsafe("append `-e`", Edit.insert(section.line_end, " -e")))
