from __future__ import annotations

from jobcheck import Severity

from . import grammar
from .value_rule import ValueRule


class Signal(ValueRule):
    """
    ## What it does
    Checks `--signal`: `[R:|B:]SIGNAL[@SECONDS]`, SIGNAL a name (USR1, SIGUSR1, TERM, ...) or a
    number, SECONDS at most 65535.

    ## Why is this bad?
    sbatch refuses the script ("Invalid --signal specification").

    ## Example
        #SBATCH --signal=USR1@tenminutes

    Use instead:

        #SBATCH --signal=B:USR1@600

    ## Fix safety
    No fix.
    """

    code = "JC119"
    name = "sbatch-signal"
    severity = Severity.ERROR
    summary = "Malformed --signal"
    OPTIONS = ("signal",)

    def verdict(self, use, script, settings):
        return grammar.check_signal(use.value)
