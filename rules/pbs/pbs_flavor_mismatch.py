from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy
from jobcheck.semantics.pbs_directives import option_table

from .pbs_directives import FLAVOR_NAMES, flavor, pbs_uses, requested_resources

PBSPRO_RESOURCES = ("select", "place", "ngpus", "ompthreads", "mpiprocs")
TORQUE_RESOURCES = ("nodes", "ppn", "gpus", "procs")
TABLE_FLAVOR = {"pbspro": "openpbs", "torque": "torque"}  # the option table's names
SIMPLE_RANGE_RE = lazy(r"^\d+-\d+(%\d+)?$")


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
    schedulers = ("pbs",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
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
            yield Diagnostic(
                option.start,
                option.end,
                "`%s` is a %s option, and this is a %s job (%s): qsub stops "
                'with "directive error"%s' % (option.spelled, FLAVOR_NAMES[other], FLAVOR_NAMES[which], why, hint),
                fix,
            )
        if script.pbs_flavor is None:
            return  # resources: only when the flavour is set, PBS Pro still reads old `nodes=` requests
        foreign = TORQUE_RESOURCES if which == "pbspro" else PBSPRO_RESOURCES
        for key, _value, start, end in requested_resources(script):
            if key in foreign and start is not None:
                yield Diagnostic(
                    start - len(key) - 1,
                    end,
                    "`%s=` is a %s resource, and this is a %s job (%s)"
                    % (key, FLAVOR_NAMES[other], FLAVOR_NAMES[which], why),
                )
