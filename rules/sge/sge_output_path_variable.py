from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity

from .sge_directives import sge_uses

# Pseudo variables qsub expands in -o/-e/-i paths (and `~`); anything else stays literal.
PSEUDO = frozenset({"HOME", "USER", "JOB_ID", "JOB_NAME", "HOSTNAME", "TASK_ID"})
RENAMES = {"SGE_TASK_ID": "TASK_ID", "JOBID": "JOB_ID"}


class OutputPathVariable(Rule):
    """
    ## What it does
    Checks the variables in `-o`, `-e` and `-i` paths: qsub expands only `$HOME`, `$USER`,
    `$JOB_ID`, `$JOB_NAME`, `$HOSTNAME`, `$TASK_ID` (and `~`), written exactly so.

    ## Why is this bad?
    Anything else stays literal: `${HOME}/x.out` becomes a folder named `${HOME}` in the working
    directory (the job fails: "can't open output file"), `$SGE_TASK_ID` writes every task into
    one file named `o.$SGE_TASK_ID.out`, `%j` is Slurm's.

    ## Example
        #$ -o logs/out.$SGE_TASK_ID

    Use instead:

        #$ -o logs/out.$TASK_ID

    ## Fix safety
    `${HOME}` -> `$HOME` and `$SGE_TASK_ID` -> `$TASK_ID` are safe.
    """

    code = "JC607"
    name = "sge-output-path-variable"
    severity = Severity.ERROR
    summary = "A variable in -o/-e/-i that qsub does not expand"
    fix_availability = "sometimes"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _directive, option in sge_uses(script):
            if option.spelled not in ("-o", "-e", "-i") or not option.value or option.value_start is None:
                continue
            raw = script.text[option.value_start : option.value_end]
            for m in re.finditer(r"\$\{(\w+)\}|\$(\w+)|%[jAaxu]", raw):
                start, end = option.value_start + m.start(), option.value_start + m.end()
                braced, plain = m.group(1), m.group(2)
                # In a folder name the literal text is a folder that does not exist: the job
                # cannot open its output and fails (error); in a file name it only names the
                # file wrongly (warning).
                severity = Severity.ERROR if "/" in raw[m.end() :].split(",")[0] else Severity.WARNING
                if m.group(0).startswith("%"):
                    yield Diagnostic(
                        start,
                        end,
                        "`%s` is a Slurm pattern: qsub writes it literally; Grid Engine has "
                        "`$JOB_ID`, `$JOB_NAME`, `$TASK_ID`" % m.group(0),
                        severity=severity,
                    )
                elif braced is not None:
                    fix = Fix.safe("write `$%s`" % braced, Edit(start, end, "$" + braced)) if braced in PSEUDO else None
                    yield Diagnostic(
                        start,
                        end,
                        "qsub does not expand `${%s}` (only `$%s` written without "
                        "braces): the path stays literal%s"
                        % (
                            braced,
                            braced,
                            " and the job fails to open its output" if severity == Severity.ERROR else "",
                        ),
                        fix,
                        severity=severity,
                    )
                elif plain not in PSEUDO:
                    meant = RENAMES.get(plain)
                    fix = Fix.safe("use `$%s`" % meant, Edit(start, end, "$" + meant)) if meant else None
                    yield Diagnostic(
                        start,
                        end,
                        "qsub does not expand `$%s` in `%s` (only $HOME, $USER, $JOB_ID, "
                        "$JOB_NAME, $HOSTNAME, $TASK_ID)%s"
                        % (plain, option.spelled, "; use `$%s`" % meant if meant else ""),
                        fix,
                        severity=severity,
                    )
