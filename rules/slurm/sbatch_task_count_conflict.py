from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sbatch_header import components, effective


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

    Use instead: 4 tasks on 2 nodes (or `--nodes=4 --ntasks=4`):

        #SBATCH --nodes=2
        #SBATCH --ntasks-per-node=2

    ## Fix safety
    No fix.
    """

    code = "JC124"
    name = "sbatch-task-count-conflict"
    severity = Severity.WARNING
    summary = "--ntasks does not match --nodes x --ntasks-per-node"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
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
                    yield Diagnostic(
                        use.option.start,
                        use.option.end,
                        "%d tasks do not fit on %d node%s with %d task%s per node: sbatch stops with "
                        '"Requested node configuration is not available"'
                        % (ntasks, nodes, "" if nodes == 1 else "s", per_node, "" if per_node == 1 else "s"),
                        severity=Severity.ERROR,
                    )
                    continue
                # Fewer: `--ntasks` wins and `--ntasks-per-node` is the most per node, as documented.
            if nodes is not None and nodes > ntasks:
                yield Diagnostic(
                    use.option.start,
                    use.option.end,
                    "%d node%s for %d task%s: sbatch says \"can't run %d processes on %d nodes, setting "
                    'nnodes to %d"'
                    % (nodes, "" if nodes == 1 else "s", ntasks, "" if ntasks == 1 else "s", ntasks, nodes, ntasks),
                )


def _int(use):
    if use is None or use.value is None or not use.value.isdigit():
        return None
    return int(use.value)


def _min_nodes(use):
    if use is None or use.value is None:
        return None
    first = use.value.split("-")[0]
    return int(first) if first.isdigit() else None
