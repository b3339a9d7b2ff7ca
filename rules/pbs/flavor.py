from __future__ import annotations

import re

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity
from jobcheck.semantics.pbs_directives import option_table

from .common import FLAVOR_NAMES, flavor, pbs_uses, requested_resources, value_span

PBSPRO_RESOURCES = ("select", "place", "ngpus", "ompthreads", "mpiprocs")
TORQUE_RESOURCES = ("nodes", "ppn", "gpus", "procs")
TABLE_FLAVOR = {"pbspro": "openpbs", "torque": "torque"}  # the option table's names
SIMPLE_RANGE_RE = re.compile(r"^\d+-\d+(%\d+)?$")


class FlavorMismatch(Rule):
    """
    ## What it does
    Finds `#PBS` options and resources the job's PBS flavour does not have: Torque's `-t`,
    `-d`, `-w`, `-L`, `-x`, ... on PBS Pro/OpenPBS; PBS Pro's `-J`, `-R`, `-G`, `select=`,
    `place=`, `ngpus=` on Torque. The flavour comes from the `scheduler` setting (`pbspro`,
    `torque`), else from the job's own array option.

    ## Why is this bad?
    qsub refuses an option its getopt does not know (`qsub: directive error`), and the server
    refuses a resource it does not know ("Unknown resource"). `-P` is a project on PBS Pro but a
    proxy user on Torque.

    ## Example
    With `--scheduler pbspro`:

        #PBS -t 1-10

    Use instead:

        #PBS -J 1-10

    ## Fix safety
    `-t a-b[%c]` <-> `-J a-b[%c]` is safe (the same array on the other flavour).
    """

    code = "JC710"
    name = "pbs-flavor-mismatch"
    severity = Severity.ERROR
    summary = "A #PBS option or resource of the other PBS flavour (Torque vs PBS Pro)"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script, settings):
        which, why = flavor(script)
        if which is None:
            return
        other = "torque" if which == "pbspro" else "pbspro"
        table = option_table()
        for _, option in pbs_uses(script):
            known = table.get(option.spelled)
            if option.kind != "option" or known is None or TABLE_FLAVOR[which] in known["flavors"]:
                continue
            fix = None
            swap = {"-t": "-J", "-J": "-t"}.get(option.spelled)
            if swap and option.value and SIMPLE_RANGE_RE.match(option.value):
                fix = Fix.safe("use `%s`" % swap, Edit(option.start, option.start + 2, swap))
            hint = "; on %s it is `%s`" % (FLAVOR_NAMES[which], swap) if swap else ""
            yield Diagnostic(option.start, option.end, "`%s` is a %s option, and this is a %s job (%s): qsub stops "
                             "with \"directive error\"%s" % (option.spelled, FLAVOR_NAMES[other], FLAVOR_NAMES[which],
                                                             why, hint), fix)
        if script.pbs_flavor is None:
            return  # resources: only when the flavour is set, PBS Pro still reads old `nodes=` requests
        foreign = TORQUE_RESOURCES if which == "pbspro" else PBSPRO_RESOURCES
        for key, value, start, end in requested_resources(script):
            if key in foreign and start is not None:
                yield Diagnostic(start - len(key) - 1, end, "`%s=` is a %s resource, and this is a %s job (%s)"
                                 % (key, FLAVOR_NAMES[other], FLAVOR_NAMES[which], why))


ARRAY_VARIABLE = {"pbspro": "PBS_ARRAY_INDEX", "torque": "PBS_ARRAYID"}


class ArrayVariable(Rule):
    """
    ## What it does
    Finds the other flavour's array index variable: `$PBS_ARRAYID` (Torque) in a PBS Pro job,
    `$PBS_ARRAY_INDEX` (PBS Pro) in a Torque job.

    ## Why is this bad?
    The variable is never set: it expands to nothing, and every subjob does the same work (or
    reads `input_.txt`).

    ## Example
        #PBS -J 1-10
        python run.py --task "$PBS_ARRAYID"

    Use instead:

        python run.py --task "$PBS_ARRAY_INDEX"

    ## Fix safety
    Renaming the variable is safe.
    """

    code = "JC711"
    name = "pbs-array-variable"
    severity = Severity.ERROR
    summary = "The other PBS flavour's array index variable ($PBS_ARRAYID vs $PBS_ARRAY_INDEX)"
    fix_availability = "always"

    def check(self, script, settings):
        which, why = flavor(script)
        if which is None:
            return
        right = ARRAY_VARIABLE[which]
        wrong = ARRAY_VARIABLE["torque" if which == "pbspro" else "pbspro"]
        if any(a.name == wrong for a in script.assignments):
            return
        seen = set()
        for command in script.commands:
            for word in command.words + tuple(a.value for a in command.assignments):
                if wrong not in word.text:
                    continue
                for part in word.params:
                    if part.value != wrong or part.start in seen:
                        continue
                    seen.add(part.start)
                    at = script.text.find(wrong, part.start, part.end)
                    yield Diagnostic(part.start, part.end, "`$%s` is never set on %s (%s): the array index is `$%s`"
                                     % (wrong, FLAVOR_NAMES[which], why, right),
                                     Fix.safe("use `$%s`" % right, Edit(at, at + len(wrong), right)))


class SelectMixedWithNodes(Rule):
    """
    ## What it does
    Finds `-l select=`/`place=` together with the old-style `nodes=` or a job-wide `ncpus=`
    in one job.

    ## Why is this bad?
    PBS Pro refuses the job: the qsub manual says mixing the two forms "will result in an
    error".

    ## Example
        #PBS -l select=2:ncpus=8
        #PBS -l nodes=2:ppn=8

    Use instead: only `-l select=2:ncpus=8`.

    ## Fix safety
    No fix.
    """

    code = "JC712"
    name = "pbs-select-mixed-with-nodes"
    severity = Severity.ERROR
    summary = "select=/place= mixed with nodes= or a job-wide ncpus= in one PBS job"
    languages = ("shell", "python")

    def check(self, script, settings):
        found = [(key, start, end) for key, _, start, end in requested_resources(script)]
        new = [f for f in found if f[0] in ("select", "place")]
        if not new:
            return
        for key, start, end in found:
            if key in ("nodes", "ncpus") and start is not None:
                yield Diagnostic(start - len(key) - 1, end, "`%s=` mixed with `%s=` in one job: PBS refuses it; put "
                                 "the CPUs in the select chunk (`select=N:ncpus=M`)" % (key, new[0][0]))


PBSPRO_ARRAY_RE = re.compile(r"^(\d+)-(\d+)(:\d+)?(%\d+)?$")
TORQUE_ARRAY_RE = re.compile(r"^\d+(-\d+)?(,\d+(-\d+)?)*(%\d+)?$")


class ArraySpec(Rule):
    """
    ## What it does
    Checks array requests: PBS Pro's `-J X-Y[:Z][%max]` (a range, indices from 0), Torque's
    `-t 1-100%5` / `1,10,50-100`, and `-J` together with `-r n`.

    ## Why is this bad?
    qsub refuses a malformed range, a single index with `-J` (it needs `X-Y`), and a
    non-rerunnable array: "cannot submit non-rerunable Array Job".

    ## Example
        #PBS -J 10
        #PBS -r n

    Use instead:

        #PBS -J 1-10

    ## Fix safety
    No fix.
    """

    code = "JC713"
    name = "pbs-array-spec"
    severity = Severity.ERROR
    summary = "A PBS array range qsub refuses, or -J with -r n"
    languages = ("shell", "python")

    def check(self, script, settings):
        uses = pbs_uses(script)
        not_rerunnable = any(o.spelled == "-r" and o.value == "n" for _, o in uses)
        for _, option in uses:
            if option.kind != "option" or option.value is None:
                continue
            span = value_span(option)
            if option.spelled == "-J":
                m = PBSPRO_ARRAY_RE.match(option.value)
                if not m:
                    yield Diagnostic(*span, "`-J %s`: PBS Pro takes a range `X-Y[:Z][%%max]`, e.g. `1-10` or "
                                     "`0-99:2%%10`" % option.value)
                elif int(m.group(1)) >= int(m.group(2)):
                    yield Diagnostic(*span, "`-J %s`: the range must go up (X < Y)" % option.value)
                elif not_rerunnable:
                    yield Diagnostic(*span, "`-J` with `-r n`: qsub stops with \"cannot submit non-rerunable Array "
                                     "Job\"")
            elif option.spelled == "-t" and not TORQUE_ARRAY_RE.match(option.value):
                yield Diagnostic(*span, "`-t %s`: Torque takes indices and ranges with an optional `%%limit`, e.g. "
                                 "`1-100%%5` or `1,10,50-100`" % option.value)
