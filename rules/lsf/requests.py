from __future__ import annotations

import re

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity
from jobcheck.semantics.suggest import suggest

from .common import lsf_uses, value_offset, value_span

SECTIONS = ("select", "order", "rusage", "span", "same", "cu", "affinity")
SECTION_RE = re.compile(r"(?<![A-Za-z_])([A-Za-z_]+)\s*\[")  # lookbehind: linear finditer


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

    def check(self, script, settings):
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
                yield Diagnostic(*span, "`-R \"%s\"` has unbalanced brackets: bsub refuses it (\"Bad resource "
                                 "requirement syntax\")" % value)
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
                    fix = Fix.unsafe("use `%s`" % found.best, Edit(start, start + len(name), found.best))
                hint = "; did you mean `%s`?" % found.best if found.candidates and found.unique else ""
                yield Diagnostic(*span, "`%s[...]` is not a section of an LSF resource requirement (%s)%s" % (
                    name, ", ".join(SECTIONS), hint), fix)


GPU_KEYS = ("num", "mode", "mps", "j_exclusive", "gmodel", "gmem", "gtile", "gpack", "gvendor", "nvlink", "aff",
            "block", "glink", "mig")


class GpuOption(Rule):
    """
    ## What it does
    Checks the keys of `-gpu "num=2:mode=exclusive_process"` (`num mode mps j_exclusive
    gmodel gmem gtile gpack gvendor nvlink aff block glink mig`), with a did-you-mean.

    ## Why is this bad?
    bsub refuses a GPU requirement with a key it does not know.

    ## Example
        #BSUB -gpu "number=2"

    Use instead:

        #BSUB -gpu "num=2"

    ## Fix safety
    No fix.
    """

    code = "JC809"
    name = "lsf-gpu-option"
    severity = Severity.ERROR
    summary = "A -gpu key bsub does not know"
    languages = ("shell", "python")

    def check(self, script, settings):
        for _, option in lsf_uses(script):
            if option.spelled != "-gpu" or option.kind != "option" or not option.value or option.value == "-":
                continue
            for item in option.value.split(":"):
                key = item.partition("=")[0].strip()
                if key in GPU_KEYS:
                    continue
                found = suggest(key, list(GPU_KEYS), max_distance=3)
                hint = "; did you mean `%s`?" % found.best if found.candidates else ""
                yield Diagnostic(*value_span(option), "`%s` is not a key of `-gpu` (%s)%s"
                                 % (key, " ".join(GPU_KEYS), hint))


SLURM_DEPENDENCY_RE = re.compile(r"^(after|afterok|afternotok|afterany)((?::[0-9]+)+)$")
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

    def check(self, script, settings):
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
                fix = Fix.safe("write `\"%s\"`" % expression, Edit(option.value_start, option.value_end,
                                                                  "\"%s\"" % expression))
            yield Diagnostic(*value_span(option), "`-w %s` is Slurm/PBS syntax: LSF takes a condition, "
                             "`\"%s\"`" % (option.value, expression), fix)


SLOTS_RE = re.compile(r"^(\d+)(?:,(\d+))?$")


class SlotRange(Rule):
    """
    ## What it does
    Checks `-n min[,max]`: whole numbers, at least 1, and min <= max.

    ## Why is this bad?
    bsub refuses the job.

    ## Example
        #BSUB -n 8,4

    Use instead:

        #BSUB -n 4,8

    ## Fix safety
    No fix.
    """

    code = "JC811"
    name = "lsf-slot-range"
    severity = Severity.ERROR
    summary = "A -n slot count bsub refuses (not a number, 0, or min > max)"
    languages = ("shell", "python")

    def check(self, script, settings):
        for _, option in lsf_uses(script):
            if option.spelled != "-n" or option.kind != "option" or option.value is None:
                continue
            m = SLOTS_RE.match(option.value)
            span = value_span(option)
            if not m:
                yield Diagnostic(*span, "`-n %s`: bsub takes `min[,max]` whole numbers" % option.value)
            elif int(m.group(1)) == 0:
                yield Diagnostic(*span, "`-n %s`: a job needs at least 1 slot" % option.value)
            elif m.group(2) and int(m.group(2)) < int(m.group(1)):
                yield Diagnostic(*span, "`-n %s`: the minimum is above the maximum" % option.value)
