from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.lsf_directives import option_table
from jobcheck.semantics.suggest import suggest

from .lsf_directives import lsf_uses

# What people bring from Slurm, PBS or Grid Engine, and what bsub calls it.
FOREIGN = {
    "--time": "`-W [HH:]MM`",
    "--mem": '`-M 4GB` (and `-R "rusage[mem=4GB]"`)',
    "--job-name": "`-J`",
    "--output": "`-o`",
    "--error": "`-e`",
    "--array": '`-J "name[1-10]"`',
    "--ntasks": "`-n`",
    "--nodes": '`-R "span[ptile=N]"` with `-n`',
    "--partition": "`-q`",
    "--account": "`-P`",
    "--gres": '`-gpu "num=N"`',
    "--gpus": '`-gpu "num=N"`',
    "-l": "`-W`, `-M` or `-R`",
    "-N": "`-J` (a name)",
    "-pe": '`-n N -R "span[hosts=1]"`',
    "-t": '`-J "name[1-10]"` (an array)',
    "-A": "`-P` (a project)",
}


class UnknownOption(Rule):
    """
    ## What it does
    Checks every word of the `#BSUB` lines bsub reads against bsub's options (IBM Spectrum
    LSF 10.1), with a did-you-mean; names the LSF spelling of Slurm, PBS and Grid Engine
    options; finds options without their value, stray words and unmatched quotes.

    ## Why is this bad?
    bsub refuses the job with its usage message for an option it does not know, or one without
    its value. A word that is not an option ends bsub's reading of the embedded options (the
    `#BSUB` lines are read as one argument list, and its getopt stops at the first non-option,
    as openlava's `my_getopt` does): every option after it, on that line and on the later
    `#BSUB` lines, is silently ignored. That is a warning, and only where options follow (IBM's
    own parser is closed source).

    ## Example
        #BSUB -cwdd /scratch/run
        #BSUB --time=60

    Use instead:

        #BSUB -cwd /scratch/run
        #BSUB -W 60

    ## Fix safety
    Replacing an option with the only one a single edit away is unsafe.
    """

    code = "JC801"
    name = "lsf-unknown-option"
    severity = Severity.ERROR
    summary = "A word in a #BSUB line that is not a bsub option or its value"
    fix_availability = "sometimes"
    languages = ("shell", "python")
    schedulers = ("lsf",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        flags = sorted(option_table())
        uses = lsf_uses(script, words=True)
        for directive in {d.start: d for d, _ in uses}.values():
            if directive.error:
                last = directive.tokens[-1]
                yield Diagnostic(last.start, directive.end, "an unmatched `%s` in a #BSUB line" % directive.error[-1])
            after_unknown = False
            for option in directive.options:
                if option.kind == "positional" and after_unknown:
                    after_unknown = False
                    continue  # most likely the value of the unknown option just reported
                after_unknown = option.kind == "unknown"
                if option.kind == "positional":
                    lost = [o for _, o in uses if o.start > option.start and o.kind != "positional"]
                    if lost:
                        yield Diagnostic(
                            option.start,
                            option.end,
                            "`%s` is not an option or a value: bsub stops "
                            "reading #BSUB options at it, so the %d after it (from `%s` on) are "
                            "silently ignored" % (option.spelled, len(lost), lost[0].spelled),
                            severity=Severity.WARNING,
                        )
                    break  # the rest of the line is not read as options
                elif option.kind == "missing-value":
                    yield Diagnostic(option.start, option.end, "`%s` needs a value" % option.spelled)
                elif option.kind == "unknown":
                    flag = option.spelled.split("=")[0]
                    message = "`%s` is not a bsub option: bsub refuses the job" % flag
                    if flag in FOREIGN:
                        yield Diagnostic(option.start, option.end, message + "; in LSF it is %s" % FOREIGN[flag])
                        continue
                    found = suggest(flag, flags, max_distance=1)
                    if found.candidates and found.unique:
                        yield Diagnostic(
                            option.start,
                            option.end,
                            message + "; did you mean `%s`?" % found.best,
                            Fix.unsafe(
                                "use `%s`" % found.best,
                                Edit(option.start, option.start + len(flag), found.candidates[0]),
                            ),
                        )
                    else:
                        yield Diagnostic(option.start, option.end, message)
