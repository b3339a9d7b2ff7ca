from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sbatch_header import header_uses

from .directives import shown

# Repeating these adds up: -v -v, and --mail-type=BEGIN + --mail-type=END gives BEGIN,END
# (checked on sbatch 22.05: MailType=BEGIN,END,FAIL from three lines).
REPEATABLE = ("verbose", "quiet", "mail-type")


class DuplicateOption(Rule):
    """
    ## What it does
    Finds an sbatch option given more than once in the header (per heterogeneous-job component).

    ## Why is this bad?
    The last one wins, without a word: a `--time=04:00:00` near the top is silently overridden by
    a forgotten `--time=00:10:00` further down.

    ## Example
        #SBATCH --time=04:00:00
        #SBATCH --mem=8G
        #SBATCH --time=00:10:00

    Use instead: one `--time`:

        #SBATCH --mem=8G
        #SBATCH --time=00:10:00

    ## Fix safety
    Deleting the overridden line is safe when the option is alone on it: sbatch ignores it
    anyway.

    Not reported: the same value twice (it changes nothing), `--mail-type` (repeated lines add
    up: BEGIN and END gives both mails), `-v`/`-Q`, and a value with no letter or digit in it
    (`-w, --nodelist=n1`, the manual's spelling copied).
    """

    code = "JC122"
    name = "sbatch-duplicate-option"
    severity = Severity.WARNING
    summary = "sbatch option given twice with different values: the last one silently wins"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        uses = [u for u in header_uses(script) if u.option.kind == "option" and u.name not in REPEATABLE]
        # the last use of each option (per component) wins: one pass, however long the header
        winners = {(u.name, u.component): u for u in uses}
        for use in uses:
            winner = winners[(use.name, use.component)]
            if winner is use:
                continue
            if winner.value == use.value or not any(c.isalnum() for c in use.value or ""):
                continue  # the same value again changes nothing; `-w, --nodelist=n1` (the manual's
                # spelling copied) overrides only the `,`
            directive = use.directive
            fix = None
            if len(directive.options) == 1:
                line_end = script.text.find("\n", directive.end)
                line_end = len(script.text) if line_end < 0 else line_end + 1
                fix = Fix.safe("delete the overridden line", Edit.delete(directive.start, line_end))
            message = "`--%s` is given again on line %d: sbatch uses `%s` and silently ignores `%s`" % (
                use.name,
                winner.directive.line,
                shown(winner),
                shown(use),
            )
            yield Diagnostic(use.option.start, use.option.end, message, fix)
