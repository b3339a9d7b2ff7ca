from __future__ import annotations

from jobcheck import Diagnostic, Rule, Severity
from jobcheck.pycode import HEREDOC, INLINE, SCRIPT

WHERE = {SCRIPT: "this Python job script", INLINE: "the `python -c` code", HEREDOC: "the Python heredoc"}


class PythonSyntaxErrorRule(Rule):
    """
    ## What it does
    Parses the Python a job runs: a Python job script (`#!/usr/bin/env python3` with `#SBATCH`
    lines), the code of `python -c '...'` (also behind `srun`, `apptainer exec IMG`, `conda
    run`), and heredocs fed to `python -` / `python`. A syntax error is reported at its line and
    column in the job script. In an unquoted heredoc or a double-quoted `-c` string, `$VAR` and
    `$( )` are the shell's: they are read as opaque names, never as Python errors.

    ## Why is this bad?
    Python reports the error only when the step starts, after the queue wait; a Python job
    script dies in its first second.

    ## Example
        python -c "import torch; print(torch.cuda.device_count()"

    Use instead:

        python -c "import torch; print(torch.cuda.device_count())"

    ## Fix safety
    No fix: only the author knows what the code should say.
    """

    code = "JC401"
    name = "python-syntax-error"
    severity = Severity.ERROR
    summary = "Python code in the job does not parse"
    languages = ("shell", "python")

    def check(self, script, settings):
        for code in script.python:
            error = code.syntax_error
            if error is not None:
                yield Diagnostic(error.start, error.end, "Python syntax error in %s: %s" % (WHERE[code.origin],
                                                                                            error.message))
