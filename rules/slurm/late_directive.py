from __future__ import annotations

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity

from .directives import in_heredoc, slurm_directives


class DirectiveAfterCommand(Rule):
    """
    ## What it does
    Finds `#SBATCH` lines that come after the first command of the script.

    ## Why is this bad?
    sbatch reads directives only up to the first line that is neither blank nor a comment, and
    ignores every `#SBATCH` line after it without a word. A `--time` or `--mem` written there has
    no effect; the job runs with the defaults.

    `#SBATCH` lines inside a heredoc (a script that writes another script) are not reported.

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

    def check(self, script, settings):
        directives = slurm_directives(script)
        header = [d for d in directives if d.in_header]
        stop_line = script.source.position(script.header_end).line
        stop_text = script.source.line_text(stop_line).strip()
        if len(stop_text) > 40:
            stop_text = stop_text[:37] + "..."
        insert_at = _line_after(script.text, header[-1].end) if header else script.header_end
        for d in directives:
            if d.in_header or in_heredoc(script, d.start):
                continue
            line_end = _line_after(script.text, d.end)
            line = script.text[d.start:line_end]
            if not line.endswith("\n"):
                line += script.source.newline
            yield Diagnostic(
                d.start, d.end,
                "sbatch ignores this line: directives stop at line %d (`%s`), the first %s"
                % (stop_line, stop_text, "statement" if script.language == "python" else "command"),
                Fix.unsafe("move it into the header", Edit.insert(insert_at, line), Edit.delete(d.start, line_end)))


def _line_after(text: str, offset: int) -> int:
    nl = text.find("\n", offset)
    return len(text) if nl < 0 else nl + 1
