from __future__ import annotations

from jobcheck import Severity

from . import grammar
from .value_rule import ValueRule


class Dependency(ValueRule):
    """
    ## What it does
    Checks `--dependency`: `TYPE:JOBID[:JOBID...]` items separated by `,` (all) or `?` (any),
    with TYPE one of after, afterany, afterburstbuffer, aftercorr, afternotok, afterok,
    singleton, expand.

    ## Why is this bad?
    The controller refuses the job ("Job dependency problem"). A common slip is `after_ok`.

    ## Example
        #SBATCH --dependency=after_ok:123456

    Use instead:

        #SBATCH --dependency=afterok:123456

    ## Fix safety
    No fix.
    """

    code = "JC118"
    name = "sbatch-dependency"
    severity = Severity.ERROR
    summary = "Malformed --dependency: the job is refused"
    OPTIONS = ("dependency",)

    def verdict(self, use, script, settings):
        for item in grammar.dependency_items(use.value):
            verdict = grammar.check_dependency_item(item)
            if verdict is not None:
                return verdict
        return None
