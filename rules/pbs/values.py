from __future__ import annotations

import re

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity

from .common import flavor, pbs_uses, pbspro_fact_severity, requested_resources, select_chunks, value_offset, value_span

SIZE_KEYS = ("mem", "vmem", "pmem", "pvmem", "file")
SIZE_RE = re.compile(r"^\d+([kmgtp]?[bw]?)$", re.IGNORECASE)
BINARY_UNIT_RE = re.compile(r"^(\d+)([kmgtp])i?b$", re.IGNORECASE)
DECIMAL_RE = re.compile(r"^(\d*\.\d+)([kmgtp])(i?b|w)?$", re.IGNORECASE)
UNITS = "bkmgtp"


def _sized(script):
    """(key, value, start, end) of every size resource: job-wide `-l mem=` and in select chunks."""
    for key, value, start, end in requested_resources(script):
        if key in SIZE_KEYS:
            yield key, value, start, end
        elif key == "select":
            for _, items in select_chunks(value, start):
                for res, val, s, e in items:
                    if res in SIZE_KEYS:
                        yield res, val, s, e


class SizeValue(Rule):
    """
    ## What it does
    Checks the sizes of `-l mem=`, `vmem=`, `pmem=`, `pvmem=`, `file=` (also inside
    `select=` chunks) against PBS's size grammar: a whole number, an optional unit
    `k m g t p`, and an optional `b` (bytes) or `w` (words), in any case.

    ## Why is this bad?
    A number without a unit is **bytes**: `mem=4000` gives the job 4000 bytes, and it is killed
    as soon as it starts. `1.5gb`, `2GiB` and `2 gb` are refused by the server ("Illegal
    attribute or resource value").

    ## Example
        #PBS -l select=1:ncpus=4:mem=4000
        #PBS -l mem=1.5gb

    Use instead:

        #PBS -l select=1:ncpus=4:mem=4000mb
        #PBS -l mem=1536mb

    ## Fix safety
    `2GiB` -> `2gb` and `1.5gb` -> `1536mb` are safe (PBS units are powers of 1024, so the size
    is the same). A number without a unit gets no fix: the intended unit is unknown.
    """

    code = "JC706"
    name = "pbs-size-value"
    severity = Severity.ERROR
    summary = "A PBS memory size without a unit (bytes) or in a form qsub refuses (1.5gb, 2GiB)"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script, settings):
        for key, value, start, end in _sized(script):
            if start is None or not value:
                continue
            if value.isdigit():
                if int(value) == 0:
                    continue
                yield Diagnostic(start, end, "`%s=%s` is %s bytes: PBS reads a size without a unit as bytes; "
                                 "write the unit, e.g. `%smb`" % (key, value, value, value))
                continue
            if SIZE_RE.match(value):
                continue
            m = BINARY_UNIT_RE.match(value)
            fix = None
            if m:
                fixed = m.group(1) + m.group(2).lower() + "b"
                fix = Fix.safe("write `%s`" % fixed, Edit(start, end, fixed))
            else:
                m = DECIMAL_RE.match(value)
                if m and (m.group(3) or "b").lower() != "w":
                    unit = UNITS.index(m.group(2).lower())
                    if unit > 1:
                        smaller = float(m.group(1)) * 1024
                        if smaller == int(smaller):
                            fixed = "%d%sb" % (int(smaller), UNITS[unit - 1])
                            fix = Fix.safe("write `%s`" % fixed, Edit(start, end, fixed))
            hint = "; write `%s`" % fix.edits[0].content if fix else ""
            yield Diagnostic(start, end, "`%s=%s` is not a PBS size (a whole number, then k/m/g/t/p and b or w): the "
                             "server refuses it with \"Illegal attribute or resource value\"%s" % (key, value, hint), fix)


TIME_KEYS = ("walltime", "cput", "pcput")
TIME_RE = re.compile(r"^(\d+:){0,2}\d+(\.\d+)?$")
DAYS_RE = re.compile(r"^(\d+)[-:](\d+):(\d+):(\d+)$")
SHORT_JOB = 60  # seconds: a walltime under a minute is almost surely minutes or hours meant
SMALL_NUMBER = 1000  # below this a plain number may well be minutes meant (`walltime=120`)


class TimeValue(Rule):
    """
    ## What it does
    Checks `-l walltime=`, `cput=` and `pcput=` against PBS's duration grammar
    `[[HH:]MM:]SS`, and says what a plain number means.

    ## Why is this bad?
    PBS Pro/OpenPBS has no days field: `1:00:00:00` and Slurm's `1-00:00:00` are refused ("illegal
    -l value"); Torque reads `DD:HH:MM:SS`, so a days field is reported only where the job is PBS
    Pro's (an error with the setting `pbspro`, a warning when inferred from `select=`, `-J`,
    `place=`). A plain number is **seconds**: `walltime=48` is 48 seconds, not 48 hours (a
    warning under 60, advice under 1000: `walltime=120` is two minutes).

    ## Example
        #PBS -l walltime=1-12:00:00

    Use instead:

        #PBS -l walltime=36:00:00

    ## Fix safety
    Folding the days into the hours is safe (the same duration).
    """

    code = "JC707"
    name = "pbs-time-value"
    severity = Severity.ERROR
    summary = "A PBS walltime with days (refused) or a plain number (seconds)"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script, settings):
        for key, value, start, end in requested_resources(script):
            if key not in TIME_KEYS or start is None or not value:
                continue
            if value.isdigit():
                seconds = int(value)
                shown = "%d:%02d:%02d" % (seconds // 3600, seconds // 60 % 60, seconds % 60)
                if seconds < SHORT_JOB:
                    yield Diagnostic(start, end, "`%s=%s` is %d seconds: PBS reads a plain number as seconds; "
                                     "for hours write `%s:00:00`" % (key, value, seconds, value),
                                     severity=Severity.WARNING)
                elif seconds < SMALL_NUMBER:
                    yield Diagnostic(start, end, "`%s=%s` is read as seconds (%s); if you meant minutes, write "
                                     "`%s:00`" % (key, value, shown, value), severity=Severity.INFO)
                continue
            if TIME_RE.match(value):
                continue
            m = DAYS_RE.match(value)
            if m:
                hours = int(m.group(1)) * 24 + int(m.group(2))
                fixed = "%02d:%s:%s" % (hours, m.group(3), m.group(4))
                fix = Fix.safe("write `%s`" % fixed, Edit(start, end, fixed))
                if "-" in value:
                    yield Diagnostic(start, end, "`%s=%s` is Slurm's days form: PBS Pro/OpenPBS refuses it (\"illegal "
                                     "-l value\") and Torque misreads it; write `%s`" % (key, value, fixed), fix)
                    continue
                severity = _days_severity(script)
                if severity is None:
                    continue  # Torque (and Moab) read `DD:HH:MM:SS`; writing it is itself a sign of Torque
                yield Diagnostic(start, end, "`%s=%s` has a days field: PBS Pro/OpenPBS refuses it (\"illegal -l "
                                 "value\"), only Torque reads `DD:HH:MM:SS`; write `%s`" % (key, value, fixed),
                                 fix, severity=severity)
            else:
                yield Diagnostic(start, end, "`%s=%s` is not a PBS duration ([[HH:]MM:]SS): qsub refuses it "
                                 "(\"illegal -l value\")" % (key, value))


def _days_severity(script):
    """A days field is refused by PBS Pro only: an error with the setting `pbspro`, a warning when
    the job shows PBS Pro's own syntax, else nothing (the author's site evidently takes it)."""
    which, _ = flavor(script)
    if which != "pbspro":
        return None
    return Severity.ERROR if script.pbs_flavor == "pbspro" else Severity.WARNING


PBSPRO_NAME_RE = re.compile(r"^[A-Za-z0-9_+.\-]+$")
PBSPRO_NAME_MAX = 230  # openpbs PBS_MAXJOBNAME
TORQUE_NAME_MAX = 256  # Torque 4-6 ck_job_name.c PBS_MAXJOBNAMELEN


class JobName(Rule):
    """
    ## What it does
    Checks `-N` against the job-name rules: PBS Pro/OpenPBS takes at most 230 characters from
    `A-Z a-z 0-9 _ + . -`; Torque (4 to 6) takes up to 256 printable characters. A character
    only PBS Pro refuses is an error when the scheduler setting is `pbspro`, a warning when the
    flavour is open or only inferred from the job, nothing for a Torque job.

    ## Why is this bad?
    qsub refuses the submission ("illegal -N value").

    ## Example
        #PBS -N my/job

    Use instead:

        #PBS -N my_job

    ## Fix safety
    No fix.
    """

    code = "JC708"
    name = "pbs-job-name"
    severity = Severity.ERROR
    summary = "A -N job name the PBS flavour refuses"
    languages = ("shell", "python")

    def check(self, script, settings):
        which, why = flavor(script)
        pbspro_severity = pbspro_fact_severity(script)
        for _, option in pbs_uses(script):
            if option.spelled != "-N" or option.kind != "option" or not option.value:
                continue
            name = option.value
            span = value_span(option)
            where = "qsub takes" if script.pbs_flavor == "pbspro" else "PBS Pro/OpenPBS takes"
            if not PBSPRO_NAME_RE.match(name) and pbspro_severity is not None:
                bad = next(c for c in name if not PBSPRO_NAME_RE.match(c))
                yield Diagnostic(*span, "job name `%s` has `%s`: %s only letters, digits and `_ + . -` (\"illegal "
                                 "-N value\")" % (name, bad, where), severity=pbspro_severity)
            elif len(name) > PBSPRO_NAME_MAX and pbspro_severity is not None:
                yield Diagnostic(*span, "job name of %d characters: %s at most %d" % (len(name), where,
                                                                                    PBSPRO_NAME_MAX),
                                 severity=pbspro_severity)
            elif which == "torque" and (len(name) > TORQUE_NAME_MAX or not name.isprintable() or " " in name):
                yield Diagnostic(*span, "job name `%s`: Torque takes at most %d printable characters without white "
                                 "space (%s)" % (name, TORQUE_NAME_MAX, why))


MAIL_LETTERS = {"pbspro": "abej", "torque": "abefp", None: "abefpj"}
KEEP_RE = re.compile(r"^(?=.*[eon])(?!.*n.*[eo])(?!.*[eo].*n)[eodn]+$")  # openpbs verify_keepfiles_common
DATE_RE = re.compile(r"^(\d\d){2,6}(\.\d\d)?$")


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

    def check(self, script, settings):
        which, why = flavor(script)
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
                yield Diagnostic(*span, "`-j %s`: qsub takes `oe`, `eo` or `n` (\"illegal -j value\")" % value, fix)
            elif flag == "-m":
                letters = MAIL_LETTERS[which]
                if value == "n":
                    continue
                bad = [c for c in value if c not in letters]
                if bad:
                    where = {"pbspro": "PBS Pro", "torque": "Torque", None: "PBS"}[which]
                    yield Diagnostic(*span, "`-m %s`: `%s` is not a mail option of %s (it takes `n` or letters of "
                                     "`%s`)" % (value, bad[0], where, letters))
                elif "j" in value and not array:
                    yield Diagnostic(*span, "`-m %s`: `j` (mail per subjob) is for array jobs, and this job has no "
                                     "`-J`: qsub stops with \"mail option 'j' can not be used without array job\""
                                     % value)
            elif flag == "-r" and value not in ("y", "n"):
                yield Diagnostic(*span, "`-r %s`: qsub takes `y` or `n` (\"illegal -r value\")" % value)
            elif flag == "-k" and not KEEP_RE.match(value):
                yield Diagnostic(*span, "`-k %s`: qsub takes letters of `e`, `o` (keep), `n` (keep none) and `d` (write "
                                 "directly), e.g. `oe`, `eod` or `n`" % value)
            elif flag == "-p":
                if not re.match(r"^[+-]?\d+$", value) or not -1024 <= int(value) <= 1023:
                    yield Diagnostic(*span, "`-p %s`: the priority is a whole number from -1024 to 1023" % value)
            elif flag == "-a" and not DATE_RE.match(value):
                yield Diagnostic(*span, "`-a %s`: qsub takes `[[[[CC]YY]MM]DD]hhmm[.SS]`, e.g. `202612312359` "
                                 "(\"illegal -a value\")" % value)
