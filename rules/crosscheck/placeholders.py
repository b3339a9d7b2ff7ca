from __future__ import annotations

from jobcheck import Diagnostic, Rule, Severity

from ..slurm.placeholders import PLACEHOLDER_RE

# Options whose values are expressions where `<` and `>` are comparisons, not a template's brackets.
EXPRESSIONS = {"lsf": ("-R", "-w"), "pbs": (), "sge": ()}


class DirectivePlaceholder(Rule):
    """
    ## What it does
    Finds template placeholders left in `#PBS`, `#BSUB` and `#$` values: `<your_project>`,
    `YOUR_EMAIL`, `CHANGEME`, `XXX`, `user@example.com` (JC126 does the same for `#SBATCH`).

    ## Why is this bad?
    The scheduler refuses a project, account or queue that does not exist, and mail to a
    placeholder address goes nowhere. Found before submission, it is a one-word edit.

    ## Example
        #PBS -A <your_project>

    Use instead:

        #PBS -A proj1234

    ## Fix safety
    No fix: the real value is the author's.
    """

    code = "JC312"
    name = "directive-placeholder-value"
    severity = Severity.WARNING
    summary = "A template placeholder left in a #PBS, #BSUB or #$ value"
    languages = ("shell", "python")

    def check(self, script, settings):
        dialect = script.scheduler
        if dialect not in EXPRESSIONS:
            return  # Slurm's #SBATCH values have JC126
        for directive in script.scheduler_directives:
            for option in directive.options:
                if option.kind != "option" or not option.value or option.spelled in EXPRESSIONS[dialect]:
                    continue
                m = PLACEHOLDER_RE.search(option.value)
                if m:
                    start = option.value_start if option.value_start is not None else option.start
                    end = option.value_end if option.value_end is not None else option.end
                    yield Diagnostic(start, end, "`%s` looks like a template placeholder left in `%s %s`"
                                     % (m.group(0), directive.prefix, option.spelled))
