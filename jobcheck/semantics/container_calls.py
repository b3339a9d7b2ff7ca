"""Every apptainer/singularity call in a script, wherever it sits (behind srun, time, env, ...)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.script import derived_fact
from .command_views import container_call, views_named
from .containers import CONTAINER_TOOLS, ContainerCall, parse_call


def container_calls(script, settings) -> Iterator[ContainerCall]:
    return iter(_calls(script, settings.container_runtime))


@derived_fact
def _calls(script, runtime) -> list[ContainerCall]:
    return list(_each_call(script, runtime))


def _each_call(script, runtime):
    for view in views_named(script, runtime, *CONTAINER_TOOLS):
        call = container_call(view.command, view.index, runtime)
        if call is None:
            continue
        images = frozenset(w.start for w in call.opaque if w is not call.image and _holds_image(script, w))
        if images:  # `run $IMAGE --opt`: the script set IMAGE to a path, so what follows is the runscript's
            call = parse_call(view.command.words[view.index :], runtime, images) or call
        call.origin = view.command
        yield call


def _holds_image(script, word) -> bool:
    """The unquoted `$NAME` word names a variable the script sets only to values that are no flags."""
    names = {part.value for part in word.parts}
    values = [a.value.value for a in script.assignments if a.name in names]
    return bool(values) and all(v is not None and v and not v.startswith("-") for v in values)


def describe(call: ContainerCall) -> str:
    return "%s %s" % (call.tool, call.command) if call.command else call.tool


IMAGE_SUFFIXES = (".sif", ".simg", ".img", ".sqsh", ".squashfs", ".sqfs")
IMAGE_SCHEMES = (
    "docker://",
    "docker-archive:",
    "docker-daemon:",
    "library://",
    "oras://",
    "shub://",
    "instance://",
    "oci-archive:",
    "oci:",
    "http://",
    "https://",
)


def looks_like_image(word) -> bool:
    text = word.value if word.value is not None else word.text
    return text.endswith(IMAGE_SUFFIXES) or text.startswith(IMAGE_SCHEMES)


def line_end(text: str, offset: int) -> int:
    nl = text.find("\n", offset)
    return len(text) if nl < 0 else nl
