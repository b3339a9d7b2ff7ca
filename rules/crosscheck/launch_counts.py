from __future__ import annotations

import re

from jobcheck import Diagnostic, Rule, Severity
from jobcheck.knowledge import release_key
from jobcheck.semantics.launchers import views_named

from ..slurm.directives import release
from .request import request_of

# srun options that set a task count / node count / CPUs per task, in every spelling
NTASKS = ("-n", "--ntasks")
NODES = ("-N", "--nodes")
CPUS = ("-c", "--cpus-per-task")
MPI_NP = ("-np", "-n", "--np", "-c")


def option_values(words, names):
    """(word, value) for each `NAME VALUE`, `NAME=VALUE` or `-nVALUE` among `words`."""
    found = []
    for i, word in enumerate(words):
        text = word.value if word.value is not None else word.literal_prefix
        for name in names:
            if text == name and i + 1 < len(words):
                found.append((word, words[i + 1].value))
            elif text.startswith(name + "=") and name.startswith("--"):
                found.append((word, text.split("=", 1)[1]))
            elif len(name) == 2 and text.startswith(name) and text[2:].isdigit() and not name.startswith("--"):
                found.append((word, text[2:]))
    return found


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
    summary = "srun/mpirun/torchrun start more than the job requested"

    def check(self, script, settings):
        request = request_of(script)
        if not request.batch:
            return
        # without a task count the job's size is the submit line's or the site's (whole nodes): nothing to compare
        sized = request.tasks_known and request.cpus_on_node is not None
        for view in views_named(script, settings.container_runtime, "srun", "mpirun", "mpiexec", "torchrun"):
            name = view.basename
            if name == "srun":
                yield from self._srun(view, request, sized)
            elif name in ("mpirun", "mpiexec") and sized:
                tasks = request.ntasks
                for word, value in option_values(view.args[:_first_positional(view.args)], MPI_NP):
                    if value and value.isdigit() and int(value) > tasks:
                        yield Diagnostic(word.start, word.end, "`%s %s` starts %s processes, but the job has %d "
                                         "task slot%s: mpirun oversubscribes or stops with \"not enough slots\""
                                         % (name, word.text, value, tasks, "" if tasks == 1 else "s"))
            elif name == "torchrun" and request.gpus_per_node:
                for word, value in option_values(view.args, ("--nproc_per_node", "--nproc-per-node")):
                    if value and value.isdigit() and int(value) > request.gpus_per_node:
                        yield Diagnostic(word.start, word.end, "`torchrun` starts %s processes per node, but the "
                                         "job has %d GPU%s per node: the extra processes find no GPU of their own"
                                         % (value, request.gpus_per_node, "" if request.gpus_per_node == 1 else "s"))

    def _srun(self, view, request, sized):
        options = view.args[:_first_positional(view.args)]
        if sized:
            cpus = request.ntasks * request.cpus_per_task
            per_task = [v for _, v in option_values(options, CPUS) if v and v.isdigit()]
            step_cpus = int(per_task[-1]) if per_task else 1
            for word, value in option_values(options, NTASKS):
                if value and value.isdigit() and int(value) * step_cpus > cpus:
                    yield Diagnostic(word.start, word.end, "`srun %s` asks for %d CPUs (%s task%s x %d CPU%s), but the job "
                                     "has %d (%d task%s x %d CPU%s): srun stops with \"More processors requested than "
                                     "permitted\"" % (
                                         " ".join(w.text for w in options[:2]), int(value) * step_cpus, value,
                                         "" if value == "1" else "s", step_cpus, "" if step_cpus == 1 else "s", cpus, request.ntasks,
                                         "" if request.ntasks == 1 else "s", request.cpus_per_task,
                                         "" if request.cpus_per_task == 1 else "s"))
        if request.nodes:
            for word, value in option_values(options, NODES):
                if value and value.split("-")[0].isdigit() and int(value.split("-")[0]) > request.nodes:
                    yield Diagnostic(word.start, word.end, "`srun` asks for %s nodes, but the job has %d: srun fails"
                                     % (value, request.nodes), severity=Severity.ERROR)


def _first_positional(args) -> int:
    """Where the launched program starts (options with a value are skipped roughly)."""
    i = 0
    while i < len(args):
        text = args[i].value if args[i].value is not None else args[i].literal_prefix
        if not text.startswith("-"):
            return i
        if "=" not in text and re.match(r"^-(n|N|c|np|-ntasks|-nodes|-cpus-per-task|x|-mpi|o|e|p|t|-map-by|-bind-to)$", text):
            i += 1
        i += 1
    return len(args)


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
        #SBATCH --cpus-per-task=8
        srun ./threaded_solver

    Use instead:

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

    def check(self, script, settings):
        target = release(settings)
        if target == "master" or not release_key("22.05") <= release_key(target) <= release_key("23.02"):
            return
        request = request_of(script)
        if request.cpus_per_task <= 1:
            return
        if any(a.name == "SRUN_CPUS_PER_TASK" for a in script.assignments):
            return
        for view in views_named(script, settings.container_runtime, "srun"):
            options = view.args[:_first_positional(view.args)]
            if option_values(options, CPUS):
                continue
            word = view.words[0]
            yield Diagnostic(word.start, word.end, "on Slurm %s srun does not inherit `--cpus-per-task=%d`: each "
                             "task gets 1 CPU; pass `--cpus-per-task=$SLURM_CPUS_PER_TASK` or export "
                             "`SRUN_CPUS_PER_TASK`" % (target, request.cpus_per_task))
