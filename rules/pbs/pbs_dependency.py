from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from .pbs_directives import pbs_uses, value_span

DEPEND_TYPES = (
    "after",
    "afterok",
    "afternotok",
    "afterany",
    "before",
    "beforeok",
    "beforenotok",
    "beforeany",
    "on",
    "synccount",
    "syncwith",
    "afterstartarray",
    "afterokarray",
    "afternotokarray",
    "afteranyarray",
    "beforestartarray",
    "beforeokarray",
    "beforenotokarray",
    "beforeanyarray",
    "runone",
)


class Dependency(Rule):
    """
    ## What it does
    Checks `-W depend=type:jobid[:jobid...][,type:...]`: the dependency type, and job ids that
    are shell variables.

    ## Why is this bad?
    An unknown type makes qsub refuse the job ("illegal -W value"). qsub does not expand
    variables in directives: `depend=afterok:$PREV` names a job called `$PREV`, which does not
    exist, so the server deletes the job after queueing it (and mails you).

    ## Example
        #PBS -W depend=afterok:$PREV

    Use instead: the dependency on the command line (the shell expands it there):

        qsub -W depend=afterok:"$PREV" job.sh

    ## Fix safety
    No fix.
    """

    code = "JC714"
    name = "pbs-dependency"
    severity = Severity.ERROR
    summary = "A -W depend= type PBS does not have, or a job id that is a shell variable"
    languages = ("shell", "python")
    schedulers = ("pbs",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _, option in pbs_uses(script):
            if option.spelled != "-W" or option.kind != "option" or not option.value:
                continue
            for item in _depend_items(option.value):
                kind, _, ids = item.partition(":")
                span = value_span(option)
                if kind not in DEPEND_TYPES:
                    yield Diagnostic(
                        *span,
                        "`depend=%s`: `%s` is not a PBS dependency type (afterok, afternotok, "
                        'afterany, after, before..., on): qsub stops with "illegal -W value"' % (item, kind),
                    )
                elif not ids:
                    yield Diagnostic(*span, "`depend=%s` names no job" % item)
                elif "$" in ids or "`" in ids:
                    yield Diagnostic(
                        *span,
                        "`depend=%s`: qsub does not expand variables in #PBS lines, so the job "
                        "waits for a job literally named `%s`, and the server deletes it; pass "
                        "`-W depend=...` on the qsub command line" % (item, ids),
                    )


def _depend_items(value: str):
    for part in value.split(","):
        key, eq, rest = part.partition("=")
        if eq and key == "depend":
            yield rest
        elif not eq and ":" in part and part.split(":")[0].isalpha():
            yield part  # a further type of the same depend= list
