from __future__ import annotations

import math
import re

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity
from jobcheck.semantics.suggest import suggest

from .common import lsf_uses, value_offset, value_span

RUN_LIMIT_RE = re.compile(r"^(\d+:)?\d+(/\S+)?$")
WITH_SECONDS_RE = re.compile(r"^(?:(\d+)[-:])?(\d+):(\d+):(\d+)$")


class RunLimit(Rule):
    """
    ## What it does
    Checks `-W` (and `-We`) against bsub's `[hour:]minute[/host]`.

    ## Why is this bad?
    LSF run limits have no seconds and no days: `-W 1:00:00` or Slurm's `1-00:00:00` are
    refused by bsub ("Bad argument"). (Minutes may exceed 59: `-W 90` is fine.)

    ## Example
        #BSUB -W 02:00:00

    Use instead:

        #BSUB -W 02:00

    ## Fix safety
    Dropping a `:00` seconds field and folding days into hours is safe (the same limit);
    rounding other seconds up to a minute is unsafe.
    """

    code = "JC804"
    name = "lsf-run-limit"
    severity = Severity.ERROR
    summary = "A -W run limit with seconds or days: bsub takes [hour:]minute"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script, settings):
        for _, option in lsf_uses(script):
            if option.spelled not in ("-W", "-We") or option.kind != "option" or not option.value:
                continue
            if RUN_LIMIT_RE.match(option.value):
                continue
            span = value_span(option)
            m = WITH_SECONDS_RE.match(option.value)
            if not m:
                yield Diagnostic(*span, "`%s %s` is not an LSF run limit ([hour:]minute)" % (option.spelled,
                                                                                            option.value))
                continue
            days, hours, minutes, seconds = (int(g) if g else 0 for g in m.groups())
            total_minutes = (days * 24 + hours) * 60 + minutes + math.ceil(seconds / 60)
            fixed = "%d:%02d" % (total_minutes // 60, total_minutes % 60)
            fix = None
            if value_offset(script, option) is not None:
                make = Fix.safe if seconds == 0 else Fix.unsafe
                fix = make("write `%s`" % fixed, Edit(option.value_start, option.value_end, fixed))
            yield Diagnostic(*span, "`%s %s`: LSF run limits are [hour:]minute, without %s; write `%s`" % (
                option.spelled, option.value, "days" if days else "seconds", fixed), fix)


MEMORY_RE = re.compile(r"^\d+(\.\d+)?([KMGTPEZ]B?)?!?$", re.IGNORECASE)


class MemoryUnit(Rule):
    """
    ## What it does
    Finds `-M` (memory limit) and `-v` (swap limit) values bsub cannot read (an error), and,
    when the option `lsf-unit-for-limits` says the cluster's `LSF_UNIT_FOR_LIMITS` is `KB`,
    numbers without a unit (a warning, with the size they are there).

    ## Why is this bad?
    A number without a unit is read in the cluster's `LSF_UNIT_FOR_LIMITS`. That is KB only
    where the site left it unset; most sites set MB or GB, and there `-M 4000` is what its
    author meant, so without the setting such numbers are not reported. Where the unit is KB,
    `-M 4000` is a 4 MB limit and the job is killed at once. A unit (`-M 4GB`) means the same
    everywhere.

    ## Example
    With `lsf-unit-for-limits = "KB"`:

        #BSUB -M 4000

    Use instead:

        #BSUB -M 4000MB

    ## Fix safety
    No fix: the intended unit is unknown.
    """

    code = "JC805"
    name = "lsf-memory-unit"
    severity = Severity.WARNING
    summary = "A -M/-v memory limit bsub cannot read, or without a unit where the site's unit is KB"
    languages = ("shell", "python")

    def check(self, script, settings):
        site_unit = (settings.get("lsf-unit-for-limits") or "").upper().rstrip("B")
        for _, option in lsf_uses(script):
            if option.spelled not in ("-M", "-v") or option.kind != "option" or not option.value:
                continue
            value = option.value
            span = value_span(option)
            if not MEMORY_RE.match(value):
                yield Diagnostic(*span, "`%s %s` is not a memory size bsub reads (a number, a unit KB/MB/GB/TB, and "
                                 "`!` for a hard limit)" % (option.spelled, value), severity=Severity.ERROR)
            elif value.rstrip("!").replace(".", "").isdigit() and site_unit == "K":
                number = float(value.rstrip("!"))
                yield Diagnostic(*span, "`%s %s` has no unit: this cluster's LSF_UNIT_FOR_LIMITS is KB, so the limit "
                                 "is %s; write the unit, e.g. `%sMB`" % (option.spelled, value, _kb(number),
                                                                        value.rstrip("!")))


def _kb(number: float) -> str:
    if number < 1024:
        return "%g KB" % number
    if number < 1024 * 1024:
        return "%.1f MB" % (number / 1024)
    return "%.1f GB" % (number / 1024 / 1024)


FOREIGN_PATTERNS = {"%j": "%J", "%A": "%J", "%a": "%I"}
PATTERN_RE = re.compile(r"%[jAa]|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")


class OutputPattern(Rule):
    """
    ## What it does
    Finds Slurm patterns (`%j`, `%A`, `%a`) and shell variables in `#BSUB -o/-e/-oo/-eo`.

    ## Why is this bad?
    bsub knows only its own patterns: `%J` (job id) and `%I` (array index). `%j` and `$HOME`
    are kept literally, so every job writes to the same odd file name, or to a folder that does
    not exist.

    ## Example
        #BSUB -o train.%j.out

    Use instead:

        #BSUB -o train.%J.out

    ## Fix safety
    `%j`/`%A` -> `%J` and `%a` -> `%I` are safe.
    """

    code = "JC806"
    name = "lsf-output-pattern"
    severity = Severity.ERROR
    summary = "A Slurm pattern (%j) or a shell variable in a #BSUB -o/-e path"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script, settings):
        for _, option in lsf_uses(script):
            if option.spelled not in ("-o", "-e", "-oo", "-eo") or option.kind != "option" or not option.value:
                continue
            found = list(PATTERN_RE.finditer(option.value))
            if not found:
                continue
            span = value_span(option)
            foreign = [m for m in found if m.group(0) in FOREIGN_PATTERNS]
            if foreign:
                fix = None
                at = value_offset(script, option)
                if at is not None:
                    fix = Fix.safe("use LSF's patterns", *(
                        Edit(at + m.start(), at + m.end(), FOREIGN_PATTERNS[m.group(0)]) for m in foreign))
                yield Diagnostic(*span, "`%s` is a Slurm pattern: bsub writes it literally; LSF's are `%%J` (job id) "
                                 "and `%%I` (array index)" % foreign[0].group(0), fix)
            else:
                yield Diagnostic(*span, "bsub does not expand `%s` in #BSUB lines: the path is used literally"
                                 % found[0].group(0))


ARRAY_RE = re.compile(r"^(?P<name>[^\[]*)\[(?P<spec>[^\]]*)\](?:%(?P<limit>\d+))?$")
ITEM_RE = re.compile(r"^(\d+)(?:-(\d+)(?::(\d+))?)?$")
ARRAY_NAME_RE = re.compile(r"^[A-Za-z0-9._-]*$")


class ArraySpec(Rule):
    """
    ## What it does
    Checks the array form of `-J "name[1-10,20-30:2]%4"`: indices from 1, ranges that go up,
    the name's characters. (Indices above 1000 are not reported: `MAX_JOB_ARRAY_SIZE` is the
    site's setting, 1000 by default and often raised, and real arrays above it ran.)

    ## Why is this bad?
    bsub refuses index 0 and malformed specs.

    ## Example
        #BSUB -J "sweep[0-9]"

    Use instead:

        #BSUB -J "sweep[1-10]"

    ## Fix safety
    No fix (the task numbering would change).
    """

    code = "JC807"
    name = "lsf-array-spec"
    severity = Severity.ERROR
    summary = "A -J array spec bsub refuses (index 0, malformed range, a bad name)"
    languages = ("shell", "python")

    def check(self, script, settings):
        for _, option in lsf_uses(script):
            if option.spelled != "-J" or option.kind != "option" or not option.value or "[" not in option.value:
                continue
            span = value_span(option)
            m = ARRAY_RE.match(option.value)
            if not m:
                yield Diagnostic(*span, "`-J %s` is not an LSF array (`name[1-10]` or `name[1-10]%%4`)" % option.value)
                continue
            if not ARRAY_NAME_RE.match(m.group("name")):
                yield Diagnostic(*span, "array name `%s`: LSF takes letters, digits, `.`, `-` and `_`"
                                 % m.group("name"))
            for item in m.group("spec").split(","):
                im = ITEM_RE.match(item)
                if not im:
                    yield Diagnostic(*span, "`%s` in `-J %s` is not an index or a range `start-end[:step]`"
                                     % (item, option.value))
                    continue
                first, last = int(im.group(1)), int(im.group(2) or im.group(1))
                if first == 0:
                    yield Diagnostic(*span, "`-J %s`: LSF array indices start at 1; index 0 is refused" % option.value)
                elif last < first:
                    yield Diagnostic(*span, "`%s` in `-J %s`: the range must go up" % (item, option.value))
