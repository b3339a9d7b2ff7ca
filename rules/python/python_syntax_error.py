from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.model.python_code import HEREDOC, INLINE, SCRIPT
from jobcheck.patterns import lazy

WHERE = {SCRIPT: "this Python job script", INLINE: "the `python -c` code", HEREDOC: "the Python heredoc"}
# Python 2 statements Python 3 refuses, as they show on the line the parser stops at
PYTHON2 = (
    (lazy(r"(?:^|[;'\"])\s*print\s*(?:>>|[\"'\w%-])"), "a `print` statement", "print(...)"),
    (lazy(r"(?:^|[;'\"])\s*exec\s+[\"'\w]"), "an `exec` statement", "exec(...)"),
    (lazy(r"^\s*except\s+[\w.]+\s*,\s*[A-Za-z_]\w*\s*:"), "`except E, name:`", "except E as name:"),
    (lazy(r"^\s*raise\s+[\w.]+\s*,"), "`raise E, message`", "raise E(message)"),
    (lazy(r"<>"), "the `<>` operator", "!="),
    (lazy(r"(?<![\w.])[uU][rR][\"']"), "a `ur''` string", "r''"),
    (lazy(r"(?<![\w.])0[0-7]+\b"), "an old octal number (`0755`)", "0o755"),
)
PYTHON_NAME = lazy(r"(?:^|/)(python(?:\d(?:\.\d+)?)?)$")
SHEBANG_PYTHON = lazy(r"^#!.*?\b(python(?:\d(?:\.\d+)?)?)\b")


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

    Python 2 code (a `print` statement, `except E, e:`, ...) is named as such. Run by `python3`
    it is an error; run by a bare `python` it is a warning, since `python` is still Python 2 on
    some old clusters (and Python 3 everywhere else); run by `python2` it is not reported.

    ## Fix safety
    No fix: only the author knows what the code should say.
    """

    code = "JC401"
    name = "python-syntax-error"
    severity = Severity.ERROR
    summary = "Python code in the job does not parse (Python 2 code named as such; a warning under a bare `python`)"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for code in script.python:
            error = code.syntax_error
            if error is None:
                continue
            line_start = script.text.rfind("\n", 0, error.start) + 1
            line_end = script.text.find("\n", error.start)
            line = script.text[line_start : line_end if line_end >= 0 else len(script.text)]
            python2 = next(((what, instead) for pattern, what, instead in PYTHON2 if pattern.search(line)), None)
            if python2 is None:
                yield Diagnostic(
                    error.start, error.end, "Python syntax error in %s: %s" % (WHERE[code.origin], error.message)
                )
                continue
            interpreter = _interpreter(script, code)
            if interpreter.startswith("python2"):
                continue  # Python 2 code for a Python 2 interpreter
            what, instead = python2
            if interpreter == "python":
                yield Diagnostic(
                    error.start,
                    error.end,
                    "Python 2 syntax in %s (%s): `python` is Python 3 on "
                    "current systems, which stop with a SyntaxError; only where `python` is still "
                    "Python 2 does it run; write `%s`" % (WHERE[code.origin], what, instead),
                    severity=Severity.WARNING,
                )
            else:
                yield Diagnostic(
                    error.start,
                    error.end,
                    "Python 2 syntax in %s (%s): `%s` stops with a "
                    "SyntaxError; write `%s`" % (WHERE[code.origin], what, interpreter, instead),
                )


def _interpreter(script, code) -> str:
    """The Python that runs the code as the job names it: `python`, `python3`, `python2.7`, ..."""
    if code.origin == SCRIPT:
        m = SHEBANG_PYTHON.match(script.text)
        return m.group(1) if m else "python3"
    for command in script.commands:
        if command.start <= code.start < command.end or any(
            doc.body_start <= code.start < doc.body_end for doc in command.heredocs
        ):
            for word in command.words:
                m = PYTHON_NAME.search(word.value or "")
                if m:
                    return m.group(1)
    return "python3"
