from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.knowledge import sbatch_options
from jobcheck.semantics.sbatch_header import header_uses

from .directives import release
from .templates import placeholder_of

# Options that took an optional value in older releases (`--get-user-env=L`, 22.05) and none in
# the newest: a value there depends on the cluster's release, which jobcheck does not know.
OPTIONAL_BEFORE = frozenset(("get-user-env",))


class OptionArgument(Rule):
    """
    ## What it does
    Finds an option that needs a value written without one (`#SBATCH -J`), and an option that
    takes none written with one (`--hold=yes`).

    ## Why is this bad?
    sbatch refuses the script: "option requires an argument -- 'J'", or "option '--hold'
    doesn't allow an argument".

    ## Example
        #SBATCH --job-name

    Use instead:

        #SBATCH --job-name=train

    ## Fix safety
    No fix: the value is the author's to give.
    """

    code = "JC106"
    name = "sbatch-option-argument"
    severity = Severity.ERROR
    summary = "sbatch option without its value, or with a value it does not take"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        table = sbatch_options().for_release(release(settings))
        for use in header_uses(script):
            o = use.option
            if placeholder_of(script, o) is not None:
                continue  # `-N #PPN#`: a template's placeholder, reported as one
            if o.kind == "missing-value":
                said = (
                    "option '--%s' requires an argument" % o.name
                    if o.spelled.startswith("--")
                    else "option requires an argument -- '%s'" % o.spelled[1:]
                )
                yield Diagnostic(o.start, o.end, '`%s` needs a value: sbatch stops with "%s"' % (o.spelled, said))
            elif (
                o.kind == "option"
                and o.name in table
                and table[o.name].arg == "none"
                and o.value is not None
                and o.name not in OPTIONAL_BEFORE
            ):
                yield Diagnostic(
                    o.start,
                    o.end,
                    "`--%s` takes no value: sbatch stops with \"option '--%s' doesn't "
                    'allow an argument"' % (o.name, o.name),
                )
