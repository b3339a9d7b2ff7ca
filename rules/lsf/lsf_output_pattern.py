from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .lsf_directives import lsf_uses, value_offset, value_span

FOREIGN_PATTERNS = {"%j": "%J", "%A": "%J", "%a": "%I"}
PATTERN_RE = lazy(r"%[jAa]|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")


class OutputPattern(Rule):
    """
    ## What it does
    Finds Slurm patterns (`%j`, `%A`, `%a`) and shell variables in `#BSUB -o/-e/-oo/-eo`.

    ## Why is this bad?
    bsub knows only its own patterns: `%J` (job id) and `%I` (array index). `%j` and `$HOME`
    are kept literally, so every job writes to the same odd file name, or to a folder that does
    not exist.

    ## Example
        #BSUB -o train.%j.out

    Use instead:

        #BSUB -o train.%J.out

    ## Fix safety
    `%j`/`%A` -> `%J` and `%a` -> `%I` are safe.
    """

    code = "JC806"
    name = "lsf-output-pattern"
    severity = Severity.ERROR
    summary = "A Slurm pattern (%j) or a shell variable in a #BSUB -o/-e path"
    fix_availability = "sometimes"
    languages = ("shell", "python")
    schedulers = ("lsf",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _, option in lsf_uses(script):
            if option.spelled not in ("-o", "-e", "-oo", "-eo") or option.kind != "option" or not option.value:
                continue
            found = list(PATTERN_RE.finditer(option.value))
            if not found:
                continue
            span = value_span(option)
            foreign = [m for m in found if m.group(0) in FOREIGN_PATTERNS]
            if foreign:
                fix = None
                at = value_offset(script, option)
                if at is not None:
                    fix = Fix.safe(
                        "use LSF's patterns",
                        *(Edit(at + m.start(), at + m.end(), FOREIGN_PATTERNS[m.group(0)]) for m in foreign),
                    )
                yield Diagnostic(
                    *span,
                    "`%s` is a Slurm pattern: bsub writes it literally; LSF's are `%%J` (job id) "
                    "and `%%I` (array index)" % foreign[0].group(0),
                    fix,
                )
            else:
                yield Diagnostic(
                    *span, "bsub does not expand `%s` in #BSUB lines: the path is used literally" % found[0].group(0)
                )
