from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .sge_directives import sge_uses


class HashInDirective(Rule):
    """
    ## What it does
    Finds a `#` that cuts a `#$` line where its author meant more: inside a value (`-N a#b`),
    inside quotes, or before more options. A ` # comment` after the options is what its author
    meant (qsub ignores it) and is not reported.

    ## Why is this bad?
    qsub cuts the line at the first `#`, even inside quotes: `#$ -N run#2` names the job `run`,
    `#$ -N a # note -q long.q` never reads `-q long.q`.

    ## Example
        #$ -N sweep#3

    Use instead:

        #$ -N sweep_3

    ## Fix safety
    No fix.
    """

    code = "JC602"
    name = "sge-hash-in-directive"
    severity = Severity.WARNING
    summary = "A '#' in a #$ line ends it there, even inside quotes"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        seen = set()
        for directive, _option in sge_uses(script, words=True):
            hash_at = directive.comment
            if hash_at is None or directive.start in seen:
                continue
            seen.add(directive.start)
            text = script.text
            rest = text[hash_at + 1 : directive.end].strip()
            in_quotes = directive.error is not None  # the `#` cut an open quote
            if not in_quotes and text[hash_at - 1] in " \t" and not OPTION_WORD_RE.search(rest):
                continue  # a comment after the options, with no option in it: what its author meant
            where = " inside quotes" if in_quotes else ""
            yield Diagnostic(
                hash_at,
                directive.end,
                "qsub stops reading this line at `#`%s: `%s` is ignored" % (where, text[hash_at : directive.end]),
            )


OPTION_WORD_RE = lazy(r"(?:^|\s)-[A-Za-z]")
