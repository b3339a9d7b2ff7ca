from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .pbs_directives import pbs_uses, value_span

PBSPRO_ARRAY_RE = lazy(r"^(\d+)-(\d+)(:\d+)?(%\d+)?$")
TORQUE_ARRAY_RE = lazy(r"^\d+(-\d+)?(,\d+(-\d+)?)*(%\d+)?$")


class ArraySpec(Rule):
    """
    ## What it does
    Checks array requests: PBS Pro's `-J X-Y[:Z][%max]` (a range, indices from 0), Torque's
    `-t 1-100%5` / `1,10,50-100`, and `-J` together with `-r n`.

    ## Why is this bad?
    qsub refuses a malformed range, a single index with `-J` (it needs `X-Y`), and a
    non-rerunnable array: "cannot submit non-rerunable Array Job".

    ## Example
        #PBS -J 10
        #PBS -r n

    Use instead:

        #PBS -J 1-10

    ## Fix safety
    No fix.
    """

    code = "JC713"
    name = "pbs-array-spec"
    severity = Severity.ERROR
    summary = "A PBS array range qsub refuses, or -J with -r n"
    languages = ("shell", "python")
    schedulers = ("pbs",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        uses = pbs_uses(script)
        not_rerunnable = any(o.spelled == "-r" and o.value == "n" for _, o in uses)
        for _, option in uses:
            if option.kind != "option" or option.value is None:
                continue
            span = value_span(option)
            if option.spelled == "-J":
                m = PBSPRO_ARRAY_RE.match(option.value)
                if not m:
                    yield Diagnostic(
                        *span,
                        "`-J %s`: PBS Pro takes a range `X-Y[:Z][%%max]`, e.g. `1-10` or `0-99:2%%10`" % option.value,
                    )
                elif int(m.group(1)) >= int(m.group(2)):
                    yield Diagnostic(*span, "`-J %s`: the range must go up (X < Y)" % option.value)
                elif not_rerunnable:
                    yield Diagnostic(*span, '`-J` with `-r n`: qsub stops with "cannot submit non-rerunable Array Job"')
            elif option.spelled == "-t" and not TORQUE_ARRAY_RE.match(option.value):
                yield Diagnostic(
                    *span,
                    "`-t %s`: Torque takes indices and ranges with an optional `%%limit`, e.g. "
                    "`1-100%%5` or `1,10,50-100`" % option.value,
                )
