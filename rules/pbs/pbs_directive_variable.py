from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .pbs_directives import pbs_uses, value_span

VARIABLE_RE = lazy(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?")
# Covered elsewhere: -o/-e paths (JC715, where Torque does expand) and -W depend= (JC714). Left
# out: -M (sites hand out `-M $USER@site` templates and the mail still arrives: whether the
# server expands it is not established) and -v (handed to the job's environment as text).
ELSEWHERE = ("-o", "-e", "-W", "-M", "-v")


class DirectiveVariable(Rule):
    """
    ## What it does
    Finds a shell variable in a `#PBS` value: `-A $ACCOUNT`, `-N run_$SAMPLE`,
    `-l walltime=$WALLTIME`, `-q $QUEUE` (`-o`/`-e` paths and `-W depend=` have rules of
    their own; `-M` and `-v` are left out).

    ## Why is this bad?
    qsub reads `#PBS` lines as text and expands nothing in them: the job asks for an account
    literally named `$ACCOUNT` or a walltime of `$WALLTIME`, which qsub or the server refuses
    ("illegal -l value", "Unknown queue", "invalid account"), or the job gets a name with a `$`.
    The script's own variables are not even set yet when qsub reads the header.

    ## Example
        #PBS -A $ACCOUNT

    Use instead: the value itself, or the command line (`qsub -A "$ACCOUNT" job.sh`):

        #PBS -A proj123

    ## Fix safety
    No fix: the value is the author's.
    """

    code = "JC718"
    name = "pbs-directive-variable"
    severity = Severity.WARNING
    summary = "A $VARIABLE in a #PBS value: qsub expands nothing in directives"
    languages = ("shell", "python")
    schedulers = ("pbs",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _, option in pbs_uses(script):
            if option.spelled in ELSEWHERE or option.kind != "option" or not option.value:
                continue
            m = VARIABLE_RE.search(option.value)
            if m is None:
                continue
            yield Diagnostic(
                *value_span(option),
                "`%s %s`: qsub does not expand `%s` in #PBS lines, so the job asks "
                "for the literal text; write the value, or pass it on the command line (`qsub %s "
                '"%s" ...`)' % (option.spelled, option.value, m.group(0), option.spelled, option.value),
            )
