"""JC220-JC223: building, pulling and pushing images from a job script."""

from __future__ import annotations

import os
import re

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity

from ..crosscheck.request import request_of
from ..slurm.directives import slurm_directives
from .calls import container_calls


def positionals(call) -> list:
    return ([call.image] if call.image is not None else []) + list(call.args)


def has_flag(call, *names: str) -> bool:
    return any(use.name in names for use in call.flags + call.global_flags)


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

    def check(self, script, settings):
        tags = local_tags(script)
        if not tags:
            return
        for call in container_calls(script, settings):
            if call.command not in ("build", "pull"):
                continue
            for word in positionals(call):
                value = word.value or ""
                if value.startswith("docker://") and value[len("docker://"):] in tags \
                        and tags[value[len("docker://"):]] < word.start:
                    name = value[len("docker://"):]
                    start = word.start + (1 if word.text[:1] in "'\"" else 0)
                    yield Diagnostic(word.start, word.end, "`%s` was built by this script's `docker build`, but "
                                     "`docker://` means a registry (Docker Hub: `library/%s`), not the local daemon; "
                                     "use `docker-daemon://%s`" % (name, name, name),
                                     Fix.unsafe("use `docker-daemon://`", Edit(start, start + len("docker://"),
                                                                               "docker-daemon://")))


class OverwriteWithoutForce(Rule):
    """
    ## What it does
    Finds `apptainer build OUT ...` and `apptainer pull OUT URI` without `--force`/`-F` in a
    batch job where `OUT` will exist: an array job (every task writes it), a file the script
    wrote on an earlier line, or a file already next to the script.

    ## Why is this bad?
    When `OUT` exists (the second run of the job, or the next array task), a batch job has no
    terminal to answer the overwrite prompt: `build target 'OUT' already exists. Use --force if
    you want to overwrite it` / `Image file already exists ... will not overwrite`, and the job
    stops. (A single job whose target does not exist yet works the first time: not reported.)

    ## Example
        #SBATCH --time=1:00:00
        apptainer build app.sif app.def

    Use instead:

        apptainer build --force app.sif app.def

    ## Fix safety
    Adding `--force` is unsafe: it replaces an image other jobs may be using.
    """

    code = "JC221"
    name = "container-overwrite-without-force"
    severity = Severity.WARNING
    summary = "build/pull onto a file in a batch job without --force: the next run (or array task) stops"
    fix_availability = "always"
    languages = ("shell",)

    def check(self, script, settings):
        if not slurm_directives(script):
            return
        array = "array" in request_of(script).options
        removed = {w.value for c in script.commands if c.basename == "rm" for w in c.words[1:] if w.value}
        made: dict[str, int] = {}  # files an earlier build/pull of this script writes
        for call in container_calls(script, settings):
            if call.command not in ("build", "pull"):
                continue
            words = positionals(call)
            if call.command == "pull" and (len(words) < 2 or has_flag(call, "name")):
                continue  # `pull URI` names the file itself; still fails, but on a name we cannot show
            if not words:
                continue
            target = words[0]
            earlier = made.get(target.value) if target.value else None
            if target.value:
                made.setdefault(target.value, target.start)
            if has_flag(call, "force", "sandbox", "update") or target.value in removed:
                continue
            verb = call.command_words[-1] if call.command_words else target
            exists = target.value is not None and script.path not in ("-", "") and os.path.exists(
                os.path.join(os.path.dirname(os.path.abspath(script.path)), target.value))
            what = "`%s %s` stops" % (call.tool, call.command)
            if earlier is not None:
                why = "line %d already writes `%s` in this job, so %s" % (
                    script.source.position(earlier).line, target.text, what)
            elif array:
                why = "every array task but the first finds `%s` already there, and %s" % (target.text, what)
            elif exists:
                why = "`%s` is already next to this script, so %s" % (target.text, what)
            else:
                continue  # the first run works; whether the job runs again is not in the script
            yield Diagnostic(target.start, target.end, why + ": a batch job has no terminal to confirm the overwrite; "
                             "add `--force`", Fix.unsafe("add `--force`", Edit.insert(verb.end, " --force")),
                             )


class PushTarget(Rule):
    """
    ## What it does
    Checks `apptainer push IMAGE URI`: Apptainer pushes only to `library://` and `oras://`
    (SingularityCE also to `docker://`, as OCI-SIF), and only a SIF file.

    ## Why is this bad?
    The push fails at the end of the job: `Unsupported transport type: docker`, or
    `"dir" is not a SIF` for a sandbox.

    ## Example
        apptainer push app.sif docker://ghcr.io/lab/app:1.0

    Use instead:

        apptainer push app.sif oras://ghcr.io/lab/app:1.0

    ## Fix safety
    No fix.
    """

    code = "JC222"
    name = "container-push-target"
    severity = Severity.ERROR
    summary = "apptainer push of a non-SIF file, or to a transport it does not push to"
    languages = ("shell",)

    def check(self, script, settings):
        for call in container_calls(script, settings):
            if call.command != "push":
                continue
            words = positionals(call)
            if len(words) != 2:
                continue
            image, uri = words
            allowed = ("library://", "oras://") + (("docker://",) if settings.container_runtime == "singularityce"
                                                    else ())
            if image.value and not image.value.endswith(".sif") and "$" not in image.text:
                yield Diagnostic(image.start, image.end, "`%s push` sends a SIF file, and `%s` is not one (a sandbox "
                                 "folder or another format is refused: \"is not a SIF\")" % (call.tool, image.value))
            scheme = re.match(r"[a-z-]+://", uri.value or "")
            if uri.value and scheme and not uri.value.startswith(allowed):
                yield Diagnostic(uri.start, uri.end, "`%s push` supports %s, not `%s`: it stops with \"Unsupported "
                                 "transport type\"" % (call.tool, " and ".join("`%s`" % a for a in allowed),
                                                       scheme.group(0)))


class OrasWithoutRegistry(Rule):
    """
    ## What it does
    Finds `oras://` references whose first part is not a registry host (a host has a `.` or a
    `:`, or is `localhost`).

    ## Why is this bad?
    `oras://lab/app:1.0` means Docker Hub (`index.docker.io/lab/app:1.0`), not your registry:
    the push or pull fails or reaches the wrong place.

    ## Example
        apptainer pull oras://myregistry/lab/app:1.0

    Use instead:

        apptainer pull oras://registry.example.org/lab/app:1.0

    ## Fix safety
    No fix.
    """

    code = "JC223"
    name = "container-oras-without-registry"
    severity = Severity.WARNING
    summary = "An oras:// reference without a registry host (it means Docker Hub)"
    languages = ("shell",)

    def check(self, script, settings):
        for call in container_calls(script, settings):
            if call.command not in ("push", "pull", "build", "exec", "run", "shell"):
                continue
            for word in positionals(call):
                value = word.value or ""
                if not value.startswith("oras://"):
                    continue
                host = value[len("oras://"):].split("/", 1)[0]
                if "/" in value[len("oras://"):] and "." not in host and ":" not in host and host != "localhost":
                    yield Diagnostic(word.start, word.end, "`%s` has no registry host (`%s` has no `.` or `:`), so it "
                                     "means Docker Hub: `index.docker.io/%s`" % (value, host, value[len("oras://"):]))
