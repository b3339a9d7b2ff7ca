from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy
from jobcheck.semantics.suggest import suggest

from .lsf_directives import lsf_uses, value_offset, value_span

SECTIONS = ("select", "order", "rusage", "span", "same", "cu", "affinity")
SECTION_RE = lazy(r"(?<![A-Za-z_])([A-Za-z_]+)\s*\[")  # lookbehind: linear finditer


class ResourceRequirement(Rule):
    """
    ## What it does
    Checks `-R` strings: balanced brackets, and section names (`select`, `order`, `rusage`,
    `span`, `same`, `cu`, `affinity`) with a did-you-mean.

    ## Why is this bad?
    bsub refuses a resource requirement it cannot parse ("Bad resource requirement syntax"),
    and a misspelled section (`rusgae[mem=4GB]`) is an error too.

    ## Example
        #BSUB -R "rusage[mem=4GB] span[hosts=1"

    Use instead:

        #BSUB -R "rusage[mem=4GB] span[hosts=1]"

    ## Fix safety
    A misspelled section name is fixed unsafely (the only name one edit away).
    """

    code = "JC808"
    name = "lsf-resource-requirement"
    severity = Severity.ERROR
    summary = "A -R resource requirement with unbalanced brackets or an unknown section"
    fix_availability = "sometimes"
    languages = ("shell", "python")
    schedulers = ("lsf",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _, option in lsf_uses(script):
            if option.spelled != "-R" or option.kind != "option" or not option.value:
                continue
            value = option.value
            span = value_span(option)
            depth = 0
            for c in value:
                depth += {"[": 1, "]": -1}.get(c, 0)
                if depth < 0:
                    break
            if depth != 0:
                yield Diagnostic(
                    *span,
                    '`-R "%s"` has unbalanced brackets: bsub refuses it ("Bad resource requirement syntax")' % value,
                )
                continue
            for m in SECTION_RE.finditer(value):
                if value.count("[", 0, m.start()) != value.count("]", 0, m.start()):
                    continue  # inside a section: an expression, not a section name
                name = m.group(1)
                if name in SECTIONS:
                    continue
                found = suggest(name, list(SECTIONS), max_distance=2)
                fix = None
                at = value_offset(script, option)
                if found.candidates and found.unique and at is not None:
                    start = at + m.start(1)
                    fix = Fix.unsafe("use `%s`" % found.best, Edit(start, start + len(name), found.candidates[0]))
                hint = "; did you mean `%s`?" % found.best if found.candidates and found.unique else ""
                yield Diagnostic(
                    *span,
                    "`%s[...]` is not a section of an LSF resource requirement (%s)%s"
                    % (name, ", ".join(SECTIONS), hint),
                    fix,
                )
