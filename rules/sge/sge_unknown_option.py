from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sge_directives import OPTIONS
from jobcheck.semantics.suggest import suggest

from .sge_directives import sge_uses

# What people bring from other schedulers, and what Grid Engine calls it.
FOREIGN = {
    "-J": "`-t` (an array) or `-N` (a name)",
    "--time": "`-l h_rt=`",
    "-W": "`-l h_rt=`",
    "-n": "`-pe NAME N`",
    "--mem": "`-l h_vmem=`",
    "--job-name": "`-N`",
    "--output": "`-o`",
    "--error": "`-e`",
    "--array": "`-t`",
}


class UnknownOption(Rule):
    """
    ## What it does
    Checks every option of the `#$` lines of a Grid Engine job against qsub's options, with a
    did-you-mean, and names the Grid Engine spelling of Slurm/PBS/LSF options (`--time`, `-J`).

    ## Why is this bad?
    qsub refuses the script before submitting: `Unable to read script file because of error:
    invalid option argument "-foo"`. A stray word (`#$ -N name extra`) gives `qsub: Unknown
    option`.

    ## Example
        #$ --time=1:00:00

    Use instead:

        #$ -l h_rt=1:00:00

    ## Fix safety
    Replacing an option with the only one a single edit away is unsafe (shown with
    `--unsafe-fixes`).
    """

    code = "JC601"
    name = "sge-unknown-option"
    severity = Severity.ERROR
    summary = "An option qsub does not know in a #$ line: qsub refuses the script"
    fix_availability = "sometimes"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _directive, option in sge_uses(script, words=True):
            if option.kind == "positional":
                yield Diagnostic(
                    option.start,
                    option.end,
                    '`%s` is not an option or a value here: qsub stops with "qsub: Unknown option"' % option.spelled,
                )
                continue
            if option.kind == "missing-value":
                yield Diagnostic(
                    option.start,
                    option.end,
                    '`%s` needs a value: qsub stops with "%s option must have '
                    'argument"' % (option.spelled, option.spelled),
                )
                continue
            if option.kind != "unknown":
                continue
            flag = option.spelled.split("=")[0]
            message = '`%s` is not a qsub option: qsub stops with "invalid option argument \\"%s\\""' % (
                flag,
                option.spelled,
            )
            if flag in FOREIGN:
                yield Diagnostic(option.start, option.end, message + "; in Grid Engine it is %s" % FOREIGN[flag])
                continue
            found = suggest(flag, sorted(OPTIONS), max_distance=1)
            if found.candidates and found.unique:
                end = option.start + len(flag)
                yield Diagnostic(
                    option.start,
                    option.end,
                    message + "; did you mean `%s`?" % found.best,
                    Fix.unsafe("use `%s`" % found.best, Edit(option.start, end, found.candidates[0])),
                )
            else:
                yield Diagnostic(option.start, option.end, message)
