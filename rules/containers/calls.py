"""Every apptainer/singularity call in a script, wherever it sits (behind srun, time, env, ...)."""

from __future__ import annotations

from typing import Iterator

from jobcheck.containers import ContainerCall, parse_call
from jobcheck.launchers import views


def container_calls(script, settings) -> Iterator[ContainerCall]:
    runtime = settings.container_runtime
    for command in script.commands:
        for view in views(command, runtime):
            call = parse_call(view.words, runtime)
            if call is not None:
                yield call


def describe(call: ContainerCall) -> str:
    return "%s %s" % (call.tool, call.command) if call.command else call.tool
