from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

SUBMITTERS = frozenset({"sbatch", "qsub", "bsub"})
WRITERS = frozenset({"cat", "tee"})
# `$SLURM_JOB_ID`, `${PBS_ARRAY_INDEX}`, `$LSB_JOBINDEX`, `$SGE_TASK_ID`: set only inside a job.
JOB_VARIABLE = lazy(r"\$\{?((?:SLURM|PBS|LSB)_[A-Za-z0-9_]+|SGE_TASK_ID|SGE_TASK_FIRST|SGE_TASK_LAST)")
# A line of a generated job script that its scheduler reads as a directive.
DIRECTIVE_LINE = lazy(r"^[ \t]*#(SBATCH|PBS|BSUB)[ \t]|^#\$[ \t]+-", re.MULTILINE)


class SubmitTimeExpansion(Rule):
    """
    ## What it does
    Finds `$SLURM_...`, `$PBS_...`, `$LSB_...` and `$SGE_TASK_ID` in the body of an *unquoted*
    heredoc that is a job script: fed to `sbatch`/`qsub`/`bsub` (`sbatch <<EOF`), or written to a
    file by `cat`/`tee` when it carries `#SBATCH`/`#PBS`/`#BSUB`/`#$` lines. Only in a script that
    is not itself a batch job (a driver run on the login node).

    ## Why is this bad?
    In an unquoted heredoc the shell expands `$NAME` when the *outer* script runs, on the login
    node, before the scheduler ever sees the text. There the job's variables are not set, so the
    job gets an empty string: `--task $SLURM_ARRAY_TASK_ID` becomes `--task `, `cd $PBS_O_WORKDIR`
    becomes `cd` (the home folder).

    ## Example
        sbatch <<EOF
        #!/bin/bash
        #SBATCH --array=1-10
        python run.py --task $SLURM_ARRAY_TASK_ID
        EOF

    Use instead:

        python run.py --task \\$SLURM_ARRAY_TASK_ID

    (or quote the tag, `<<'EOF'`, when nothing in the body is meant to expand at submit time).

    ## Fix safety
    Escaping the `$` is safe: outside a job the variable is empty, so no author means it to
    expand there.
    """

    code = "JC013"
    name = "submit-time-expansion"
    severity = Severity.WARNING
    summary = "A job's own variable in an unquoted heredoc job script expands at submit time"
    fix_availability = "always"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        heredocs = [
            (command, heredoc)
            for command in script.commands
            for heredoc in command.heredocs
            if not heredoc.quoted and _writes_a_job(script, command, heredoc)
        ]
        if not heredocs or _is_a_job(script):
            return
        known = {a.name for a in script.assignments} | _read_outside(script)
        text = script.text
        for command, heredoc in heredocs:
            body = text[heredoc.body_start : heredoc.body_end]
            for m in JOB_VARIABLE.finditer(body):
                name = m.group(1)
                if name in known or _escaped(body, m.start()):
                    continue
                start = heredoc.body_start + m.start()
                end = start + len(m.group(0)) + (1 if m.group(0).startswith("${") else 0)
                yield Diagnostic(
                    start,
                    end,
                    "`%s` in this unquoted `<<%s` heredoc expands when this script runs "
                    "(on the login node, where it is empty), not in the job %s; write `\\%s` or quote "
                    "the tag (`<<'%s'`)"
                    % (text[start:end], heredoc.tag, _submitted(command), text[start:end], heredoc.tag),
                    fix=Fix.safe("escape the `$`", Edit.insert(start, "\\")),
                )


def _submitted(command) -> str:
    return "`%s` submits" % command.basename if command.basename in SUBMITTERS else "it writes"


def _read_outside(script) -> set[str]:
    """Names this script itself reads outside its heredoc bodies: a driver that tests
    `$PBS_QUEUE` expects it set where it runs (a setting of its own, or an allocation)."""
    bodies = [(h.body_start, h.body_end) for h in script.heredocs]
    names: set[str] = set()
    for command in script.commands:
        for word in command.words + tuple(a.value for a in command.assignments):
            if "$" in word.text and not any(start <= word.start < end for start, end in bodies):
                names.update(part.value for part in word.params)
    return names


def _writes_a_job(script, command, heredoc) -> bool:
    if command.basename in SUBMITTERS:
        return True
    return command.basename in WRITERS and bool(
        DIRECTIVE_LINE.search(script.text, heredoc.body_start, heredoc.body_end)
    )


def _escaped(body: str, at: int) -> bool:
    backslashes = 0
    while at - backslashes > 0 and body[at - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _is_a_job(script) -> bool:
    """The script carries directives of its own (outside every heredoc body): then `$SLURM_JOB_ID`
    in a script it submits may well mean this job's id (a dependency, a parent's array index)."""
    bodies = [(h.body_start, h.body_end) for h in script.heredocs]
    lines = script.directives + script.pbs_directives + script.lsf_directives + script.sge_directives
    return any(not any(start <= d.start < end for start, end in bodies) for d in lines)
