from __future__ import annotations

from jobcheck import Severity

from . import grammar
from .value_rule import ValueRule


class MailType(ValueRule):
    """
    ## What it does
    Checks the words of `--mail-type` (NONE, BEGIN, END, FAIL, REQUEUE, ALL, INVALID_DEPEND,
    STAGE_OUT, TIME_LIMIT, TIME_LIMIT_90/80/50, ARRAY_TASKS; any case).

    ## Why is this bad?
    An unknown word alone makes sbatch refuse the script; next to valid words it is silently
    dropped (`ALL,FOO` sends the ALL mails, and nothing for FOO).

    ## Example
        #SBATCH --mail-type=END,FAILED

    Use instead:

        #SBATCH --mail-type=END,FAIL

    ## Fix safety
    No fix.
    """

    code = "JC117"
    name = "sbatch-mail-type"
    severity = Severity.ERROR
    summary = "Unknown --mail-type word: refused, or silently dropped"
    OPTIONS = ("mail-type",)

    def verdict(self, use, script, settings):
        return grammar.check_mail_type(use.value)
