from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.knowledge import sbatch_options
from jobcheck.semantics.sbatch_header import slurm_directives
from jobcheck.semantics.slurm_directives import resolve_long

from .directives import release


class SingleDashLongOption(Rule):
    """
    ## What it does
    Finds long option names written with one dash (`-time=10`, `-output=x.log`).

    ## Why is this bad?
    getopt reads `-time=10` as the short option `-t` with the value `ime=10`: sbatch then stops
    with "Invalid --time specification", or, worse, accepts it: `-output=run.log` writes the
    job's output to a file named `utput=run.log`.

    ## Example
        #SBATCH -time=10

    Use instead:

        #SBATCH --time=10

    ## Fix safety
    Adding the second dash is safe: it is what the line evidently means.
    """

    code = "JC107"
    name = "sbatch-single-dash-option"
    severity = Severity.WARNING
    summary = "Long sbatch option written with one dash is read as a short option"
    fix_availability = "always"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        longs = sbatch_options().for_release(release(settings))
        for directive in slurm_directives(script):
            if not directive.in_header:
                continue
            for token in directive.tokens:
                word = token.value
                if not word.startswith("-") or word.startswith("--") or len(word) < 4:
                    continue
                name = word[1:].split("=", 1)[0]
                option, _ = resolve_long(name, longs)
                if option is None or len(name) < 3 or not token.text.startswith("-"):
                    continue
                short = word[1]
                yield Diagnostic(
                    token.start,
                    token.end,
                    "`%s` has one dash, so sbatch reads it as `-%s %s`, not as `--%s`"
                    % (word, short, word[2:], option.name),
                    Fix.safe("write `-%s`" % word, Edit.insert(token.start, "-")),
                )
