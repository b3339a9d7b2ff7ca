from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .lsf_directives import lsf_uses, value_offset, value_span

SLURM_DEPENDENCY_RE = lazy(r"^(after|afterok|afternotok|afterany)((?::[0-9]+)+)$")
LSF_CONDITION = {"after": "started", "afterok": "done", "afternotok": "exit", "afterany": "ended"}


class DependencySyntax(Rule):
    """
    ## What it does
    Finds `-w` written the Slurm/PBS way (`afterok:123`).

    ## Why is this bad?
    LSF's dependency is an expression of conditions: `done(123)`, `ended(123)`, `exit(123)`,
    `started(123)`, joined with `&&`/`||`. `afterok:123` is taken as a job name, and bsub
    refuses the job because no job of that name exists.

    ## Example
        #BSUB -w afterok:123

    Use instead:

        #BSUB -w "done(123)"

    ## Fix safety
    The translation (`afterok` -> `done`, `afterany` -> `ended`, `afternotok` -> `exit`,
    `after` -> `started`) is safe.
    """

    code = "JC810"
    name = "lsf-dependency-syntax"
    severity = Severity.ERROR
    summary = "-w written the Slurm/PBS way (afterok:123): LSF wants done(123)"
    fix_availability = "sometimes"
    languages = ("shell", "python")
    schedulers = ("lsf",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _, option in lsf_uses(script):
            if option.spelled != "-w" or option.kind != "option" or not option.value:
                continue
            m = SLURM_DEPENDENCY_RE.match(option.value)
            if not m:
                continue
            condition = LSF_CONDITION[m.group(1)]
            expression = " && ".join("%s(%s)" % (condition, job) for job in m.group(2).strip(":").split(":"))
            fix = None
            if value_offset(script, option) is not None:
                fix = Fix.safe(
                    'write `"%s"`' % expression, Edit(option.value_start, option.value_end, '"%s"' % expression)
                )
            yield Diagnostic(
                *value_span(option),
                '`-w %s` is Slurm/PBS syntax: LSF takes a condition, `"%s"`' % (option.value, expression),
                fix,
            )
