from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.lsf_directives import option_table, pair_options, tokenize, wrong_case

from ..slurm.directives import in_heredoc


class DirectiveSpelling(Rule):
    """
    ## What it does
    Finds `#BSUB` lines written another way: indented, `# BSUB` with a space, or in another
    case (`#bsub`, `#Bsub`).

    ## Why is this bad?
    IBM's reference asks for `#BSUB` in upper case at the start of the line. A lower-case
    `#bsub` is never read: its options silently do not apply. Indented lines and `# BSUB` are
    read by the open-source parser, but not promised by IBM's documentation.

    ## Example
        #bsub -n 4
          #BSUB -W 60

    Use instead:

        #BSUB -n 4
        #BSUB -W 60

    ## Fix safety
    Normalising an indented or `# BSUB` line is safe (LSF reads it either way); changing the
    case is unsafe: the options then take effect.
    """

    code = "JC802"
    name = "lsf-directive-spelling"
    severity = Severity.WARNING
    summary = "A #BSUB line that is indented, spelled '# BSUB', or not in upper case"
    fix_availability = "always"
    languages = ("shell", "python")
    schedulers = ("lsf",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if script.scheduler != "lsf":
            return
        text = script.text
        for directive in script.lsf_directives:
            if text.startswith("#BSUB", directive.start) or in_heredoc(script, directive.start):
                continue
            at = text.index("BSUB", directive.start)
            yield Diagnostic(
                directive.start,
                at + 4,
                "write `#BSUB` at the start of the line: IBM's bsub reference reads only that spelling",
                Fix.safe("write `#BSUB`", Edit(directive.start, at + 4, "#BSUB")),
            )
        for start, end in wrong_case(text):
            at = text.lower().index("bsub", start)
            if in_heredoc(script, start) or _command_example(text, at + 4, end):
                continue
            yield Diagnostic(
                start,
                at + 4,
                "`%s` is not read: bsub looks for `#BSUB` in upper case, so these options "
                "do not apply" % text[start : at + 4].strip(),
                Fix.unsafe("write `#BSUB`", Edit(start, at + 4, "#BSUB")),
            )


def _command_example(text: str, start: int, end: int) -> bool:
    """`#bsub -J x run.lsf`: a commented bsub command line (it names what to run), not a directive."""
    tokens, error = tokenize(text, start, end)
    return error is not None or any(o.kind == "positional" for o in pair_options(tokens, option_table()))
