from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.model.recipe import BUILD_SCRIPTS, RUN_SCRIPTS
from jobcheck.patterns import lazy

from .section_commands import commands_in

# Base images whose /bin/sh is dash (Debian, Ubuntu) or busybox ash (Alpine, busybox), by name or tag
# (`nvidia/cuda:12.4.1-devel-ubuntu22.04`).
POSIX_SH_BASES = lazy(r"(^|/)(ubuntu|debian|alpine|busybox)([:@]|$)|[:-](ubuntu|debian|alpine)[\w.]*$")
# Base images whose /bin/sh is bash: the Red Hat family, SUSE, Amazon and Arch Linux, manylinux.
BASH_SH_BASES = lazy(
    r"(^|/)(centos|rockylinux|rocky|almalinux|fedora|rhel\d*|ubi\d*(-\w+)?|amazonlinux|"
    r"oraclelinux|opensuse[\w/.-]*|sles\w*|archlinux|manylinux\w*)([:@]|$)|"
    r"[:-](centos|rockylinux|rocky|ubi|almalinux|fedora)[\w.]*$"
)
BASH_SH_AGENTS = ("yum", "dnf", "zypper")


class BashInShSection(Rule):
    """
    ## What it does
    Finds bash-only syntax in sections that `/bin/sh` runs: `%post`, `%setup`, `%pre` without
    `-c /bin/bash`, and `%runscript`, `%startscript`, `%test` without a `#!/bin/bash` first line.
    It looks for `[[ ]]`, `source`, `function f`, arrays, `<( )`, `&>`, `pushd`/`popd`, `let`,
    and `set -o pipefail`.

    ## Why is this bad?
    On Debian and Ubuntu `/bin/sh` is dash, on Alpine busybox ash: `[[: not found`, `source: not
    found`, `Syntax error: "(" unexpected`. In `%post` (run with `-e`) the build stops; in
    `%runscript` the container fails at every start. An error when `From:` is a Debian, Ubuntu
    or Alpine image (by name or tag, or `Bootstrap: debootstrap`); nothing when it is a Red Hat
    family, SUSE, Amazon or Arch image (or `Bootstrap: yum`/`dnf`/`zypper`), whose `/bin/sh` is
    bash; a warning for other bases (their `/bin/sh` may be either).

    ## Example
        %post
            source /opt/venv/bin/activate

    Use instead:

        %post
            . /opt/venv/bin/activate

    or `%post -c /bin/bash -e`.

    ## Fix safety
    `source FILE` becomes `. FILE` (safe: the same in both shells); nothing else is fixed.
    """

    code = "JC518"
    name = "deffile-bash-in-sh-section"
    severity = Severity.WARNING
    summary = (
        "bash-only syntax in a section /bin/sh runs where it may be dash or ash (error on "
        "Debian/Ubuntu/Alpine, nothing on Red Hat-family bases)"
    )
    fix_availability = "sometimes"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        text = script.text
        for stage in script.recipe.stages:
            base = stage.get("from")
            image = base.value if base is not None and stage.agent in ("docker", "docker-daemon") else None
            dash = (image is not None and POSIX_SH_BASES.search(image)) or stage.agent in ("debootstrap",)
            if not dash and (stage.agent in BASH_SH_AGENTS or (image is not None and BASH_SH_BASES.search(image))):
                continue  # /bin/sh is bash there: bash syntax works
            for section in stage.sections:
                if not _runs_with_sh(text, section):
                    continue
                for command in commands_in(script, section):
                    found = _bashism(text, command)
                    if found is None:
                        continue
                    what, start, end, fix = found
                    yield Diagnostic(
                        start,
                        end,
                        "%s is bash, and `%%%s` runs with /bin/sh%s: use POSIX syntax or "
                        "%s"
                        % (
                            what,
                            section.name,
                            " (dash or ash in this base image)" if dash else "",
                            "`%%%s -c /bin/bash -e`" % section.name
                            if section.name in BUILD_SCRIPTS
                            else "a `#!/bin/bash` first line",
                        ),
                        fix,
                        severity=Severity.ERROR if dash else None,
                    )


def _runs_with_sh(text: str, section) -> bool:
    if section.name in BUILD_SCRIPTS:
        args = section.args.split()
        return not (len(args) >= 2 and args[0] == "-c" and "bash" in args[1])
    if section.name in RUN_SCRIPTS:
        body = text[section.body_start : section.body_end].lstrip()
        return not (body.startswith("#!") and "bash" in body.split("\n", 1)[0])
    return False


def _bashism(text: str, command):
    words = command.words
    if not words:
        if any(text.startswith("(", a.value.start) for a in command.assignments):
            a = command.assignments[0]
            return "an array assignment", a.start, a.end, None
        return None
    name = words[0].text
    if name == "[[":
        return "`[[ ]]`", words[0].start, words[0].end, None
    if name == "source":
        return "`source`", words[0].start, words[0].end, Fix.safe("use `.`", Edit(words[0].start, words[0].end, "."))
    if name in ("pushd", "popd", "let", "shopt"):
        return "`%s`" % name, words[0].start, words[0].end, None
    if name == "set" and any(w.text == "pipefail" for w in words[1:]):
        return "`set -o pipefail`", command.start, command.end, None
    segment = text[command.start : command.end]
    for pattern, what in ((r"[<>]\(", "process substitution `<( )`"), (r"&>", "`&>`")):
        found = re.search(pattern, segment)
        if found is not None:
            return what, command.start + found.start(), command.start + found.end(), None
    return None
