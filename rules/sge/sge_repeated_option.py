from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from .sge_directives import resources, sge_uses


class RepeatedOption(Rule):
    """
    ## What it does
    Finds an option given twice in the `#$` lines (`-N`, `-q`, `-pe`, ...), and a `-l` resource
    given twice.

    ## Why is this bad?
    The last one wins (qsub prints `warning: "-N" option has already been set, overriding
    previous setting`): a leftover line further down silently replaces the request above it.

    ## Example
        #$ -l h_rt=1:00:00
        #$ -l h_rt=2:00:00

    Use instead: one of them:

        #$ -l h_rt=2:00:00

    ## Fix safety
    No fix.
    """

    code = "JC612"
    name = "sge-repeated-option"
    severity = Severity.WARNING
    summary = "An option or -l resource given twice in #$ lines (the last one wins)"
    languages = ("shell", "python")
    schedulers = ("sge",)

    REPEATABLE = frozenset({"-l", "-v", "-ac", "-sc", "-dc", "-soft", "-hard", "-hold_jid"})

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        seen: dict[str, int] = {}  # option -> where it was set
        keys: dict[str, int] = {}
        for _directive, option in sge_uses(script):
            if option.kind != "option":
                continue
            if option.spelled == "-l":
                for key, _value, start, end in resources(option):
                    if key in keys:
                        line = script.source.position(keys[key]).line
                        yield Diagnostic(
                            start - len(key) - 1,
                            end,
                            "`%s` is already requested on line %d; the last value wins" % (key, line),
                        )
                    keys[key] = start
                continue
            if option.spelled in self.REPEATABLE:
                continue
            if option.spelled in seen:
                line = script.source.position(seen[option.spelled]).line
                yield Diagnostic(
                    option.start,
                    option.end,
                    "`%s` is already set on line %d: qsub keeps this one "
                    '("option has already been set, overriding previous setting")' % (option.spelled, line),
                )
            seen[option.spelled] = option.start
