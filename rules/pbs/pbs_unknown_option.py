from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from .pbs_directives import pbs_uses, pbspro_fact_severity
from .trailing_words import dropped, refusers, trailing_comment

# What people bring from Slurm, LSF or Grid Engine, and what PBS calls it.
FOREIGN = {
    "--time": "`-l walltime=`",
    "--mem": "`-l mem=` (Torque) or `-l select=1:mem=` (PBS Pro)",
    "--job-name": "`-N`",
    "--output": "`-o`",
    "--error": "`-e`",
    "--array": "`-J` (PBS Pro) or `-t` (Torque)",
    "--nodes": "`-l select=N` (PBS Pro) or `-l nodes=N` (Torque)",
    "--ntasks": "`-l select=1:ncpus=N` or `-l nodes=1:ppn=N`",
    "--cpus-per-task": "`ncpus=` in `-l select=` (PBS Pro) or `ppn=` (Torque)",
    "--partition": "`-q`",
    "--account": "`-A`",
    "--mail-type": "`-m`",
    "--mail-user": "`-M`",
    "--gres": "`ngpus=` (PBS Pro) or `gpus=` (Torque)",
    "-cwd": '`cd "$PBS_O_WORKDIR"` in the script',
    "-pe": "`-l select=1:ncpus=N` or `-l nodes=1:ppn=N`",
}


class UnknownOption(Rule):
    """
    ## What it does
    Checks the words of every `#PBS` line qsub reads the way its getopt does: options neither
    PBS Pro nor Torque has, options without their value, unmatched quotes (errors everywhere),
    and words after the options (one finding per line: an error when the scheduler setting is
    `pbspro`, a warning when the flavour is open or only inferred from the job, nothing for a
    Torque job). Slurm, LSF and Grid Engine spellings (`--time`, `-cwd`, `-pe`) get the PBS
    equivalent. Lines with a template placeholder (`-N {{ name }}`) are JC312's.

    ## Why is this bad?
    qsub refuses the whole submission: `qsub: directive error: <the line's words>` (an unmatched
    quote: `qsub: unmatched`). Stray words are refused by PBS Pro/OpenPBS and Torque before 4;
    Torque 4 and later drop them silently (its getopt moves them to the end), so on Torque
    `-N my run` names the job `my`.

    ## Example
        #PBS --time=01:00:00
        #PBS -l walltime=1:00:00 extra

    Use instead:

        #PBS -l walltime=01:00:00

    ## Fix safety
    No fix.
    """

    code = "JC701"
    name = "pbs-unknown-option"
    severity = Severity.ERROR
    summary = "A word in a #PBS line qsub's getopt refuses: the submission fails with 'directive error'"
    languages = ("shell", "python")
    schedulers = ("pbs",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for directive in {d.start: d for d, _ in pbs_uses(script, words=True)}.values():
            if directive.error:
                last = directive.tokens[-1]
                yield Diagnostic(
                    last.start,
                    directive.end,
                    'an unmatched `%s` in a #PBS line: qsub stops with "qsub: unmatched"' % directive.error[-1],
                )
            comment = trailing_comment(directive)
            words = " ".join(t.text for t in directive.tokens)
            stray = []
            for option in directive.options:
                if comment is not None and option.start >= comment.start:
                    break
                if option.kind == "positional":
                    stray.append(option)
                elif option.kind == "missing-value":
                    yield Diagnostic(
                        option.start,
                        option.end,
                        '`%s` needs a value: qsub stops with "qsub: directive error: %s"' % (option.spelled, words),
                    )
                elif option.kind == "unknown":
                    flag = option.spelled.split("=")[0]
                    message = (
                        '`%s` is not a qsub option (PBS Pro or Torque): qsub stops with "qsub: directive '
                        'error: %s"' % (flag, words)
                    )
                    if flag in FOREIGN:
                        message += "; in PBS it is %s" % FOREIGN[flag]
                    yield Diagnostic(option.start, option.end, message)
            severity = pbspro_fact_severity(script) if stray else None
            if severity is not None:
                text = script.text[stray[0].start : stray[-1].end]
                yield Diagnostic(
                    stray[0].start,
                    stray[-1].end,
                    '`%s` is not an option or a value: %s ("qsub: '
                    'directive error")%s' % (text, refusers(script), dropped(script)),
                    severity=severity,
                )
