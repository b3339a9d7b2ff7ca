from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity

from .failure_handling import is_guarded, top_level_without_errexit

# Commands that are a step of the job's work (their failure should stop the next step).
STEPS = frozenset(
    """
srun mpirun mpiexec torchrun accelerate deepspeed python python2 python3 Rscript julia matlab octave java
apptainer singularity docker podman enroot make cmake ninja
""".split()
)


class NoErrexit(Rule):
    """
    ## What it does
    Finds a job that runs several steps (`srun`, `python`, `apptainer`, `mpirun`, ...) one
    after the other with no `set -e` (nor `set -o errexit`, `#!/bin/bash -e`, an `ERR` trap) and
    no `||`/`&&` on the steps. Opt-in: turn it on with `extend-select = ["JC012"]`.

    ## Why is this bad?
    Without `set -e` a failed step does not stop the script: the next step runs on missing or
    partial input, and the job's exit status is the last command's, so a job whose training
    crashed can end "COMPLETED" after its clean-up step.

    ## Example
        #!/bin/bash
        #SBATCH --time=2:00:00
        python preprocess.py
        srun python train.py

    Use instead:

        #!/bin/bash
        #SBATCH --time=2:00:00
        set -e
        python preprocess.py
        srun python train.py

    ## Fix safety
    Inserting `set -e` before the first command is unsafe: commands that fail harmlessly
    (a `grep` that finds nothing) then stop the job.
    """

    code = "JC012"
    name = "no-errexit"
    severity = Severity.INFO
    summary = "Several dependent steps and no `set -e`: a failed step does not stop the job"
    fix_availability = "always"
    opt_in = True

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        commands = top_level_without_errexit(script)
        steps = [c for c in commands if c.basename in STEPS and not is_guarded(script, c)]
        if len(steps) < 2:
            return
        first, second = steps[0], steps[1]
        first_line = script.source.position(first.start).line
        start_of_first = script.text.rfind("\n", 0, commands[0].start) + 1
        yield Diagnostic(
            second.words[0].start,
            second.words[0].end,
            "this step runs even when the step on line %d failed (no `set -e`), and the job's exit "
            "status is only the last command's" % first_line,
            fix=Fix.unsafe("insert `set -e` before the first command", Edit.insert(start_of_first, "set -e\n")),
        )
