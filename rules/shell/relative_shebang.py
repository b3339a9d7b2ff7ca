from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity

# Where an interpreter path that lost its leading '/' evidently meant to start.
SYSTEM_DIRS = ("bin/", "usr/", "sbin/", "opt/", "etc/", "lib/", "lib64/", "home/", "apps/", "sw/")
DIRECT_PATHS = {"sh": "/bin/sh", "bash": "/bin/bash"}


class RelativeShebang(Rule):
    """
    ## What it does
    Checks that the interpreter named by the shebang is an absolute path.

    ## Why is this bad?
    The kernel does not search `PATH` for a shebang interpreter and resolves a relative one
    against the job's working directory. sbatch does not check it at submission; the job waits
    in the queue, starts, and dies at once with:

        slurmstepd: error: execve(): bad interpreter(bin/bash): No such file or directory

    ## Example
        #!bin/bash

    Use instead:

        #!/bin/bash

    ## Fix safety
    Adding the missing leading `/` to a path under a system directory (`bin/bash`,
    `usr/bin/env python3`) is safe. Replacing a bare name (`#!bash`) with `/bin/bash` or
    `/usr/bin/env NAME` is unsafe: the location is jobcheck's guess. `./x` and `../x` get no fix.
    """

    code = "JC002"
    name = "relative-shebang"
    severity = Severity.ERROR
    summary = "The shebang interpreter must be an absolute path"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        shebang = script.shebang
        if shebang is None or shebang.interpreter.startswith("/"):
            return
        start = shebang.interpreter_start
        interpreter = shebang.interpreter
        if not interpreter:
            yield Diagnostic(
                0,
                len(shebang.text),
                "the shebang names no interpreter: the job fails at start; write e.g. `#!/bin/bash`",
            )
            return
        end = start + len(interpreter)
        fix = replacement = None
        if interpreter.startswith(SYSTEM_DIRS):
            replacement = "/" + interpreter
            fix = Fix.safe("use `%s`" % replacement, Edit.insert(start, "/"))
        elif "/" not in interpreter:
            replacement = DIRECT_PATHS.get(interpreter, "/usr/bin/env " + interpreter)
            fix = Fix.unsafe("use `%s`" % replacement, Edit(start, end, replacement))
        hint = "" if replacement is None else "; did you mean `%s`?" % replacement
        yield Diagnostic(
            start,
            end,
            "shebang interpreter `%s` is not an absolute path: sbatch accepts the script, then the job "
            'fails at start with "execve(): bad interpreter(%s): No such file or directory"%s'
            % (interpreter, interpreter, hint),
            fix,
        )
