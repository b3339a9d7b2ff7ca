from __future__ import annotations

from jobcheck import Severity

from . import grammar
from .value_rule import ValueRule


class MemoryFormat(ValueRule):
    """
    ## What it does
    Checks `--mem`, `--mem-per-cpu`, `--mem-per-gpu` and `--tmp`: a whole number with an
    optional K, M, G or T suffix (case-insensitive, a trailing B allowed; default MB).

    ## Why is this bad?
    `2GiB`, `1.5G` or `-1` make sbatch refuse the script ("Invalid --mem specification").
    (`--mem=0`, all the memory of each node, is what its authors mean: not reported.)

    ## Example
        #SBATCH --mem=1.5G

    Use instead:

        #SBATCH --mem=1536M

    ## Fix safety
    No fix.
    """

    code = "JC114"
    name = "sbatch-memory-format"
    severity = Severity.ERROR
    summary = "Malformed memory size in --mem/--mem-per-cpu/--mem-per-gpu"
    OPTIONS = ("mem", "mem-per-cpu", "mem-per-gpu", "tmp")

    def verdict(self, use, script, settings):
        return grammar.check_memory(use.value, use.name)
