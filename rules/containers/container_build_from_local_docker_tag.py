from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls

from .build_arguments import positionals


def local_tags(script) -> dict[str, int]:
    """Tags given to `docker build -t` / `docker buildx build -t` / `podman build -t`: tag -> offset."""
    tags: dict[str, int] = {}
    for command in script.commands:
        if not command.words or not command.words[0].text.endswith(("docker", "podman")):
            continue  # cheap: no word is lexed for the other commands
        words = [w.value or "" for w in command.words]
        if not words or words[0].rsplit("/", 1)[-1] not in ("docker", "podman"):
            continue
        rest = words[1:]
        if not any(w == "build" for w in rest[:3]):
            continue
        for i, word in enumerate(rest):
            if word in ("-t", "--tag") and i + 1 < len(rest):
                tags.setdefault(rest[i + 1], command.start)
            elif word.startswith(("--tag=", "-t=")):
                tags.setdefault(word.split("=", 1)[1], command.start)
    return tags


class BuildFromLocalDockerTag(Rule):
    """
    ## What it does
    Finds `apptainer build X.sif docker://NAME:TAG` (or `pull`) where `NAME:TAG` is an image the
    same script built with `docker build -t NAME:TAG` / `docker buildx build -t`.

    ## Why is this bad?
    `docker://` is a registry (Docker Hub by default), not the local Docker daemon: the build
    fails because `library/NAME:TAG` does not exist there, or silently pulls somebody else's
    image of that name.

    ## Example
        docker buildx build -t hello:0.1 --load .
        apptainer build hello.sif docker://hello:0.1

    Use instead:

        apptainer build hello.sif docker-daemon://hello:0.1

    (or `docker save hello:0.1 -o hello.tar` and `docker-archive://hello.tar` where there is no
    Docker daemon).

    ## Fix safety
    Rewriting `docker://` as `docker-daemon://` is unsafe: it needs access to the Docker socket.
    """

    code = "JC220"
    name = "container-build-from-local-docker-tag"
    severity = Severity.ERROR
    summary = "docker://NAME:TAG of an image built locally: that is Docker Hub, not the daemon"
    fix_availability = "always"
    languages = ("shell",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        tags = local_tags(script)
        if not tags:
            return
        for call in container_calls(script, settings):
            if call.command not in ("build", "pull"):
                continue
            for word in positionals(call):
                value = word.value or ""
                if (
                    value.startswith("docker://")
                    and value[len("docker://") :] in tags
                    and tags[value[len("docker://") :]] < word.start
                ):
                    name = value[len("docker://") :]
                    start = word.start + (1 if word.text[:1] in "'\"" else 0)
                    yield Diagnostic(
                        word.start,
                        word.end,
                        "`%s` was built by this script's `docker build`, but "
                        "`docker://` means a registry (Docker Hub: `library/%s`), not the local daemon; "
                        "use `docker-daemon://%s`" % (name, name, name),
                        Fix.unsafe("use `docker-daemon://`", Edit(start, start + len("docker://"), "docker-daemon://")),
                    )
