from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.command_views import views_named

from .launcher_counts import CPUS, _first_positional, option_values
from .slurm_request import request_of

# srun options that set a task count / node count / CPUs per task, in every spelling
NTASKS = ("-n", "--ntasks")
NODES = ("-N", "--nodes")

MPI_NP = ("-np", "-n", "--np", "-c")


class LaunchCountExceedsRequest(Rule):
    """
    ## What it does
    Compares what the job's commands launch with what it requested: the CPUs of `srun -n`
    (times its `-c`) against the job's tasks x `--cpus-per-task`, `srun -N` against `--nodes`,
    `mpirun -np` against the task slots, and `torchrun --nproc_per_node` against the GPUs per node.

    ## Why is this bad?
    srun cannot start a step that needs more CPUs or nodes than the allocation has: it stops
    with "More processors requested than permitted"; mpirun oversubscribes or stops ("not
    enough slots"); torchrun starts processes that find no GPU of their own.

    ## Example
        #SBATCH --ntasks=4
        srun -n 8 ./solver

    Use instead:

        srun -n "$SLURM_NTASKS" ./solver      # or request --ntasks=8

    ## Fix safety
    No fix.

    Only a job that sizes its tasks (`--ntasks` or `--ntasks-per-node`) is compared: one that
    names its nodes without `--cpus-per-task`, or asks for `--exclusive` or `--mem=0`, may hold
    whole nodes (many sites hand them out whole), and one that names nothing gets its size from
    the submit command line.

    Severity: error for `srun -N` beyond the job's nodes (no site gives more nodes than asked);
    warning for the rest (a site that allocates whole nodes gives the job more CPUs than it asked).
    """

    code = "JC305"
    name = "launch-count-exceeds-request"
    severity = Severity.WARNING
    summary = (
        "srun/mpirun/torchrun start more than a job that sizes its tasks requested (error: srun -N beyond --nodes)"
    )

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        request = request_of(script)
        if not request.batch:
            return
        # without a task count the job's size is the submit line's or the site's (whole nodes): nothing to compare
        sized = request.tasks_known and request.cpus_on_node is not None
        for view in views_named(script, settings.container_runtime, "srun", "mpirun", "mpiexec", "torchrun"):
            name = view.basename
            if name == "srun":
                yield from self._srun(view, request, sized)
            elif name in ("mpirun", "mpiexec") and sized and request.ntasks is not None:
                tasks = request.ntasks
                for word, value in option_values(view.args[: _first_positional(view.args)], MPI_NP):
                    if value and value.isdigit() and int(value) > tasks:
                        yield Diagnostic(
                            word.start,
                            word.end,
                            "`%s %s` starts %s processes, but the job has %d "
                            'task slot%s: mpirun oversubscribes or stops with "not enough slots"'
                            % (name, word.text, value, tasks, "" if tasks == 1 else "s"),
                        )
            elif name == "torchrun" and request.gpus_per_node:
                for word, value in option_values(view.args, ("--nproc_per_node", "--nproc-per-node")):
                    if value and value.isdigit() and int(value) > request.gpus_per_node:
                        yield Diagnostic(
                            word.start,
                            word.end,
                            "`torchrun` starts %s processes per node, but the "
                            "job has %d GPU%s per node: the extra processes find no GPU of their own"
                            % (value, request.gpus_per_node, "" if request.gpus_per_node == 1 else "s"),
                        )

    def _srun(self, view, request, sized):
        options = view.args[: _first_positional(view.args)]
        if sized:
            cpus = request.ntasks * request.cpus_per_task
            per_task = [v for _, v in option_values(options, CPUS) if v and v.isdigit()]
            step_cpus = int(per_task[-1]) if per_task else 1
            for word, value in option_values(options, NTASKS):
                if value and value.isdigit() and int(value) * step_cpus > cpus:
                    yield Diagnostic(
                        word.start,
                        word.end,
                        "`srun %s` asks for %d CPUs (%s task%s x %d CPU%s), "
                        'but the job has %d (%d task%s x %d CPU%s): srun stops with "More processors '
                        'requested than permitted"'
                        % (
                            " ".join(w.text for w in options[:2]),
                            int(value) * step_cpus,
                            value,
                            "" if value == "1" else "s",
                            step_cpus,
                            "" if step_cpus == 1 else "s",
                            cpus,
                            request.ntasks,
                            "" if request.ntasks == 1 else "s",
                            request.cpus_per_task,
                            "" if request.cpus_per_task == 1 else "s",
                        ),
                    )
        if request.nodes:
            for word, value in option_values(options, NODES):
                if value and value.split("-")[0].isdigit() and int(value.split("-")[0]) > request.nodes:
                    yield Diagnostic(
                        word.start,
                        word.end,
                        "`srun` asks for %s nodes, but the job has %d: srun fails" % (value, request.nodes),
                        severity=Severity.ERROR,
                    )
