"""`docker run` / `podman run` read as the engine reads it (JC218, JC224)."""

from __future__ import annotations

# `docker run` / `podman run` flags that take a value (the rest are yes/no flags)
VALUE_FLAGS = {
    "-v",
    "--volume",
    "-e",
    "--env",
    "-w",
    "--workdir",
    "-u",
    "--user",
    "--name",
    "--gpus",
    "--network",
    "--net",
    "--shm-size",
    "--ipc",
    "--entrypoint",
    "--mount",
    "--device",
    "-p",
    "--publish",
    "--env-file",
    "--platform",
    "--runtime",
    "--cpus",
    "--memory",
    "-m",
    "--label",
    "-l",
    "--security-opt",
    "--userns",
    "--cap-add",
    "--cap-drop",
    "--hostname",
    "-h",
    "--pull",
    "--cidfile",
    "--ulimit",
    "--log-driver",
    "--restart",
    "--tmpfs",
    "--add-host",
    "--dns",
    "--group-add",
    "--pid",
    "--uts",
    "--cgroupns",
    "--expose",
    "--stop-signal",
    "--stop-timeout",
    "--cpuset-cpus",
    "--memory-swap",
    "--volumes-from",
    "--link",
    "--annotation",
    "--hooks-dir",
}
ENGINES = ("docker", "podman")


def parse_run(words):
    """(flags [(flag word, value word or None)], image word or None, index of the image)."""
    flags, i = [], 2
    while i < len(words):
        text = words[i].value if words[i].value is not None else words[i].literal_prefix
        if text == "--":
            i += 1
            break
        if not text.startswith("-") or text == "-":
            break
        name = text.split("=", 1)[0]
        value = None
        if "=" not in text and name in VALUE_FLAGS and i + 1 < len(words):
            value = words[i + 1]
            i += 1
        flags.append((words[i - (1 if value is not None else 0)], value))
        i += 1
    image = words[i] if i < len(words) else None
    return flags, image, i
