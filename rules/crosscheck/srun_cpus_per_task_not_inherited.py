from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.knowledge import release_key
from jobcheck.semantics.command_views import views_named

from ..slurm.directives import release
from .launcher_counts import CPUS, _first_positional, option_values
from .slurm_request import request_of


class SrunCpusPerTask(Rule):
    """
    ## What it does
    On Slurm 22.05 and 23.02 (`--slurm-version`), finds `srun` in a job with `--cpus-per-task`
    greater than 1 that neither passes `-c`/`--cpus-per-task` nor exports `SRUN_CPUS_PER_TASK`.

    ## Why is this bad?
    From 22.05 to 23.02 srun does not inherit the job's `--cpus-per-task` (it reads only
    `SRUN_CPUS_PER_TASK`): each task gets one CPU, and threaded code crawls. 23.11 went back to
    inheriting it.

    ## Example
    With `--slurm-version 23.02`:

        #SBATCH --cpus-per-task=8
        srun ./threaded_solver

    Use instead:

        #SBATCH --cpus-per-task=8
        srun --cpus-per-task="$SLURM_CPUS_PER_TASK" ./threaded_solver

    ## Fix safety
    No fix.

    Severity: info. The job still runs, with fewer CPUs per task than it asked for; only code
    that uses several threads per task slows down.
    """

    code = "JC306"
    name = "srun-cpus-per-task-not-inherited"
    severity = Severity.INFO
    summary = "On Slurm 22.05-23.02 srun does not inherit --cpus-per-task"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        target = release(settings)
        if target == "master" or not release_key("22.05") <= release_key(target) <= release_key("23.02"):
            return
        request = request_of(script)
        if request.cpus_per_task <= 1:
            return
        if any(a.name == "SRUN_CPUS_PER_TASK" for a in script.assignments):
            return
        for view in views_named(script, settings.container_runtime, "srun"):
            options = view.args[: _first_positional(view.args)]
            if option_values(options, CPUS):
                continue
            word = view.words[0]
            yield Diagnostic(
                word.start,
                word.end,
                "on Slurm %s srun does not inherit `--cpus-per-task=%d`: each "
                "task gets 1 CPU; pass `--cpus-per-task=$SLURM_CPUS_PER_TASK` or export "
                "`SRUN_CPUS_PER_TASK`" % (target, request.cpus_per_task),
            )
