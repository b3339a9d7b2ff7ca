from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .pbs_directives import flavor, pbs_uses, pbspro_fact_severity, value_span

PBSPRO_NAME_RE = lazy(r"^[A-Za-z0-9_+.\-]+$")
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
    schedulers = ("pbs",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
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
                yield Diagnostic(
                    *span,
                    'job name `%s` has `%s`: %s only letters, digits and `_ + . -` ("illegal '
                    '-N value")' % (name, bad, where),
                    severity=pbspro_severity,
                )
            elif len(name) > PBSPRO_NAME_MAX and pbspro_severity is not None:
                yield Diagnostic(
                    *span,
                    "job name of %d characters: %s at most %d" % (len(name), where, PBSPRO_NAME_MAX),
                    severity=pbspro_severity,
                )
            elif which == "torque" and (len(name) > TORQUE_NAME_MAX or not name.isprintable() or " " in name):
                yield Diagnostic(
                    *span,
                    "job name `%s`: Torque takes at most %d printable characters without white "
                    "space (%s)" % (name, TORQUE_NAME_MAX, why),
                )
