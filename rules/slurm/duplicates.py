from __future__ import annotations

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity

from .directives import header_uses, shown

REPEATABLE = ("verbose", "quiet")


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

    Use instead: one `--time`.

    ## Fix safety
    Deleting the overridden line is safe when the option is alone on it: sbatch ignores it
    anyway. Repeating the same value is reported as info.
    """

    code = "JC122"
    name = "sbatch-duplicate-option"
    severity = Severity.WARNING
    summary = "sbatch option given twice: the last one silently wins"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script, settings):
        uses = [u for u in header_uses(script) if u.option.kind == "option" and u.name not in REPEATABLE]
        # the last use of each option (per component) wins: one pass, however long the header
        winners = {(u.name, u.component): u for u in uses}
        for use in uses:
            winner = winners[(use.name, use.component)]
            if winner is use:
                continue
            same = winner.value == use.value
            directive = use.directive
            fix = None
            if len(directive.options) == 1:
                line_end = script.text.find("\n", directive.end)
                line_end = len(script.text) if line_end < 0 else line_end + 1
                fix = Fix.safe("delete the overridden line", Edit.delete(directive.start, line_end))
            if same:
                message = "`%s` is repeated on line %d: this line is redundant" % (shown(use), winner.directive.line)
            else:
                message = "`--%s` is given again on line %d: sbatch uses `%s` and silently ignores `%s`" % (
                    use.name, winner.directive.line, shown(winner), shown(use))
            yield Diagnostic(use.option.start, use.option.end, message, fix,
                             severity=Severity.INFO if same else Severity.WARNING)
