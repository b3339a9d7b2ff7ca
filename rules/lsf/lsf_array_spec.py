from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .lsf_directives import lsf_uses, value_span

ARRAY_RE = lazy(r"^(?P<name>[^\[]*)\[(?P<spec>[^\]]*)\](?:%(?P<limit>\d+))?$")
ITEM_RE = lazy(r"^(\d+)(?:-(\d+)(?::(\d+))?)?$")
ARRAY_NAME_RE = lazy(r"^[A-Za-z0-9._-]*$")


class ArraySpec(Rule):
    """
    ## What it does
    Checks the array form of `-J "name[1-10,20-30:2]%4"`: indices from 1, ranges that go up,
    the name's characters. (Indices above 1000 are not reported: `MAX_JOB_ARRAY_SIZE` is the
    site's setting, 1000 by default and often raised, and real arrays above it ran.)

    ## Why is this bad?
    bsub refuses index 0 and malformed specs.

    ## Example
        #BSUB -J "sweep[0-9]"

    Use instead:

        #BSUB -J "sweep[1-10]"

    ## Fix safety
    No fix (the task numbering would change).
    """

    code = "JC807"
    name = "lsf-array-spec"
    severity = Severity.ERROR
    summary = "A -J array spec bsub refuses (index 0, malformed range, a bad name)"
    languages = ("shell", "python")
    schedulers = ("lsf",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _, option in lsf_uses(script):
            if option.spelled != "-J" or option.kind != "option" or not option.value or "[" not in option.value:
                continue
            span = value_span(option)
            m = ARRAY_RE.match(option.value)
            if not m:
                yield Diagnostic(*span, "`-J %s` is not an LSF array (`name[1-10]` or `name[1-10]%%4`)" % option.value)
                continue
            if not ARRAY_NAME_RE.match(m.group("name")):
                yield Diagnostic(
                    *span, "array name `%s`: LSF takes letters, digits, `.`, `-` and `_`" % m.group("name")
                )
            for item in m.group("spec").split(","):
                im = ITEM_RE.match(item)
                if not im:
                    yield Diagnostic(
                        *span, "`%s` in `-J %s` is not an index or a range `start-end[:step]`" % (item, option.value)
                    )
                    continue
                first, last = int(im.group(1)), int(im.group(2) or im.group(1))
                if first == 0:
                    yield Diagnostic(*span, "`-J %s`: LSF array indices start at 1; index 0 is refused" % option.value)
                elif last < first:
                    yield Diagnostic(*span, "`%s` in `-J %s`: the range must go up" % (item, option.value))
