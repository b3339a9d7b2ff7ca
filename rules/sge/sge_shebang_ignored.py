from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity

from .sge_directives import sge_uses

POSIX_SHELLS = ("sh", "bash", "dash", "ksh", "zsh")


class ShebangIgnored(Rule):
    """
    ## What it does
    Finds a Grid Engine job whose `#!` names something other than a POSIX shell (python,
    Rscript, perl, ...) and that has no `#$ -S`.

    ## Why is this bad?
    With the default `shell_start_mode posix_compliant`, Grid Engine ignores the `#!` line and
    runs the script with the queue's shell: a Python job script stops at its first line
    ("syntax error near unexpected token").

    ## Example
        #!/usr/bin/env python3
        #$ -N analyse

    Use instead:

        #!/usr/bin/env python3
        #$ -N analyse
        #$ -S /usr/bin/python3

    ## Fix safety
    Adding `#$ -S` with the shebang's interpreter is safe when it is an absolute path; with
    `env NAME` the path is a guess (unsafe).
    """

    code = "JC609"
    name = "sge-shebang-ignored"
    severity = Severity.ERROR
    summary = "A non-shell #! in a Grid Engine job without -S: the queue's shell runs it"
    fix_availability = "always"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        uses = sge_uses(script)
        shebang = script.shebang
        if not uses or shebang is None or any(option.spelled == "-S" for _, option in uses):
            return
        words = (shebang.interpreter + " " + shebang.argument).split()
        program = words[0].rsplit("/", 1)[-1] if words else ""
        interpreter = words[0] if words else ""
        if program == "env":
            rest = [w for w in words[1:] if not w.startswith("-")]
            program = rest[0] if rest else ""
            interpreter = "/usr/bin/" + program
            applicability = Fix.unsafe
        else:
            applicability = Fix.safe
        if not program or program in POSIX_SHELLS:
            return
        line_end = script.text.find("\n")
        if line_end < 0:
            return
        yield Diagnostic(
            0,
            len(shebang.text),
            "Grid Engine (shell_start_mode posix_compliant, the default) ignores "
            "this `#!` and runs the script with the queue's shell; add `#$ -S %s`" % interpreter,
            applicability("add `#$ -S %s`" % interpreter, Edit.insert(line_end + 1, "#$ -S %s\n" % interpreter)),
        )
