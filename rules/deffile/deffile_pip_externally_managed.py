from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.model.recipe import BUILD_SCRIPTS
from jobcheck.patterns import lazy

from .section_commands import commands_in

# Debian 12 (bookworm) and Ubuntu 23.04 on mark their Python "externally managed" (PEP 668).
MANAGED = lazy(r"^(?:docker\.io/)?(?:library/)?(?:ubuntu:(?P<ubuntu>[\w.]+)|debian:(?P<debian>[\w.-]+))$")
UBUNTU_NAMES = {"lunar": 23.04, "mantic": 23.10, "noble": 24.04, "oracular": 24.10, "plucky": 25.04}
DEBIAN_NAMES = {"bookworm": 12, "trixie": 13, "forky": 14, "sid": 99, "unstable": 99, "testing": 99}
# Anything that makes pip install somewhere else, or lets it install anyway.
ELSEWHERE = lazy(
    r"break-system-packages|BREAK_SYSTEM_PACKAGES|EXTERNALLY-MANAGED|\bvenv\b|virtualenv|"
    r"\bconda\b|\bmamba\b|micromamba|\buv\b|pipx|get-pip|pyenv|--prefix|--target|\s-t\s"
)


class PipExternallyManaged(Rule):
    """
    ## What it does
    Finds `pip install` (`pip3 install`, `python3 -m pip install`) in the build scripts of a
    definition file whose base image is Ubuntu 23.04 or later (`ubuntu:24.04`, `ubuntu:noble`,
    `ubuntu:latest`) or Debian 12 or later (`debian:bookworm`), with no virtual environment, no
    conda and no `--break-system-packages`.

    ## Why is this bad?
    These distributions mark their Python as externally managed (PEP 668): pip refuses to
    install into it ("error: externally-managed-environment") and the build stops.

    ## Example
        Bootstrap: docker
        From: ubuntu:24.04
        %post
            apt-get update && apt-get install -y python3-pip
            pip install numpy

    Use instead:

            python3 -m venv /opt/venv && /opt/venv/bin/pip install numpy

    (or `pip install --break-system-packages numpy` in an image nothing else will manage).

    ## Fix safety
    No fix: a virtual environment changes the paths the image's users call.

    Severity: error for a pinned release, warning for `latest` (today's latest is affected, but
    the tag moves). Quiet when the file mentions a venv, virtualenv, conda, uv, pipx,
    `--prefix`/`--target`, or removes the EXTERNALLY-MANAGED marker.
    """

    code = "JC528"
    name = "deffile-pip-externally-managed"
    severity = Severity.ERROR
    summary = "pip install into the system Python of an Ubuntu 23.04+/Debian 12+ base image: PEP 668 refuses it"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if ELSEWHERE.search(script.text):
            return
        for stage in script.recipe.stages:
            entry = stage.get("from")
            agent = (stage.agent or "").lower()
            if entry is None or agent not in ("docker", "oras", "library"):
                continue
            managed, pinned = _managed(entry.value.strip())
            if not managed:
                continue
            for section in stage.sections:
                if section.name not in BUILD_SCRIPTS + ("appinstall",):
                    continue
                for command in commands_in(script, section):
                    words = [w.value or "" for w in command.words]
                    at = _pip_install(words)
                    if at is None:
                        continue
                    yield Diagnostic(
                        command.words[0].start,
                        command.words[at].end,
                        "`%s` into the system Python of `%s`, which PEP 668 marks externally managed: "
                        'pip refuses ("externally-managed-environment") and the build stops; '
                        "install into a venv (`python3 -m venv /opt/venv`)%s"
                        % (
                            " ".join(words[: at + 1]),
                            entry.value.strip(),
                            "" if pinned else " (`latest` is such a release today)",
                        ),
                        severity=None if pinned else Severity.WARNING,
                    )


def _managed(image: str) -> tuple[bool, bool]:
    """(externally managed, pinned to a release) for a base image reference."""
    m = MANAGED.match(image)
    if m is None:
        return False, False
    tag = (m.group("ubuntu") or m.group("debian") or "").lower()
    if tag == "latest":
        return True, False
    if m.group("ubuntu"):
        version = UBUNTU_NAMES.get(tag)
        if version is None:
            number = re.match(r"^(\d+\.\d+)", tag)
            version = float(number.group(1)) if number else 0
        return version >= 23.04, True
    version = DEBIAN_NAMES.get(tag.split("-")[0])
    if version is None:
        number = re.match(r"^(\d+)", tag)
        version = int(number.group(1)) if number else 0
    return version >= 12, True


def _pip_install(words: list[str]) -> int | None:
    """The index of `install` in `pip install ...` / `python3 -m pip install ...`, or None."""
    if not words:
        return None
    tool = words[0].rsplit("/", 1)[-1]
    if tool in ("pip", "pip3") and len(words) > 1 and words[1] == "install":
        return 1
    if tool in ("python", "python3") and words[1:4] == ["-m", "pip", "install"]:
        return 3
    return None
