from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sbatch_header import slurm_directives


class UnmatchedQuote(Rule):
    """
    ## What it does
    Finds a `#SBATCH` line with a quote that is never closed.

    ## Why is this bad?
    sbatch refuses the script: "line N: Unmatched '\\"' in [...]".

    ## Example
        #SBATCH --job-name="train

    Use instead:

        #SBATCH --job-name="train"

    ## Fix safety
    No fix.
    """

    code = "JC109"
    name = "sbatch-unmatched-quote"
    severity = Severity.ERROR
    summary = "Unmatched quote in a `#SBATCH` line: sbatch refuses the script"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for directive in slurm_directives(script):
            if directive.in_header and directive.error and directive.error.startswith("unmatched"):
                quote = directive.error[-1]
                token = directive.tokens[-1]
                yield Diagnostic(
                    token.start,
                    directive.end,
                    "the %s quote is never closed: sbatch stops with \"line %d: Unmatched '%s'\""
                    % ("double" if quote == '"' else "single", directive.line, quote),
                )
