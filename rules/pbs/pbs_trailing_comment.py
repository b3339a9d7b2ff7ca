from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity

from .pbs_directives import pbs_uses, pbspro_fact_severity
from .trailing_words import dropped, refusers, trailing_comment


class TrailingComment(Rule):
    """
    ## What it does
    Finds a comment written after the options of a `#PBS` line: an error when the scheduler
    setting is `pbspro`, a warning when the flavour is open or only inferred from the job
    (`select=`, `-J`, `place=`), nothing for a Torque job (`nodes=N:ppn=M`, `-t`, `-d`, `procs=`,
    or the setting `torque`).

    ## Why is this bad?
    PBS directives have no comment syntax: `#PBS -N run # the test run` hands qsub the words
    `#`, `the`, `test`, `run` as stray arguments. PBS Pro/OpenPBS and Torque before 4 refuse
    the whole submission with `qsub: directive error`; Torque 4 and later drop the words (so the
    comment works there, and the script breaks when it moves to PBS Pro).

    ## Example
        #PBS -l walltime=02:00:00  # two hours

    Use instead:

        # two hours
        #PBS -l walltime=02:00:00

    ## Fix safety
    Moving the comment to a line of its own above the directive is safe (a comment line does
    not end the header). No fix when the comment itself holds `PBS` right after its `#`.
    """

    code = "JC702"
    name = "pbs-trailing-comment"
    severity = Severity.ERROR
    summary = "A comment after the options of a #PBS line: PBS Pro's qsub fails with 'directive error'"
    fix_availability = "sometimes"
    languages = ("shell", "python")
    schedulers = ("pbs",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        severity = pbspro_fact_severity(script)
        if severity is None:
            return
        text = script.text
        for directive in {d.start: d for d, _ in pbs_uses(script, words=True)}.values():
            comment = trailing_comment(directive)
            if comment is None or directive.error:
                continue
            cut = comment.start
            while cut > directive.start and text[cut - 1] in " \t":
                cut -= 1
            note = text[comment.start : directive.end]
            fix = None
            if "\n" not in note and not note.lstrip("#").lstrip().startswith("PBS"):
                fix = Fix.safe(
                    "move the comment to its own line above",
                    Edit.insert(directive.start, note + script.source.newline),
                    Edit.delete(cut, directive.end),
                )
            yield Diagnostic(
                comment.start,
                directive.end,
                "PBS directives have no comments: `%s` is more words, and "
                '%s ("qsub: directive error")%s' % (note.replace("\n", " "), refusers(script), dropped(script)),
                fix,
                severity=severity,
            )
