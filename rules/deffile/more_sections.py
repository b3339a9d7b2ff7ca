"""JC517-JC521: sections that run differently from how they read."""

from __future__ import annotations

import re

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity
from jobcheck.recipe import BUILD_SCRIPTS, RUN_SCRIPTS

from .shell_sections import commands_in

SCRIPT_SECTIONS = BUILD_SCRIPTS + RUN_SCRIPTS + ("environment", "help")
# Base images whose /bin/sh is dash (Debian, Ubuntu) or busybox ash (Alpine, busybox), by name or tag
# (`nvidia/cuda:12.4.1-devel-ubuntu22.04`).
POSIX_SH_BASES = re.compile(r"(^|/)(ubuntu|debian|alpine|busybox)([:@]|$)|[:-](ubuntu|debian|alpine)[\w.]*$")
# Base images whose /bin/sh is bash: the Red Hat family, SUSE, Amazon and Arch Linux, manylinux.
BASH_SH_BASES = re.compile(r"(^|/)(centos|rockylinux|rocky|almalinux|fedora|rhel\d*|ubi\d*(-\w+)?|amazonlinux|"
                           r"oraclelinux|opensuse[\w/.-]*|sles\w*|archlinux|manylinux\w*)([:@]|$)|"
                           r"[:-](centos|rockylinux|rocky|ubi|almalinux|fedora)[\w.]*$")
BASH_SH_AGENTS = ("yum", "dnf", "zypper")
SECRET_NAME = re.compile(r"(TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|ACCESS_KEY|_KEY)$")
HOST_NAMES = frozenset({"HOME", "USER", "LOGNAME", "PWD", "SLURM_SUBMIT_DIR", "SCRATCH", "WORK"})


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

    Use instead: one `%post` with the arguments it needs.

    ## Fix safety
    No fix.
    """

    code = "JC517"
    name = "deffile-duplicate-section"
    severity = Severity.WARNING
    summary = "A script section written twice: the bodies are joined, the last arguments win"
    languages = ("deffile",)

    def check(self, script, settings):
        for stage in script.recipe.stages:
            seen = {}
            for section in stage.sections:
                if section.name not in SCRIPT_SECTIONS:
                    continue
                first = seen.setdefault(section.name, section)
                if first is section:
                    continue
                line = script.source.position(first.name_start).line
                yield Diagnostic(section.name_start, section.name_end, "a second `%%%s` in this stage (the first is on "
                                 "line %d): Apptainer joins their bodies into one script and uses the arguments of the "
                                 "last one that has any" % (section.name, line))


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
    summary = "bash-only syntax in a section /bin/sh runs (dash on Debian/Ubuntu)"
    fix_availability = "sometimes"
    languages = ("deffile",)

    def check(self, script, settings):
        text = script.text
        for stage in script.recipe.stages:
            base = stage.get("from")
            docker = base is not None and stage.agent in ("docker", "docker-daemon")
            dash = (docker and POSIX_SH_BASES.search(base.value)) or stage.agent in ("debootstrap",)
            if not dash and (stage.agent in BASH_SH_AGENTS or (docker and BASH_SH_BASES.search(base.value))):
                continue  # /bin/sh is bash there: bash syntax works
            for section in stage.sections:
                if not _runs_with_sh(text, section):
                    continue
                for command in commands_in(script, section):
                    found = _bashism(text, command)
                    if found is None:
                        continue
                    what, start, end, fix = found
                    yield Diagnostic(start, end, "%s is bash, and `%%%s` runs with /bin/sh%s: use POSIX syntax or "
                                     "%s" % (what, section.name, " (dash or ash in this base image)" if dash else "",
                                             "`%%%s -c /bin/bash -e`" % section.name if section.name in BUILD_SCRIPTS
                                             else "a `#!/bin/bash` first line"),
                                     fix, severity=Severity.ERROR if dash else None)


def _runs_with_sh(text: str, section) -> bool:
    if section.name in BUILD_SCRIPTS:
        args = section.args.split()
        return not (len(args) >= 2 and args[0] == "-c" and "bash" in args[1])
    if section.name in RUN_SCRIPTS:
        body = text[section.body_start:section.body_end].lstrip()
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
    segment = text[command.start:command.end]
    for pattern, what in ((r"[<>]\(", "process substitution `<( )`"), (r"&>", "`&>`")):
        found = re.search(pattern, segment)
        if found is not None:
            return what, command.start + found.start(), command.start + found.end(), None
    return None


class EnvironmentSourcesBash(Rule):
    """
    ## What it does
    Finds `%environment` lines that source bash start-up files (`~/.bashrc`, `*.bash`,
    `scl_source`) or run `conda activate`.

    ## Why is this bad?
    `%environment` is run by Apptainer's built-in interpreter at every start (not by bash, and
    never during the build): the sourced file's bash-only parts fail or do nothing, and `conda
    activate` needs the shell function conda installs in an interactive bash. The container
    starts without the environment the author expects.

    ## Example
        %environment
            source /opt/conda/etc/profile.d/conda.sh
            conda activate ml

    Use instead:

        %environment
            export PATH=/opt/conda/envs/ml/bin:$PATH

    ## Fix safety
    No fix.
    """

    code = "JC519"
    name = "deffile-environment-sources-bash"
    severity = Severity.WARNING
    summary = "%environment sources bash start-up files or runs conda activate"
    languages = ("deffile",)

    def check(self, script, settings):
        for section in script.recipe.sections:
            if section.name not in ("environment", "appenv"):
                continue
            for command in commands_in(script, section):
                words = [w.value or w.text for w in command.words]
                if not words:
                    continue
                if words[0] in ("source", ".") and len(words) > 1 and re.search(r"(bashrc|\.bash|scl_source)$", words[1]):
                    yield Diagnostic(command.start, command.end, "`%%environment` is run by Apptainer's own interpreter "
                                     "at each start, not by bash: `%s` is a bash start-up file; export the variables "
                                     "it sets instead" % words[1])
                elif words[0] in ("conda", "mamba", "micromamba") and words[1:2] == ["activate"]:
                    yield Diagnostic(command.start, command.end, "`%s activate` does not work in `%%environment` (no "
                                     "interactive bash there); put the environment's `bin` folder on PATH with "
                                     "`export PATH=...`" % words[0])


class HostVariableInPost(Rule):
    """
    ## What it does
    Finds host variables in `%post`: `$HOME`, `$USER`, `$SCRATCH`, ..., and names that look like
    secrets (`$GITHUB_TOKEN`, `$AWS_SECRET_ACCESS_KEY`, `$HF_TOKEN`).

    ## Why is this bad?
    `%post` runs inside the container with `--cleanenv`: the host's variables are not there, so
    `$HOME/x` is `/x` and a token is empty (the download fails). A secret passed some other way
    and written by `%post` stays in the image for everyone who pulls it.

    ## Example
        %post
            git clone https://$GITHUB_TOKEN@github.com/lab/private.git /opt/private

    Use instead: a build argument for values (`{{ TAG }}` with `%arguments`), and no secrets in
    images (copy what you need with `%files`).

    ## Fix safety
    No fix.
    """

    code = "JC520"
    name = "deffile-host-variable-in-post"
    severity = Severity.WARNING
    summary = "%post reads a host variable (cleared at build time) or a secret"
    languages = ("deffile",)

    def check(self, script, settings):
        for section in script.recipe.sections:
            if section.name not in ("post", "appinstall"):
                continue
            commands = commands_in(script, section)
            assigned = {a.name for c in commands for a in c.assignments}
            reported = set()
            for command in commands:
                for word in command.words + tuple(a.value for a in command.assignments):
                    if "$" not in word.text:
                        continue
                    for part in word.params:
                        name = part.value
                        if name in assigned or name in reported:
                            continue
                        if SECRET_NAME.search(name):
                            reported.add(name)
                            yield Diagnostic(part.start, part.end, "`$%s` looks like a secret: `%%post` runs with a "
                                             "clean environment, so it is empty here, and anything %%post writes stays in "
                                             "the image" % name, severity=Severity.ERROR)
                        elif name in HOST_NAMES:
                            reported.add(name)
                            yield Diagnostic(part.start, part.end, "`%%post` runs inside the container with a clean "
                                             "environment: `$%s` is not your host's value here" % name)


class BuildArgumentWithoutDefault(Rule):
    """
    ## What it does
    Finds `{{ NAME }}` template variables with no default in the stage's `%arguments`,
    `%arguments` defaults no `{{ }}` of the stage uses (often a misspelling of one that then has
    no default), and `%arguments` lines that are not `NAME=value`.

    ## Why is this bad?
    Every build must then pass `--build-arg NAME=...`; a build without it stops with "build var
    NAME is not defined through either --build-arg (--build-arg-file) or 'arguments' section".
    A malformed `%arguments` line is skipped with a warning, so its default is lost. Info: the
    recipe may be meant to be built with the argument.

    ## Example
        From: python:{{ PYTHON_VERSION }}-slim

    Use instead:

        From: python:{{ PYTHON_VERSION }}-slim

        %arguments
            PYTHON_VERSION=3.12

    ## Fix safety
    No fix.
    """

    code = "JC521"
    name = "deffile-build-argument-without-default"
    severity = Severity.INFO
    summary = "A {{ variable }} without a default in %arguments, or a default never used"
    languages = ("deffile",)

    def check(self, script, settings):
        text = script.text
        for stage in script.recipe.stages:
            defaults: dict[str, int] = {}
            for section in stage.sections:
                if section.name != "arguments":
                    continue
                for line_start, line in _lines(text, section.body_start, section.body_end):
                    stripped = line.strip()
                    if not stripped or stripped.startswith("#"):
                        continue
                    key, equals, _ = stripped.partition("=")
                    if equals and re.fullmatch(r"\w+", key.strip()):
                        defaults[key.strip()] = line_start + len(line) - len(line.lstrip())
                    else:
                        start = line_start + len(line) - len(line.lstrip())
                        yield Diagnostic(start, start + len(stripped), "`%s` is not `NAME=value`: Apptainer skips this "
                                         "`%%arguments` line" % stripped, severity=Severity.WARNING)
            used = set()
            for found in re.finditer(r"\{\{\s*(\w+)\s*\}\}", text[stage.start:stage.end]):
                used.add(found.group(1))
                if found.group(1) not in defaults:
                    start = stage.start + found.start()
                    yield Diagnostic(start, stage.start + found.end(), "`%s` has no default in this stage's "
                                     "`%%arguments`: every build needs `--build-arg %s=...`" % (found.group(1),
                                                                                            found.group(1)))
            for name, start in defaults.items():
                if name not in used:
                    yield Diagnostic(start, start + len(name), "`%s` is defined in `%%arguments` but this stage never "
                                     "uses `{{ %s }}` (a misspelling?)" % (name, name))


def _lines(text: str, start: int, end: int):
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        yield pos, text[pos:line_end].rstrip("\r")
        pos = line_end + 1


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

    def check(self, script, settings):
        if settings.container_runtime != "singularityce":
            return
        for section in script.recipe.sections:
            if section.name not in BUILD_SCRIPTS + ("appinstall",):
                continue
            for command in commands_in(script, section):
                words = command.words + tuple(a.value for a in command.assignments) + tuple(
                    r.target for r in command.redirects)
                for word in words:
                    if "APPTAINER_" not in word.text:
                        continue
                    for part in word.params:
                        if part.value in ("APPTAINER_ROOTFS", "APPTAINER_ENVIRONMENT", "APPTAINER_LABELS"):
                            other = part.value.replace("APPTAINER_", "SINGULARITY_")
                            at = script.text.index("APPTAINER_", part.start)
                            yield Diagnostic(part.start, part.end, "SingularityCE does not set `$%s` (only `$%s`): it "
                                             "is empty here" % (part.value, other),
                                             Fix.safe("use `$%s`" % other, Edit(at, at + len(part.value), other)))


class RelativeFilesSource(Rule):
    """
    ## What it does
    Finds relative source paths in `%files` (host copies). Opt-in: `extend-select =
    ["JC523"]`.

    ## Why is this bad?
    Apptainer resolves them against the folder `apptainer build` runs in, not the folder of the
    recipe: `cd build && apptainer build app.sif ../app.def` looks for `build/requirements.txt`.
    Job scripts that build images often run from another folder.

    ## Example
        %files
            requirements.txt /opt/requirements.txt

    Use instead: build from the recipe's folder (`cd "$(dirname app.def)"` in the job), or an
    absolute path.

    ## Fix safety
    No fix.
    """

    code = "JC523"
    name = "deffile-relative-files-source"
    severity = Severity.INFO
    summary = "A relative %files source: resolved from where the build runs, not from the recipe"
    opt_in = True
    languages = ("deffile",)

    def check(self, script, settings):
        text = script.text
        for section in script.recipe.sections:
            if section.name != "files" or section.args.split():
                continue
            for line_start, line in _lines(text, section.body_start, section.body_end):
                stripped = line.strip()
                if not stripped or stripped.startswith("#"):
                    continue
                source = re.match(r'"[^"]*"|\S+', stripped).group(0)
                path = source.strip('"')
                if path.startswith(("/", "$", "~")):
                    continue
                start = line_start + len(line) - len(line.lstrip())
                yield Diagnostic(start, start + len(source), "`%s` is relative: `apptainer build` looks for it in the "
                                 "folder it runs in, not next to this recipe" % path)
