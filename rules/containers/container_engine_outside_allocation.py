from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.command_views import views_named

from ..crosscheck.job_request import job_request
from .engine_run import ENGINES, parse_run

# Subcommands that end or wait for a detached container (`docker stop`, `podman rm -f`, ...).
ENDING = frozenset({"stop", "kill", "rm", "wait", "down"})


class EngineOutsideAllocation(Rule):
    """
    ## What it does
    Finds `docker run`/`podman run` in a batch job that escape the job's allocation:
    `-d`/`--detach` in a script that never stops, kills, removes or waits for a container, and
    `--gpus all` in a job that requested no GPU.

    ## Why is this bad?
    The Docker daemon (and rootful Podman's) is not part of the job: it runs outside the
    scheduler's control groups. A detached container keeps running after the job ends, holding
    the node's CPUs, memory and GPUs that the scheduler hands to the next job. `--gpus all`
    gives the container every GPU of the node, GPUs this job never asked for and other jobs
    are using.

    ## Example
        #SBATCH --cpus-per-task=4
        docker run -d --gpus all my/server

    Use instead: ask for the GPUs (`--gres=gpu:1`), run in the foreground (no `-d`, or
    `docker stop`/`docker rm -f` it before the job ends, e.g. from a `trap ... EXIT`), and pass
    only the job's GPUs:

        #SBATCH --cpus-per-task=4
        #SBATCH --gres=gpu:1
        docker run --gpus "\\"device=$CUDA_VISIBLE_DEVICES\\"" my/server

    ## Fix safety
    No fix.
    """

    code = "JC224"
    name = "container-engine-outside-allocation"
    severity = Severity.WARNING
    summary = "docker/podman run -d never stopped, or --gpus all without a GPU request: outside the job's allocation"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if not script.scheduler_directives:
            return
        runs = [
            view
            for view in views_named(script, settings.container_runtime, *ENGINES)
            if len(view.words) > 1 and view.words[1].value == "run"
        ]
        if not runs:
            return
        stopped = any(
            len(view.words) > 1 and _subcommand(view.words) in ENDING
            for view in views_named(script, settings.container_runtime, *ENGINES)
        )
        request = job_request(script)
        for view in runs:
            flags, _, _ = parse_run(view.words)
            engine = view.basename
            for flag, value in flags:
                text = flag.value or ""
                if not stopped and (
                    text == "--detach"
                    or (
                        text.startswith("-")
                        and not text.startswith("--")
                        and "d" in text[1:]
                        and set(text[1:]) <= set("itdP")
                    )
                ):
                    yield Diagnostic(
                        flag.start,
                        flag.end,
                        "`%s run %s` leaves the container running after the "
                        "job ends (the %s daemon is outside the job's allocation) and nothing in the "
                        "script stops it; run it in the foreground or `%s stop` it before the end"
                        % (engine, text, engine, engine),
                    )
                gpus = (
                    text.split("=", 1)[1]
                    if text.startswith("--gpus=")
                    else (value.value if text == "--gpus" and value is not None else None)
                )
                if gpus in ("all", '"all"') and not request.gpus and not request.gpu_queue:
                    yield Diagnostic(
                        flag.start,
                        (value or flag).end,
                        "`--gpus %s` hands the container every GPU of "
                        "the node, and this job requested none: it uses GPUs the scheduler gave to "
                        "other jobs; request GPUs (%s) and pass only those" % (gpus, request.gpu_request),
                    )


def _subcommand(words) -> str | None:
    """`stop` of `docker stop x`, `docker container stop x`, `docker compose down`."""
    first = words[1].value
    if first in ("container", "compose") and len(words) > 2:
        return words[2].value
    return first
