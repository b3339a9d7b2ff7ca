from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from ..directive_templates import is_template
from ..workdir import first_relative_use
from .pbs_directives import pbs_uses, resources

SLURM_VARIABLE_RE = lazy(r"^[^#\n]*\$\{?SLURM_[A-Z_]+", re.MULTILINE)


class JobStartsInHome(Rule):
    """
    ## What it does
    In a PBS job, finds the first relative path the script relies on (`./run.sh`,
    `python train.py`, `> results/out.txt`) before any `cd`, when the job sets no working
    directory (Torque's `-d`/`-w`, NCI's `-l wd`).

    ## Why is this bad?
    PBS starts the job in your home directory, not in the folder you ran qsub from: the
    relative path is looked for in `$HOME` and the job fails with "No such file or directory".
    The folder qsub ran in is `$PBS_O_WORKDIR`. It is opt-in info: a job submitted from `$HOME`
    itself, or meaning a path under `$HOME` (`./miniconda3/bin/python`), works, and sites
    differ (NCI's `-l wd`, sites whose hooks start jobs in the submission folder, as NCAR's
    scripts evidently rely on); on real scripts it was right too rarely to be on by default.
    Templates, function bodies (they run when called) and scripts that read `$SLURM_*` (sbatch
    runs them, in the submit folder) are left alone.

    ## Example
        #PBS -l walltime=01:00:00
        python train.py

    Use instead:

        #PBS -l walltime=01:00:00
        cd "$PBS_O_WORKDIR"
        python train.py

    ## Fix safety
    Inserting `cd "$PBS_O_WORKDIR"` after the header is unsafe: it changes where every later
    command runs.
    """

    code = "JC716"
    schedulers = ("pbs",)
    name = "pbs-job-starts-in-home"
    severity = Severity.INFO
    opt_in = True
    summary = "A relative path before any cd in a PBS job, which starts in $HOME"
    fix_availability = "always"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if script.scheduler != "pbs" or is_template(script) or SLURM_VARIABLE_RE.search(script.text):
            return  # a template's paths are not final; `$SLURM_JOB_ID` means sbatch runs it, in the submit folder
        if any(o.spelled in ("-d", "-w") for _, o in pbs_uses(script, words=True)):
            return
        if any(
            key == "wd"
            for _, o in pbs_uses(script, words=True)
            if o.spelled == "-l"
            for key, _, _, _ in resources(script, o)
        ):
            return  # NCI Gadi's `-l wd`: the job starts in the folder qsub ran in
        found = first_relative_use(script)
        if found is None:
            return
        start, end, what = found
        at = script.pbs_header_end
        yield Diagnostic(
            start,
            end,
            "%s is relative, and a PBS job starts in $HOME, not where qsub ran: unless "
            'it is submitted from $HOME, add `cd "$PBS_O_WORKDIR"` before it' % what,
            Fix.unsafe(
                'add `cd "$PBS_O_WORKDIR"` after the header',
                Edit.insert(at, 'cd "$PBS_O_WORKDIR"' + script.source.newline),
            ),
        )
