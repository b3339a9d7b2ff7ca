"""JC608-JC612: names, shells, dependencies, parallel environments and repeated options."""

from __future__ import annotations

import re

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity

from .common import resources, sge_uses

POSIX_SHELLS = ("sh", "bash", "dash", "ksh", "zsh")


class JobName(Rule):
    """
    ## What it does
    Checks `-N` job names: no leading digit, no `/ : @ *`, no white space or non-ASCII letters.

    ## Why is this bad?
    The job is refused: `"1abc" is not a valid object name (cannot start with a digit)`,
    `argument to -N option must not contain /`, `Colon (':') not allowed in objectname`; a name
    with a space or non-ASCII letters fails with "Error reading answer list from qmaster".

    ## Example
        #$ -N 2024-run

    Use instead:

        #$ -N run-2024

    ## Fix safety
    No fix.
    """

    code = "JC608"
    name = "sge-job-name"
    severity = Severity.ERROR
    summary = "A -N job name Grid Engine refuses"
    languages = ("shell", "python")

    def check(self, script, settings):
        for directive, option in sge_uses(script):
            if option.spelled != "-N" or not option.value:
                continue
            name = option.value
            start, end = option.value_start, option.value_end
            bad = re.search(r"[/:@*]", name)
            if name[0].isdigit():
                yield Diagnostic(start, end, "`%s` starts with a digit: the job is refused (\"cannot start with a "
                                 "digit\")" % name)
            elif bad:
                yield Diagnostic(start, end, "`%s` contains `%s`, which Grid Engine does not allow in a job name: the "
                                 "job is refused" % (name, bad.group(0)))
            elif not name.isascii() or re.search(r"\s", name):
                yield Diagnostic(start, end, "`%s` has white space or non-ASCII letters: the submission fails with "
                                 "\"Error reading answer list from qmaster\"" % name)


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

    def check(self, script, settings):
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
        yield Diagnostic(0, len(shebang.text), "Grid Engine (shell_start_mode posix_compliant, the default) ignores "
                         "this `#!` and runs the script with the queue's shell; add `#$ -S %s`" % interpreter,
                         applicability("add `#$ -S %s`" % interpreter, Edit.insert(line_end + 1, "#$ -S %s\n"
                                                                                    % interpreter)))


class HoldJobSyntax(Rule):
    """
    ## What it does
    Finds `-hold_jid` values written the Slurm or PBS way (`afterok:123`).

    ## Why is this bad?
    Grid Engine takes the value as a job name pattern that matches nothing: the job does not
    wait and starts at once, before the job it depends on has produced anything.

    ## Example
        #$ -hold_jid afterok:4711

    Use instead:

        #$ -hold_jid 4711

    ## Fix safety
    Dropping the `afterok:`-style prefix is safe.
    """

    code = "JC610"
    name = "sge-hold-jid-syntax"
    severity = Severity.WARNING
    summary = "-hold_jid written the Slurm/PBS way: the job does not wait"
    fix_availability = "always"
    languages = ("shell", "python")

    def check(self, script, settings):
        for directive, option in sge_uses(script):
            if option.spelled != "-hold_jid" or not option.value:
                continue
            found = re.match(r"(after\w*|before\w*|singleton):", option.value)
            if found:
                start = option.value_start
                yield Diagnostic(start, option.value_end, "`%s` is Slurm/PBS syntax: Grid Engine reads it as a job "
                                 "name that matches nothing, so this job starts at once; write `-hold_jid %s`" % (
                                     option.value, option.value[found.end():]),
                                 Fix.safe("drop `%s`" % found.group(0), Edit.delete(start, start + found.end())))


class ParallelEnvironment(Rule):
    """
    ## What it does
    Checks `-pe NAME RANGE`: the range must be slot counts above zero (`4`, `2-8`, `4-`).

    ## Why is this bad?
    `-pe smp 0` is refused ("pe range must be greater than zero"), `-pe smp two` ("Numerical
    value invalid!").

    ## Example
        #$ -pe smp 0

    Use instead:

        #$ -pe smp 1

    ## Fix safety
    No fix.
    """

    code = "JC611"
    name = "sge-parallel-environment"
    severity = Severity.ERROR
    summary = "A -pe slot range qsub refuses"
    languages = ("shell", "python")

    def check(self, script, settings):
        for directive, option in sge_uses(script):
            if option.spelled != "-pe" or not option.value or " " not in option.value:
                continue
            slots = option.value.split(" ", 1)[1]
            if not re.fullmatch(r"\d*-?\d*", slots) or not re.search(r"\d", slots):
                yield Diagnostic(option.value_start, option.value_end, "`%s` is not a slot range (N, N-M, N- or -M): "
                                 "qsub stops with \"Numerical value invalid!\"" % slots)
            elif any(int(n) == 0 for n in re.findall(r"\d+", slots)):
                yield Diagnostic(option.value_start, option.value_end, "`-pe %s`: the slot range must be greater than "
                                 "zero; qsub refuses it" % option.value)


class RepeatedOption(Rule):
    """
    ## What it does
    Finds an option given twice in the `#$` lines (`-N`, `-q`, `-pe`, ...), and a `-l` resource
    given twice.

    ## Why is this bad?
    The last one wins (qsub prints `warning: "-N" option has already been set, overriding
    previous setting`): a leftover line further down silently replaces the request above it.

    ## Example
        #$ -l h_rt=1:00:00
        #$ -l h_rt=2:00:00

    Use instead: one of them.

    ## Fix safety
    No fix.
    """

    code = "JC612"
    name = "sge-repeated-option"
    severity = Severity.WARNING
    summary = "An option or -l resource given twice in #$ lines (the last one wins)"
    languages = ("shell", "python")

    REPEATABLE = frozenset({"-l", "-v", "-ac", "-sc", "-dc", "-soft", "-hard", "-hold_jid"})

    def check(self, script, settings):
        seen: dict[str, object] = {}
        keys: dict[str, object] = {}
        for directive, option in sge_uses(script):
            if option.kind != "option":
                continue
            if option.spelled == "-l":
                for key, value, start, end in resources(option):
                    if key in keys:
                        line = script.source.position(keys[key]).line
                        yield Diagnostic(start - len(key) - 1, end, "`%s` is already requested on line %d; the last "
                                         "value wins" % (key, line))
                    keys[key] = start
                continue
            if option.spelled in self.REPEATABLE:
                continue
            if option.spelled in seen:
                line = script.source.position(seen[option.spelled]).line
                yield Diagnostic(option.start, option.end, "`%s` is already set on line %d: qsub keeps this one "
                                 "(\"option has already been set, overriding previous setting\")" % (option.spelled,
                                                                                                     line))
            seen[option.spelled] = option.start
