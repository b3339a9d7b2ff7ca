from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sbatch_header import slurm_directives

from .late_directives import late_directives


class DirectiveAfterCommand(Rule):
    """
    ## What it does
    Finds `#SBATCH` lines that come after the first command of the script.

    ## Why is this bad?
    sbatch reads directives only up to the first line that is neither blank nor a comment, and
    ignores every `#SBATCH` line after it without a word. A `--time` or `--mem` written there has
    no effect; the job runs with the defaults.

    `#SBATCH` lines that belong to another script are not reported: inside a heredoc or a
    multi-line string (a script that writes another script), or below a later `#!` line (a
    second script pasted into the same file). Neither are commented-out assignments such as
    `#SLURM_ARRAY_TASK_ID=1` after the first command, runs of lines parked below the script
    as alternatives (one of them sets only options the header sets too, or has no value), nor
    anything in a file that does not start with `#!` (sbatch refuses all of it: JC001). Lines
    that are only a template tag (`{% if gpu %}`, `<%= header %>`, `{slurm.sbatch}`) do not end
    the header.

    ## Example
        #!/bin/bash
        #SBATCH --job-name=train
        module load cuda
        #SBATCH --time=04:00:00

    Use instead:

        #!/bin/bash
        #SBATCH --job-name=train
        #SBATCH --time=04:00:00
        module load cuda

    ## Fix safety
    Moving the line into the header is unsafe: the option then takes effect, which changes how
    the job is scheduled.
    """

    code = "JC101"
    name = "directive-after-command"
    severity = Severity.WARNING
    summary = "`#SBATCH` after the first command is silently ignored"
    fix_availability = "always"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if not script.text.startswith("#!"):
            return  # sbatch refuses the whole script (JC001): no line of it is "ignored"
        directives = slurm_directives(script)
        in_header = {o.name for d in directives if d.in_header for o in d.options if o.name}
        parked = {
            d.line for group in _late_groups(directives) if any(_parked(d, in_header) for d in group) for d in group
        }
        directives = [d for d in directives if d.line not in parked]
        first = "statement" if script.language == "python" else "command"
        yield from late_directives(
            script,
            directives,
            script.header_end,
            "sbatch ignores this line: directives stop at line %%(line)d (`%%(text)s`), the first %s" % first,
        )


def _late_groups(directives) -> list[list]:
    """Late directive lines in runs of consecutive lines."""
    groups: list[list] = []
    for d in directives:
        if d.in_header:
            continue
        if groups and groups[-1][-1].line + 1 == d.line:
            groups[-1].append(d)
        else:
            groups.append([d])
    return groups


def _parked(directive, in_header: set) -> bool:
    """A late line kept as an alternative or a note: every option it sets is set in the header
    too, or one of them has no value (`#SBATCH --exclude` at the end of the file)."""
    options = [o for o in directive.options if o.kind != "separator"]
    if any(o.kind == "missing-value" for o in options):
        return True
    return bool(in_header) and bool(options) and all(o.name in in_header for o in options)
