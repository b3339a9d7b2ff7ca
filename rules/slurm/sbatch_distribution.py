from __future__ import annotations

from jobcheck import Severity

from . import grammar
from .value_rule import ValueRule


class Distribution(ValueRule):
    """
    ## What it does
    Checks `--distribution`: `block|cyclic|arbitrary|plane=N` optionally followed by
    `:block|cyclic|fcyclic` (twice) and `,Pack|NoPack`.

    ## Why is this bad?
    sbatch refuses the script ("Invalid --distribution specification").

    ## Example
        #SBATCH --distribution=cyclical

    Use instead:

        #SBATCH --distribution=cyclic

    ## Fix safety
    No fix.
    """

    code = "JC121"
    name = "sbatch-distribution"
    severity = Severity.ERROR
    summary = "Malformed --distribution"
    OPTIONS = ("distribution",)

    def verdict(self, use, script, settings):
        return grammar.check_distribution(use.value)
