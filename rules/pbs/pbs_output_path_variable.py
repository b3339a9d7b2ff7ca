from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .pbs_directives import flavor, pbs_uses, value_span

VARIABLE_RE = lazy(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|~")
OTHER_PATTERN_RE = lazy(r"%[jAaJIxu]")


class OutputPathVariable(Rule):
    """
    ## What it does
    Finds other schedulers' patterns (`%j`, `%A`, `%J`) in `#PBS -o` and `-e` paths, and shell
    variables and `~` there when the job is PBS Pro's (the setting `pbspro`, or `select=`, `-J`,
    `place=` in the job).

    ## Why is this bad?
    PBS Pro/OpenPBS expands nothing in these paths: `-o $HOME/logs/run.out` asks for a folder
    literally named `$HOME`, and the output is lost or lands in an unexpected place. Torque's
    MOM expands variables and `~` (with `wordexp()`, in the job's environment) when it delivers
    the file, so there they work; where the flavour is open, a variable there is taken as a sign
    that the author's site expands it, and not reported. `%j` is literal everywhere. (PBS Pro's own
    `^array_index^` token is fine.)

    ## Example
    With `--scheduler pbspro`:

        #PBS -o $HOME/logs/train.out

    Use instead:

        #PBS -o /home/alice/logs/train.out

    ## Fix safety
    No fix.
    """

    code = "JC715"
    name = "pbs-output-path-variable"
    severity = Severity.WARNING
    summary = "A %j, or a variable or ~ in a PBS Pro job, in a #PBS -o/-e path: it is used literally"
    languages = ("shell", "python")
    schedulers = ("pbs",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        pbspro = flavor(script)[0] == "pbspro"
        for _, option in pbs_uses(script):
            if option.spelled not in ("-o", "-e") or option.kind != "option" or not option.value:
                continue
            span = value_span(option)
            m = OTHER_PATTERN_RE.search(option.value)
            if m:
                yield Diagnostic(
                    *span,
                    "`%s %s`: `%s` is another scheduler's pattern; PBS writes it literally"
                    % (option.spelled, option.value, m.group(0)),
                )
                continue
            m = VARIABLE_RE.search(option.value)
            if m and pbspro:
                why = flavor(script)[1]
                yield Diagnostic(
                    *span,
                    "`%s %s`: PBS Pro/OpenPBS does not expand `%s`, and this is a PBS Pro job "
                    "(%s): the path is used literally" % (option.spelled, option.value, m.group(0).rstrip("{"), why),
                )
