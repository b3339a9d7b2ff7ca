"""JC613-JC615: option values, resource names, and options a script cannot set."""

from __future__ import annotations

import re

from jobcheck import Diagnostic, Rule, Severity

from .common import requested_resources, sge_uses

YES_NO = re.compile(r"y(es)?|n(o)?")
VALUES = {"-j": YES_NO, "-r": YES_NO, "-R": YES_NO, "-now": YES_NO, "-sync": YES_NO, "-shell": YES_NO,
          "-b": YES_NO, "-m": re.compile(r"n|[beas]+"), "-w": re.compile(r"[ewnpv]"),
          "-a": re.compile(r"(\d\d)?(\d\d)?\d{8}(\.\d\d)?")}
# Resource names of other schedulers, and what Grid Engine calls them.
FOREIGN_RESOURCES = {"walltime": "h_rt", "nodes": "-pe NAME N", "ppn": "-pe NAME N", "ncpus": "-pe smp N",
                     "select": "-pe NAME N", "pmem": "h_vmem", "pvmem": "h_vmem", "cput": "h_cpu"}
KNOWN_LOWER = frozenset({"h_rt", "s_rt", "h_cpu", "s_cpu", "h_vmem", "s_vmem", "h_data", "s_data", "h_rss",
                         "s_rss", "h_stack", "s_stack", "h_fsize", "s_fsize", "h_core", "s_core"})


class OptionValue(Rule):
    """
    ## What it does
    Checks the values of `-j`, `-r`, `-R`, `-now`, `-sync`, `-shell`, `-b` (y[es] or n[o]), `-m`
    (n, or letters of b e a s), `-w`, `-a` ([[CC]YY]MMDDhhmm[.SS]), and `-p` (above 0 needs
    operator rights).

    ## Why is this bad?
    qsub refuses the script: `invalid option argument "-j oe"` (PBS's spelling), `Wrong mail
    options list format "x"`, `Wrong date/time format "tomorrow"`; a positive `-p` is refused
    for ordinary users ("positive submission priority requires operator privileges").

    ## Example
        #$ -j oe

    Use instead:

        #$ -j y

    ## Fix safety
    No fix.
    """

    code = "JC613"
    name = "sge-option-value"
    severity = Severity.ERROR
    summary = "An option value qsub refuses (-j oe, -m x, -a tomorrow, -p 10)"
    languages = ("shell", "python")

    def check(self, script, settings):
        for directive, option in sge_uses(script):
            if option.kind != "option" or option.value is None:
                continue
            spelled, value = option.spelled, option.value
            grammar = VALUES.get(spelled)
            if grammar is not None and not grammar.fullmatch(value):
                hint = "; Grid Engine writes `-j y`" if spelled == "-j" and value in ("oe", "eo") else ""
                yield Diagnostic(option.value_start, option.value_end, "`%s %s`: qsub refuses this value%s" % (
                    spelled, value, hint))
            elif spelled == "-p" and not re.fullmatch(r"[+-]?\d+", value):
                hint = "; a project is `-P %s`" % value if value[:1].isalpha() else ""
                yield Diagnostic(option.value_start, option.value_end, "`-p %s`: the priority is a whole number from "
                                 "-1023 to 1024; qsub refuses the job (\"invalid priority\")%s" % (value, hint))
            elif spelled == "-p" and re.fullmatch(r"\+?\d+", value) and int(value) > 0:
                yield Diagnostic(option.value_start, option.value_end, "`-p %s`: a positive priority needs operator "
                                 "rights; qsub refuses the job (\"positive submission priority requires operator "
                                 "privileges\"); use 0 or less" % value)


class ResourceName(Rule):
    """
    ## What it does
    Finds `-l` resource names from other schedulers (`walltime`, `nodes`, `ncpus`, `select`,
    `pmem`) and wrongly capitalised Grid Engine ones (`H_RT`): resource names are
    case-sensitive.

    ## Why is this bad?
    The job is refused: `Unable to run job: unknown resource "walltime"`.

    ## Example
        #$ -l walltime=1:00:00

    Use instead:

        #$ -l h_rt=1:00:00

    ## Fix safety
    No fix.
    """

    code = "JC614"
    name = "sge-resource-name"
    severity = Severity.ERROR
    summary = "A -l resource name of another scheduler, or wrongly capitalised"
    languages = ("shell", "python")

    def check(self, script, settings):
        for key, value, start, end in requested_resources(script):
            key_start = start - len(key) - 1
            if key in FOREIGN_RESOURCES:
                yield Diagnostic(key_start, key_start + len(key), "`%s` is not a Grid Engine resource: the job is "
                                 "refused (\"unknown resource\"); Grid Engine uses %s" % (
                                     key, "`%s`" % FOREIGN_RESOURCES[key]))
            elif key != key.lower() and key.lower() in KNOWN_LOWER:
                yield Diagnostic(key_start, key_start + len(key), "resource names are case-sensitive: `%s` is "
                                 "unknown (\"unknown resource\"); write `%s`" % (key, key.lower()))


class OptionIgnoredInScript(Rule):
    """
    ## What it does
    Finds `-C` (the directive prefix) and `-b` (binary job) in `#$` lines: qsub accepts them
    only on its command line.

    ## Why is this bad?
    They are dropped without a word: a `#$ -C '#X'` does not switch the prefix, `#$ -b y` does
    not make a binary job.

    ## Example
        #$ -b y

    Use instead: `qsub -b y ...` on the command line.

    ## Fix safety
    No fix.
    """

    code = "JC615"
    name = "sge-option-ignored-in-script"
    severity = Severity.WARNING
    summary = "-C or -b in a #$ line: qsub ignores them there"
    languages = ("shell", "python")

    def check(self, script, settings):
        for directive, option in sge_uses(script):
            if option.spelled in ("-C", "-b"):
                yield Diagnostic(option.start, option.end, "qsub ignores `%s` inside a script: it works only on the "
                                 "command line" % option.spelled)
