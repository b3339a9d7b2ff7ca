from __future__ import annotations

import re

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity

from .common import requested_resources, sge_uses

TIME_KEYS = frozenset({"h_rt", "s_rt", "h_cpu", "s_cpu"})
MEMORY_KEYS = frozenset({"h_vmem", "s_vmem", "h_data", "s_data", "h_rss", "s_rss", "h_stack", "s_stack",
                         "mem_free", "virtual_free", "mem", "h_fsize", "s_fsize"})
TIME_RE = re.compile(r"\d+|\d*:\d*:\d+")
MEMORY_RE = re.compile(r"(0x[0-9a-fA-F]+|\d+(\.\d+)?)([kKmMgGtT])?")
# Pseudo variables qsub expands in -o/-e/-i paths (and `~`); anything else stays literal.
PSEUDO = frozenset({"HOME", "USER", "JOB_ID", "JOB_NAME", "HOSTNAME", "TASK_ID"})
RENAMES = {"SGE_TASK_ID": "TASK_ID", "JOBID": "JOB_ID"}


class TimeValue(Rule):
    """
    ## What it does
    Checks time resources (`h_rt`, `s_rt`, `h_cpu`, `s_cpu`): seconds, or `H:M:S` with exactly two
    colons; and a leading zero, which makes the number octal.

    ## Why is this bad?
    `h_rt=01:00`, `h_rt=1-00:00:00` and `h_rt=1:00:00:00` are refused at submission ("attribute
    \\"h_rt\\" is not a time value"). `h_rt=0600` is read as an octal C constant: 384 seconds,
    not 600, and the job is killed early.

    ## Example
        #$ -l h_rt=0600

    Use instead:

        #$ -l h_rt=600

    ## Fix safety
    Dropping the leading zeros of a plain number is safe (it is what the author wrote).
    """

    code = "JC604"
    name = "sge-time-value"
    severity = Severity.ERROR
    summary = "A time resource qsub refuses, or reads as octal"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script, settings):
        for key, value, start, end in requested_resources(script):
            if key not in TIME_KEYS or not value:
                continue
            if not TIME_RE.fullmatch(value):
                yield Diagnostic(start, end, "`%s=%s` is not a Grid Engine time (seconds, or H:M:S with two colons): "
                                 "the job is refused with \"attribute \\\"%s\\\" is not a time value\"" % (
                                     key, value, key))
            elif value.isdigit() and len(value) > 1 and value.startswith("0"):
                meant = value.lstrip("0") or "0"
                octal = int(value, 8) if re.fullmatch(r"[0-7]+", value) else None
                what = "%d seconds" % octal if octal is not None else "an invalid octal number"
                yield Diagnostic(start, end, "`%s=%s` starts with 0, so Grid Engine reads it as octal: %s; write "
                                 "`%s=%s`" % (key, value, what, key, meant),
                                 Fix.safe("write `%s`" % meant, Edit(start, end, meant)), severity=Severity.WARNING)


class MemoryValue(Rule):
    """
    ## What it does
    Checks memory resources (`h_vmem`, `mem_free`, ...): a number with an optional unit letter.
    `2GB` is refused; a number without a unit is bytes.

    ## Why is this bad?
    `h_vmem=2GB` makes qsub refuse the job ("attribute \\"h_vmem\\" is not a memory value");
    `h_vmem=2048` is 2048 bytes: the job is killed at once. (Grid Engine's lower-case `2g` is
    2x10^9 bytes, upper-case `2G` 2x2^30.)

    ## Example
        #$ -l h_vmem=4GB

    Use instead:

        #$ -l h_vmem=4G

    ## Fix safety
    Dropping the `B` of `4GB` is safe.
    """

    code = "JC605"
    name = "sge-memory-value"
    severity = Severity.ERROR
    summary = "A memory resource qsub refuses (2GB) or reads as bytes (2048)"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script, settings):
        for key, value, start, end in requested_resources(script):
            if key not in MEMORY_KEYS or not value:
                continue
            if re.fullmatch(r"\d+(\.\d+)?[kKmMgGtT][bB]", value):
                yield Diagnostic(start, end, "`%s=%s` is refused: \"attribute \\\"%s\\\" is not a memory value\"; "
                                 "write `%s`" % (key, value, key, value[:-1]),
                                 Fix.safe("write `%s`" % value[:-1], Edit(end - 1, end, "")))
            elif not MEMORY_RE.fullmatch(value):
                yield Diagnostic(start, end, "`%s=%s` is not a Grid Engine memory value (a number and K, M, G or "
                                 "T): the job is refused" % (key, value))
            elif value.isdigit() and int(value) < 1024 * 1024:
                yield Diagnostic(start, end, "`%s=%s` has no unit, so it is %s bytes: the job runs out of memory "
                                 "at once; write e.g. `%s=%sM`" % (key, value, value, key, value),
                                 severity=Severity.WARNING)


class ArraySpec(Rule):
    """
    ## What it does
    Checks `-t` array ranges: `n[-m[:s]]` with indices from 1, and no `%` limit (Slurm's and
    Torque's syntax; Grid Engine has `-tc`).

    ## Why is this bad?
    `-t 1-10%2` is refused ("has unknown trailer \\"%2\\""); `-t 0-5` is refused at submission
    ("0 is an invalid task id").

    ## Example
        #$ -t 1-100%10

    Use instead:

        #$ -t 1-100
        #$ -tc 10

    ## Fix safety
    Moving a `%N` limit to `-tc N` is safe.
    """

    code = "JC606"
    name = "sge-array-spec"
    severity = Severity.ERROR
    summary = "A -t array range qsub refuses (a % limit, or index 0)"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script, settings):
        for directive, option in sge_uses(script):
            if option.spelled != "-t" or not option.value:
                continue
            value = option.value
            start, end = option.value_start, option.value_end
            limit = re.fullmatch(r"(.*)%(\d+)", value)
            if limit:
                yield Diagnostic(start, end, "`-t %s`: Grid Engine has no `%%` limit (\"unknown trailer \\\"%%%s\\\"\"); "
                                 "write `-t %s -tc %s`" % (value, limit.group(2), limit.group(1), limit.group(2)),
                                 Fix.safe("use `-tc`", Edit(start, end, "%s -tc %s" % (limit.group(1),
                                                                                      limit.group(2)))))
                value = limit.group(1)
            if re.match(r"0+(\D|$)", value):
                yield Diagnostic(start, end, "Grid Engine task ids start at 1: `-t %s` is refused (\"0 is an invalid "
                                 "task id\")" % option.value)


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

    def check(self, script, settings):
        for directive, option in sge_uses(script):
            if option.spelled not in ("-o", "-e", "-i") or not option.value or option.value_start is None:
                continue
            raw = script.text[option.value_start:option.value_end]
            for m in re.finditer(r"\$\{(\w+)\}|\$(\w+)|%[jAaxu]", raw):
                start, end = option.value_start + m.start(), option.value_start + m.end()
                braced, plain = m.group(1), m.group(2)
                # In a folder name the literal text is a folder that does not exist: the job
                # cannot open its output and fails (error); in a file name it only names the
                # file wrongly (warning).
                severity = Severity.ERROR if "/" in raw[m.end():].split(",")[0] else Severity.WARNING
                if m.group(0).startswith("%"):
                    yield Diagnostic(start, end, "`%s` is a Slurm pattern: qsub writes it literally; Grid Engine has "
                                     "`$JOB_ID`, `$JOB_NAME`, `$TASK_ID`" % m.group(0), severity=severity)
                elif braced is not None:
                    fix = Fix.safe("write `$%s`" % braced, Edit(start, end, "$" + braced)) if braced in PSEUDO else None
                    yield Diagnostic(start, end, "qsub does not expand `${%s}` (only `$%s` written without braces): the "
                                     "path stays literal%s" % (braced, braced, " and the job fails to open its output"
                                                               if severity == Severity.ERROR else ""), fix,
                                     severity=severity)
                elif plain not in PSEUDO:
                    meant = RENAMES.get(plain)
                    fix = Fix.safe("use `$%s`" % meant, Edit(start, end, "$" + meant)) if meant else None
                    yield Diagnostic(start, end, "qsub does not expand `$%s` in `%s` (only $HOME, $USER, $JOB_ID, "
                                     "$JOB_NAME, $HOSTNAME, $TASK_ID)%s" % (
                                         plain, option.spelled, "; use `$%s`" % meant if meant else ""), fix,
                                     severity=severity)
