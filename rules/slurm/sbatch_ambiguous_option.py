from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sbatch_header import header_uses


class AmbiguousOption(Rule):
    """
    ## What it does
    Finds abbreviated long options that match more than one sbatch option.

    ## Why is this bad?
    sbatch accepts unique abbreviations (getopt_long) but refuses an ambiguous one, and with it
    the script:

        sbatch: option '--tim=5' is ambiguous; possibilities: '--time' '--time-min'

    ## Example
        #SBATCH --mem-per=4G

    Use instead:

        #SBATCH --mem-per-cpu=4G

    ## Fix safety
    No fix: only the author knows which option was meant.
    """

    code = "JC104"
    name = "sbatch-ambiguous-option"
    severity = Severity.ERROR
    summary = "Ambiguous abbreviation of an sbatch option: sbatch refuses the script"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for use in header_uses(script):
            o = use.option
            if o.kind == "ambiguous":
                listed = " ".join("'--%s'" % c for c in o.candidates)
                yield Diagnostic(
                    o.start,
                    o.start + len(o.spelled),
                    "`%s` is an abbreviation of several options: sbatch stops with \"option '%s' is "
                    'ambiguous; possibilities: %s"' % (o.spelled, o.spelled, listed),
                )
