from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from ..directive_templates import is_template, template_file
from ..slurm.late_directives import late_directives
from .pbs_directives import nqsv


class DirectiveAfterCommand(Rule):
    """
    ## What it does
    Finds `#PBS` lines after the first executable line of the script.

    ## Why is this bad?
    qsub reads directives only until the first line whose first non-blank character is not
    `#` (lines starting with `:` aside); every `#PBS` line after it is a plain comment, so its
    walltime, memory or queue silently does not apply. Late lines that do not read as options
    only (prose such as `#PBS -t x-y: the bounds`, a bare `#PBS`), indented late lines (an
    example inside a comment block or a nested snippet), lines after a second `#!` line
    (another script pasted into the same file) are comments their author meant, and templates
    are rewritten before qsub reads them: none of these is reported.

    ## Example
        #PBS -N train
        cd "$PBS_O_WORKDIR"
        #PBS -l walltime=04:00:00

    Use instead:

        #PBS -N train
        #PBS -l walltime=04:00:00
        cd "$PBS_O_WORKDIR"

    ## Fix safety
    Moving the line into the header is unsafe: the option then takes effect.
    """

    code = "JC703"
    name = "pbs-directive-after-command"
    severity = Severity.ERROR
    summary = "A #PBS line after the first command: qsub never reads it"
    fix_availability = "always"
    languages = ("shell", "python")
    schedulers = ("pbs",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if script.scheduler != "pbs" or nqsv(script) or is_template(script) or template_file(script):
            return  # a template's text is rewritten before qsub reads it
        text = script.text
        second_script = SECOND_SHEBANG_RE.search(text)
        lost = [
            d
            for d in script.pbs_directives
            if d.in_header
            or (
                _clean_options(d)
                and text[d.start] == "#"
                and (second_script is None or d.start < second_script.start())
            )
        ]
        yield from late_directives(
            script,
            lost,
            script.pbs_header_end,
            "qsub ignores this line: it reads `#PBS` lines only up to line %(line)d (`%(text)s`), the first command",
        )


# A `#!` line after the first: what follows is another script pasted in (notes, a collection).
SECOND_SHEBANG_RE = lazy(r"(?<=\n)[ \t]*#![ \t]*/")


def _clean_options(directive) -> bool:
    """A line that reads as options only: a late `#PBS` line of prose (`#PBS -t x-y: the array
    bounds`) or a bare `#PBS` is a comment its author meant, not a lost request."""
    return bool(directive.options) and not directive.error and all(o.kind == "option" for o in directive.options)
