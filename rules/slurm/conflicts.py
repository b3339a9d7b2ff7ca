from __future__ import annotations

from jobcheck import Diagnostic, Rule, Severity

from .directives import components, effective, shown

MEMORY_OPTIONS = ("mem", "mem-per-cpu", "mem-per-gpu")
GPU_REQUESTS = ("gpus", "gpus-per-node", "gpus-per-task", "gpus-per-socket")


def requests_gpus(options) -> bool:
    if any(name in options for name in GPU_REQUESTS):
        return True
    gres = options.get("gres")
    return gres is not None and gres.value is not None and any(
        item.split(":")[0] == "gpu" for item in gres.value.split(","))


class ResourceConflict(Rule):
    """
    ## What it does
    Finds requests sbatch refuses in combination: more than one of `--mem`, `--mem-per-cpu`,
    `--mem-per-gpu`; `--mem-per-gpu` without any GPU request; `--cpus-per-gpu` together with
    `--cpus-per-task`; and, as a warning, `--exclusive` with `--oversubscribe` (the later one
    silently wins).

    ## Why is this bad?
    sbatch stops with "--mem, --mem-per-cpu, and --mem-per-gpu are mutually exclusive", "Requested
    mem_per_tres=gres:gpu:... but did not request any GPU", or "--cpus-per-gpu is mutually
    exclusive with --cpus-per-task".

    ## Example
        #SBATCH --mem=16G
        #SBATCH --mem-per-cpu=2G

    Use instead: one of them.

    ## Fix safety
    No fix: which one to keep is the author's choice.
    """

    code = "JC123"
    name = "sbatch-resource-conflict"
    severity = Severity.ERROR
    summary = "sbatch options that exclude each other"
    languages = ("shell", "python")

    def check(self, script, settings):
        for component in components(script):
            options = effective(script, component)
            memory = [options[name] for name in MEMORY_OPTIONS if name in options]
            if len(memory) > 1:
                last = max(memory, key=lambda u: u.option.start)
                yield Diagnostic(last.option.start, last.option.end,
                                 "%s are given together: sbatch stops with \"--mem, --mem-per-cpu, and --mem-per-gpu "
                                 "are mutually exclusive\"" % " and ".join("`%s`" % shown(u) for u in memory))
            if not requests_gpus(options):
                for name in ("mem-per-gpu",):
                    if name in options:
                        use = options[name]
                        yield Diagnostic(use.option.start, use.option.end,
                                         "`%s` without a GPU request (`--gpus`, `--gres=gpu:N`, ...): sbatch stops "
                                         "with \"... but did not request any GPU\"" % shown(use))
            if "exclusive" in options and "oversubscribe" in options:
                last = max(options["exclusive"], options["oversubscribe"], key=lambda u: u.option.start)
                yield Diagnostic(last.option.start, last.option.end,
                                 "`--exclusive` and `--oversubscribe` contradict each other: sbatch silently keeps "
                                 "the later one, `%s`" % shown(last), severity=Severity.WARNING)
            if "cpus-per-gpu" in options and "cpus-per-task" in options:
                use = options["cpus-per-gpu"]
                yield Diagnostic(use.option.start, use.option.end,
                                 "`--cpus-per-gpu` and `--cpus-per-task` are given together: sbatch stops with "
                                 "\"--cpus-per-gpu is mutually exclusive with --cpus-per-task\"")


class TaskCountConflict(Rule):
    """
    ## What it does
    Compares `--ntasks` with `--nodes` times `--ntasks-per-node`.

    ## Why is this bad?
    More tasks than nodes times tasks per node can hold is refused ("Requested node configuration
    is not available"). More nodes than tasks is accepted, and sbatch cuts the node count to the
    task count ("can't run 1 processes on 2 nodes, setting nnodes to 1").

    Fewer tasks than nodes times tasks per node is not reported: then `--ntasks-per-node` is the
    most per node (as sbatch's manual says), which is what such scripts mean.

    ## Example
        #SBATCH --nodes=2
        #SBATCH --ntasks-per-node=1
        #SBATCH --ntasks=4

    Use instead: `--nodes=2 --ntasks-per-node=2` (4 tasks) or `--nodes=4 --ntasks=4`.

    ## Fix safety
    No fix.
    """

    code = "JC124"
    name = "sbatch-task-count-conflict"
    severity = Severity.WARNING
    summary = "--ntasks does not match --nodes x --ntasks-per-node"
    languages = ("shell", "python")

    def check(self, script, settings):
        for component in components(script):
            options = effective(script, component)
            ntasks = _int(options.get("ntasks"))
            nodes = _min_nodes(options.get("nodes"))
            per_node = _int(options.get("ntasks-per-node"))
            if ntasks is None:
                continue
            use = options["ntasks"]
            if per_node is not None:
                capacity = (nodes or 1) * per_node
                if nodes is None and ntasks > capacity:
                    continue  # no --nodes: Slurm picks enough nodes for the tasks
                if ntasks > capacity:
                    yield Diagnostic(use.option.start, use.option.end,
                                     "%d tasks do not fit on %d node%s with %d task%s per node: sbatch stops with "
                                     "\"Requested node configuration is not available\""
                                     % (ntasks, nodes, "" if nodes == 1 else "s", per_node, "" if per_node == 1 else "s"),
                                     severity=Severity.ERROR)
                    continue
                # Fewer: `--ntasks` wins and `--ntasks-per-node` is the most per node, as documented.
            if nodes is not None and nodes > ntasks:
                yield Diagnostic(use.option.start, use.option.end,
                                 "%d node%s for %d task%s: sbatch says \"can't run %d processes on %d nodes, setting "
                                 "nnodes to %d\"" % (nodes, "" if nodes == 1 else "s", ntasks, "" if ntasks == 1 else "s",
                                                     ntasks, nodes, ntasks))


def _int(use):
    if use is None or use.value is None or not use.value.isdigit():
        return None
    return int(use.value)


def _min_nodes(use):
    if use is None or use.value is None:
        return None
    first = use.value.split("-")[0]
    return int(first) if first.isdigit() else None
