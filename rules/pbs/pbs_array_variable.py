from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity

from .pbs_directives import FLAVOR_NAMES, flavor

ARRAY_VARIABLE = {"pbspro": "PBS_ARRAY_INDEX", "torque": "PBS_ARRAYID"}


class ArrayVariable(Rule):
    """
    ## What it does
    Finds the other flavour's array index variable: `$PBS_ARRAYID` (Torque) in a PBS Pro job,
    `$PBS_ARRAY_INDEX` (PBS Pro) in a Torque job.

    ## Why is this bad?
    The variable is never set: it expands to nothing, and every subjob does the same work (or
    reads `input_.txt`).

    ## Example
        #PBS -J 1-10
        python run.py --task "$PBS_ARRAYID"

    Use instead:

        python run.py --task "$PBS_ARRAY_INDEX"

    ## Fix safety
    Renaming the variable is safe.
    """

    code = "JC711"
    schedulers = ("pbs",)
    name = "pbs-array-variable"
    severity = Severity.ERROR
    summary = "The other PBS flavour's array index variable ($PBS_ARRAYID vs $PBS_ARRAY_INDEX)"
    fix_availability = "always"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        which, why = flavor(script)
        if which is None:
            return
        right = ARRAY_VARIABLE[which]
        wrong = ARRAY_VARIABLE["torque" if which == "pbspro" else "pbspro"]
        if any(a.name == wrong for a in script.assignments):
            return
        seen = set()
        for command in script.commands:
            for word in command.words + tuple(a.value for a in command.assignments):
                if wrong not in word.text:
                    continue
                for part in word.params:
                    if part.value != wrong or part.start in seen:
                        continue
                    seen.add(part.start)
                    at = script.text.find(wrong, part.start, part.end)
                    yield Diagnostic(
                        part.start,
                        part.end,
                        "`$%s` is never set on %s (%s): the array index is `$%s`"
                        % (wrong, FLAVOR_NAMES[which], why, right),
                        Fix.safe("use `$%s`" % right, Edit(at, at + len(wrong), right)),
                    )
