from __future__ import annotations

from jobcheck import Severity
from jobcheck.semantics import slurm_values

from .value_rule import ValueRule


class Counts(ValueRule):
    """
    ## What it does
    Checks the counts of `--nodes` (N or MIN-MAX), `--ntasks`, `--cpus-per-task`,
    `--ntasks-per-node` and the other per-node, per-socket and per-core counts (whole numbers
    above zero), and `--extra-node-info`/`-B` (SOCKETS[:CORES[:THREADS]], each a number or `*`;
    on Slurm 22.05 `--extra=...` is read as this option).

    ## Why is this bad?
    sbatch refuses the script ("Invalid numeric value \\"0\\" for --cpus-per-task.").

    ## Example
        #SBATCH --cpus-per-task=0

    Use instead:

        #SBATCH --cpus-per-task=1

    ## Fix safety
    No fix.
    """

    code = "JC120"
    name = "sbatch-count-format"
    severity = Severity.ERROR
    summary = "A node, task or CPU count that is not a whole number above zero"
    OPTIONS = (
        "nodes",
        "ntasks",
        "cpus-per-task",
        "ntasks-per-node",
        "ntasks-per-core",
        "ntasks-per-socket",
        "ntasks-per-gpu",
        "cores-per-socket",
        "sockets-per-node",
        "threads-per-core",
        "cpus-per-gpu",
        "mincpus",
        "extra-node-info",
    )

    def verdict(self, use, script, settings):
        if use.name == "nodes":
            return slurm_values.check_nodes(use.value)
        if use.name == "extra-node-info":
            return slurm_values.check_extra_node_info(use.value)
        return slurm_values.check_positive_int(use.value, use.name)
