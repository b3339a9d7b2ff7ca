"""Facts about definition files the JC5xx rules share (Apptainer 1.x / SingularityCE 4.x sources)."""

from __future__ import annotations

# Header keys each runtime accepts (Apptainer adds the buildkit keys and confurl).
COMMON_KEYS = (
    "bootstrap from includecmd mirrorurl updateurl osversion include library registry namespace stage "
    "product user regcode productpgp registerurl modules fingerprints setopt"
).split()
APPTAINER_ONLY_KEYS = ("confurl", "target", "frontend", "filename", "buildargs")
AGENTS = (
    "docker",
    "docker-daemon",
    "docker-archive",
    "oci",
    "oci-archive",
    "library",
    "oras",
    "shub",
    "localimage",
    "yum",
    "dnf",
    "zypper",
    "debootstrap",
    "arch",
    "busybox",
    "scratch",
)
APPTAINER_ONLY_AGENTS = ("buildkit", "dockerfile")
# Keys an agent cannot build without (zypper's alternatives are left to the build).
REQUIRED_KEYS = {
    "docker": ("from",),
    "docker-daemon": ("from",),
    "docker-archive": ("from",),
    "oci": ("from",),
    "oci-archive": ("from",),
    "library": ("from",),
    "oras": ("from",),
    "shub": ("from",),
    "localimage": ("from",),
    "yum": ("mirrorurl",),
    "dnf": ("mirrorurl",),
    "debootstrap": ("mirrorurl", "osversion"),
    "busybox": ("mirrorurl",),
    "buildkit": ("from",),
    "dockerfile": ("from",),
}
DOCKER_LIKE = ("docker", "docker-daemon")


def valid_keys(runtime: str) -> set[str]:
    keys = set(COMMON_KEYS)
    if runtime != "singularityce":
        keys.update(APPTAINER_ONLY_KEYS)
    return keys


def is_other_url(key: str) -> bool:
    return key.startswith("otherurl") and key[len("otherurl") :].isdigit()


def valid_agents(runtime: str) -> tuple[str, ...]:
    return AGENTS if runtime == "singularityce" else AGENTS + APPTAINER_ONLY_AGENTS
