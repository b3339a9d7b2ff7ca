from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .pbs_directives import flavor, pbs_uses, value_offset, value_span

MAIL_LETTERS = {"pbspro": "abej", "torque": "abefp", None: "abefpj"}
KEEP_RE = lazy(r"^(?=.*[eon])(?!.*n.*[eo])(?!.*[eo].*n)[eodn]+$")  # openpbs verify_keepfiles_common
DATE_RE = lazy(r"^(\d\d){2,6}(\.\d\d)?$")


class OptionValue(Rule):
    """
    ## What it does
    Checks the values of `-j`, `-m`, `-r`, `-k`, `-p` and `-a` in `#PBS` lines.

    ## Why is this bad?
    qsub refuses the submission: `-j y` (Grid Engine's spelling; PBS wants `oe`), `-m` letters
    the flavour does not have (PBS Pro: `a b e j` or `n`, and `j` only for an array; Torque:
    `a b e f p` or `n`), `-r yes`, `-p 2000` (-1024..1023), `-a` in Slurm's date format
    (PBS wants `[[[[CC]YY]MM]DD]hhmm[.SS]`).

    ## Example
        #PBS -j y

    Use instead:

        #PBS -j oe

    ## Fix safety
    `-j y` -> `-j oe` is safe (both put stderr into the output file).
    """

    code = "JC709"
    name = "pbs-option-value"
    severity = Severity.ERROR
    summary = "A value qsub refuses for -j, -m, -r, -k, -p or -a"
    fix_availability = "sometimes"
    languages = ("shell", "python")
    schedulers = ("pbs",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        which, _why = flavor(script)
        uses = pbs_uses(script)
        array = any(o.spelled in ("-J", "-t") for _, o in uses)
        for _, option in uses:
            value = option.value
            if option.kind != "option" or value is None:
                continue
            span = value_span(option)
            flag = option.spelled
            if flag == "-j" and value not in ("oe", "eo", "n"):
                fix = None
                if value in ("y", "yes") and value_offset(script, option) is not None:
                    fix = Fix.safe("write `oe`", Edit(option.value_start, option.value_end, "oe"))
                yield Diagnostic(*span, '`-j %s`: qsub takes `oe`, `eo` or `n` ("illegal -j value")' % value, fix)
            elif flag == "-m":
                letters = MAIL_LETTERS[which]
                if value == "n":
                    continue
                bad = [c for c in value if c not in letters]
                if bad:
                    where = {"pbspro": "PBS Pro", "torque": "Torque", None: "PBS"}[which]
                    yield Diagnostic(
                        *span,
                        "`-m %s`: `%s` is not a mail option of %s (it takes `n` or letters of "
                        "`%s`)" % (value, bad[0], where, letters),
                    )
                elif "j" in value and not array:
                    yield Diagnostic(
                        *span,
                        "`-m %s`: `j` (mail per subjob) is for array jobs, and this job has no "
                        "`-J`: qsub stops with \"mail option 'j' can not be used without array job\"" % value,
                    )
            elif flag == "-r" and value not in ("y", "n"):
                yield Diagnostic(*span, '`-r %s`: qsub takes `y` or `n` ("illegal -r value")' % value)
            elif flag == "-k" and not KEEP_RE.match(value):
                yield Diagnostic(
                    *span,
                    "`-k %s`: qsub takes letters of `e`, `o` (keep), `n` (keep none) and "
                    "`d` (write directly), e.g. `oe`, `eod` or `n`" % value,
                )
            elif flag == "-p":
                if not re.match(r"^[+-]?\d+$", value) or not -1024 <= int(value) <= 1023:
                    yield Diagnostic(*span, "`-p %s`: the priority is a whole number from -1024 to 1023" % value)
            elif flag == "-a" and not DATE_RE.match(value):
                yield Diagnostic(
                    *span,
                    '`-a %s`: qsub takes `[[[[CC]YY]MM]DD]hhmm[.SS]`, e.g. `202612312359` ("illegal -a value")' % value,
                )
