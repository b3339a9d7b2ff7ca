from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from jobcheck import Command, Diagnostic, JobScript, Rule, Settings, Severity, Word, derived_fact
from jobcheck.model.recipe import Section, Stage
from jobcheck.model.words import SINGLE, Part
from jobcheck.patterns import lazy

from ..crosscheck.unset_variable_in_container_path import SITE_COMMON, STANDARD, STANDARD_PREFIXES

# Official distribution images, whose only ENV is PATH (Fedora adds its release tags).
DISTRIBUTION_IMAGE = lazy(
    r"^(?:docker\.io/(?:library/)?|library/|library://(?:library/default/)?|library/default/)?"
    r"(?:ubuntu|debian|centos|rockylinux|almalinux|fedora|alpine|amazonlinux|opensuse/leap)"
    r"(?::[\w.-]+)?(?:@sha256:[0-9a-f]+)?$"
)
# What the shell, Apptainer/SingularityCE (a --cleanenv container: LD_LIBRARY_PATH, PS1, PROMPT_COMMAND,
# SHLVL) and the distribution images provide in %post and at run time.
PROVIDED = frozenset(
    """
HOME PATH USER LOGNAME PWD OLDPWD HOSTNAME HOST SHELL TERM LANG LANGUAGE IFS PS1 PS2 PS3 PS4 PROMPT_COMMAND SHLVL
RANDOM SECONDS LINENO UID EUID PPID HOSTTYPE MACHTYPE OSTYPE OPTARG OPTIND REPLY FUNCNAME PIPESTATUS GROUPS
DEBIAN_FRONTEND LD_LIBRARY_PATH TMPDIR DISTTAG FGC FBR container
""".split()
)
PROVIDED_PREFIXES = ("APPTAINER", "SINGULARITY", "LC_", "BASH")
# Prefixes of the names a cluster's login or job environment holds (what %environment may see at run time).
HOST_PREFIXES = STANDARD_PREFIXES + ("LSF_",)
# Agents that install a distribution from its mirror: the image's environment is empty.
FROM_MIRROR = ("debootstrap", "yum", "dnf", "zypper", "busybox", "arch")
# Input of a generator (envsubst, sed, Jinja) that fills its variables before any build.
TEMPLATE_NAME = lazy(r"(?i)templates?|tmpl|\btpl\b|\.j2$|\.in$")
# Sections Apptainer never expands variables in: a `$X` there is for a generator to fill.
LITERAL_SECTIONS = ("labels", "files")
PARAMETER = lazy(r"\$\{?[A-Za-z_]")
DECLARING = frozenset({"export", "declare", "typeset", "readonly", "local"})
# Commands after which the section's variables may come from elsewhere.
SOURCING = frozenset({".", "source", "eval", "module", "ml", "spack", "conda", "mamba", "micromamba", "exec"})
# ${X:-..} ${X-..} ${X:=..} ${X:?..} ${X:+..}: the author handled the unset case.
HANDLED = lazy(r"^\$\{[A-Za-z_][A-Za-z0-9_]*:?[-=?+]")
SETTERS = (
    r"\b{name}(?:\[[^\]]*\])?\+?=|\b(?:for|select|read|export|declare|local|readonly|typeset|getopts|mapfile|"
    r"readarray|unset)\b[^\n;|&]{{0,400}}(?<![\w${{]){name}\b|printf\s+-v\s*{name}\b|\{{\{{\s*{name}\s*\}}\}}|"
    r"\[\[?[^\]\n]{{0,400}}\$\{{?{name}\b|\btest\b[^\n;|&]{{0,400}}\$\{{?{name}\b|"
    # passed in on purpose: `APPTAINERENV_X=... apptainer run`, `--env X=...`
    r"(?:APPTAINER|SINGULARITY)ENV_{name}\b|--env[ =]['\"]?{name}="
)


class UnsetVariable(Rule):
    """
    ## What it does
    Finds a variable that `%post` or `%environment` expands (`$TOOL_DIR`, `${VERSION}`) when no
    line of the definition file sets it and the base image is a plain distribution image
    (`ubuntu`, `debian`, `centos`, `rockylinux`, `almalinux`, `fedora`, `alpine`,
    `opensuse/leap`, `amazonlinux`, from Docker Hub or the Sylabs library) or a distribution
    installed from its mirror (`Bootstrap: debootstrap`, `yum`, `dnf`, `zypper`, `busybox`,
    `arch`): their environment holds `PATH` and little else.

    ## Why is this bad?
    `%post` runs inside the container with a clean environment: the build host's variables are
    not there, and `%environment` is not read during the build. A variable nothing sets expands
    to nothing, so `pip install tool==$VERSION` asks for `tool==` and
    `cd /opt/$TOOL && make` builds in `/opt`. At run time `%environment` exports an empty or
    truncated value. Usually the variable is a typo, or one the author set in `%environment`
    under another name.

    Info, not a warning: what the author meant is unknown, a value can reach the container
    from outside the file (the host's environment at run time), and an empty value rarely stops
    the build by itself (`cd $X` goes to `$HOME`, `mkdir -p $X/sub` makes `/sub`): the harm shows
    later, or never, depending on what follows.

    ## Example
        Bootstrap: docker
        From: ubuntu:22.04
        %post
            SAMTOOLS_VERSION=1.19
            wget https://example.org/samtools-$SAMTOOLS_VERION.tar.bz2

    Use instead:

            wget https://example.org/samtools-$SAMTOOLS_VERSION.tar.bz2

    ## Fix safety
    No fix: only the author knows the value.

    Not reported: bases other than plain distributions (`nvidia/cuda`, `jupyter/*`, `rocker/*`,
    `python:*` set many variables of their own); files a generator fills in first (a name or
    folder with `template`, `tmpl`, `.j2`, `.in`); variables any line of the file sets (`X=`,
    `export`, `read`, `for X in`, `local`/`declare`, `%arguments`, `{{ X }}`), tests
    (`[ -z "$X" ]`) or expands with a default (`${X:-..}`); names the shell or the runtime
    provides (`HOME`, `TERM`, `LD_LIBRARY_PATH`, `APPTAINER_*`, ...) and, in `%environment`, the
    usual names of a cluster's environment (`SCRATCH`, `SLURM_*`, `LSF_*`, `XDG_*`, ...);
    `$X` escaped, in single quotes or in any heredoc body; `X=...:$X` (adding to a list that may
    be empty); and every variable of a section that sources a file, `eval`s, loads modules,
    activates an environment or exports names it computes (`export $(cat file.env)`).
    """

    code = "JC531"
    name = "deffile-unset-variable"
    severity = Severity.INFO
    summary = "%post/%environment expands a variable no line sets, on a plain distribution base image"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if _is_template(script):
            return
        text = script.text
        sets: dict[str, bool] = {}
        reported: set[str] = set()
        for stage in script.recipe.stages:
            base = _plain_base(stage)
            if base is None:
                continue
            # Singularity 2 handed header values to the build; a name like a header key may be one.
            keys = {entry.key for entry in stage.header}
            for section in stage.sections:
                if section.name not in ("post", "environment"):
                    continue
                commands = _commands_within(script, section)
                if any(_may_set_others(c) for c in commands):
                    continue
                for part in _plain_uses(text, commands):
                    name = part.value
                    if name in reported or _provided(name, section.name) or name.lower() in keys:
                        continue
                    if name not in sets:
                        sets[name] = re.search(SETTERS.format(name=re.escape(name)), text) is not None
                    if not sets[name]:
                        reported.add(name)
                        yield Diagnostic(part.start, part.end, _message(name, section.name, base))


def _commands_within(script: JobScript, section: Section) -> list[Command]:
    """Every command of a section, nested ones (`$(...)`) included, found by bisection (a file
    may have thousands of sections)."""
    ordered, starts = _by_start(script)
    return ordered[bisect.bisect_left(starts, section.body_start) : bisect.bisect_left(starts, section.body_end)]


@derived_fact
def _by_start(script: JobScript) -> tuple[list[Command], list[int]]:
    ordered = sorted(script.commands, key=lambda c: c.start)
    return ordered, [c.start for c in ordered]


def _plain_uses(text: str, commands: list[Command]) -> Iterator[Part]:
    """`$X`/`${X}` parts the shell expands with no default, other than `X=...$X...`."""
    for command in commands:
        for word, assigned in _expanded_words(command):
            for part in word.params:
                if (
                    part.quote != SINGLE
                    and part.value != assigned
                    and re.match(r"[A-Za-z_]", part.value)
                    and not HANDLED.match(text[part.start : part.end])
                ):
                    yield part


def _plain_base(stage: Stage) -> str | None:
    """How the message names the stage's base when it is a plain distribution, else None."""
    agent = (stage.agent or "").lower()
    if agent in FROM_MIRROR:
        return "a `Bootstrap: %s` install" % agent
    entry = stage.get("from")
    if agent in ("docker", "library") and entry is not None and DISTRIBUTION_IMAGE.match(entry.value.strip()):
        return "the base image `%s`" % entry.value.strip()
    return None


def _is_template(script: JobScript) -> bool:
    """A file a generator fills in first: named so (`Singularity.template`, `templates/x.def`,
    `x.def.j2`), or with `$X` in `%labels`/`%files`, where Apptainer expands nothing."""
    parts = script.source.path.replace("\\", "/").split("/")
    if any(TEMPLATE_NAME.search(part) for part in parts[-2:]):
        return True
    return any(
        PARAMETER.search(script.text, section.body_start, section.body_end)
        for section in script.recipe.sections
        if section.name in LITERAL_SECTIONS
    )


def _may_set_others(command: Command) -> bool:
    """`. file`, `eval`, `module load`, `conda activate`, ..., or `export $(cat file)`: names this
    file does not spell out may be set."""
    if command.basename in SOURCING:
        return True
    return command.name in DECLARING and any(
        word.value is None and not re.match(r"[A-Za-z_][A-Za-z0-9_]*\+?=", word.text) for word in command.args
    )


def _expanded_words(command: Command) -> Iterator[tuple[Word, str | None]]:
    """(word, the name it is assigned to or None) for every word the shell expands."""
    for assignment in command.assignments:
        yield assignment.value, assignment.name
    for word in command.words:
        name = word.text.split("=", 1)[0] if command.name in ("export", "declare", "typeset", "local") else None
        yield word, name
    for redirect in command.redirects:
        yield redirect.target, None


def _provided(name: str, section: str) -> bool:
    if name in PROVIDED or name.startswith(PROVIDED_PREFIXES):
        return True
    # At run time %environment also sees the host's environment: a cluster's usual names are there.
    return section == "environment" and (name in STANDARD or name in SITE_COMMON or name.startswith(HOST_PREFIXES))


def _message(name: str, section: str, base: str) -> str:
    when = (
        "`%post` runs with a clean environment, so it expands to nothing here"
        if section == "post"
        else "unless the host's environment has it at run time, it expands to nothing"
    )
    return "`$%s` is set by no line of this file nor by %s: %s (a typo, or a name set elsewhere?)" % (name, base, when)
