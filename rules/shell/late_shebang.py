from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

SHEBANG_LINE = lazy(r"^#![ \t]*(/\S+)([^\n]*)$", re.MULTILINE)
# What runs a job whose first line is not `#!`, per scheduler, and the interpreters that are
# that shell anyway (for them a late `#!` changes nothing worth a finding).
DEFAULT_SHELL = {
    "pbs": ("the login shell of the job's user (bash for most)", ("bash", "sh")),
    "lsf": ("/bin/sh", ("sh", "bash")),  # /bin/sh is bash on the RHEL-family systems LSF runs on
}
# Not Grid Engine: by default (shell_start_mode posix_compliant) it ignores `#!` on any line and
# runs the queue's shell; JC609 reports an interpreter that needs `#$ -S`.
# Directives that choose the shell themselves.
SHELL_OPTIONS = {"pbs": ("-S",), "lsf": ("-L",)}


class LateShebang(Rule):
    """
    ## What it does
    Finds a `#!` line that is not the first line of a PBS or LSF job, with only
    comments or blank lines before it (a banner, a usage note), where the job's default shell
    is not that interpreter anyway.

    ## Why is this bad?
    Only a `#!` on line 1 names the interpreter; further down it is a comment. The job then runs
    under the scheduler's default: `/bin/sh` for LSF, the user's login shell for PBS. csh
    syntax fails under them (`setenv: command not found`), and a Python job script is run by a
    shell. (Grid Engine ignores `#!` on any line by default: JC609.)

    ## Example
        # Run the pipeline (usage: qsub run.csh)
        #!/bin/csh
        #PBS -l walltime=1:00:00
        setenv DATA /scratch/data

    Use instead:

        #!/bin/csh
        # Run the pipeline (usage: qsub run.csh)
        #PBS -l walltime=1:00:00
        setenv DATA /scratch/data

    ## Fix safety
    Moving the line to the top is unsafe: the job then runs under another shell than before.

    Quiet when a directive chooses the shell (`#PBS -S`, `#BSUB -L`), and for an
    interpreter that is the default anyway, or nearly: bash or sh in PBS and LSF (whose /bin/sh is
    bash on the RHEL-family systems it runs on).
    """

    code = "JC017"
    name = "late-shebang"
    severity = Severity.INFO
    summary = "`#!` below line 1 of a PBS or LSF job is a comment: the job runs under the default shell"
    fix_availability = "always"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if script.scheduler not in DEFAULT_SHELL or not script.scheduler_directives:
            return
        text = script.text
        if text.startswith("#!") or any(
            o.spelled in SHELL_OPTIONS[script.scheduler] for d in script.scheduler_directives for o in d.options
        ):
            return
        m = SHEBANG_LINE.search(text)
        if m is None or not _only_comments(text[: m.start()]):
            return
        default, same = DEFAULT_SHELL[script.scheduler]
        interpreter = m.group(1).rpartition("/")[2]
        if interpreter == "env":
            interpreter = (m.group(2).split() or ["env"])[0]
        if interpreter in same:
            return
        line = script.source.position(m.start()).line
        end = m.end() + 1 if text[m.end() : m.end() + 1] == "\n" else m.end()
        yield Diagnostic(
            m.start(),
            m.end(),
            "only a `#!` on line 1 names the interpreter; on line %d it is a comment, "
            "so %s runs this job with %s, not `%s`; move it to the first line"
            % (line, _scheduler(script), default, m.group(0).rstrip("\r")),
            fix=Fix.unsafe(
                "move the `#!` line to line 1", Edit.insert(0, text[m.start() : end]), Edit.delete(m.start(), end)
            ),
        )


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _scheduler(script) -> str:
    return {"pbs": "PBS", "lsf": "LSF"}[script.scheduler]
