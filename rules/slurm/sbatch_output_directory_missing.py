from __future__ import annotations

import os
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sbatch_header import components, effective


class OutputDirectoryMissing(Rule):
    """
    ## What it does
    Checks that the folder of a relative `--output`, `--error` or `--input` path exists next to
    the script (where jobs are usually submitted from).

    ## Why is this bad?
    Slurm opens the output file before the script starts. If its folder does not exist, the
    job fails at launch (`JobLaunchFailure`) and writes no log anywhere; a `mkdir -p logs` in
    the script comes too late.

    Opt-in, and info when selected (`--select JC128`): the path is relative to the folder
    sbatch runs in, which jobcheck cannot know (a driver script or a README may `cd` elsewhere
    first, or `mkdir -p logs` before submitting), and a `logs/` folder is usually kept out of
    version control, so a fresh checkout lacks it even where every submission works. Judged on
    real scripts, it was right too rarely to be on by default; turn it on where scripts are
    checked in the folder they are submitted from.

    ## Example
    In a folder with no `logs/` folder:

        #!/bin/bash
        #SBATCH --output=logs/%x-%j.out

    Use instead: create `logs/` before submitting (`mkdir -p logs && sbatch job.sh`), or write
    the log next to the script:

        #!/bin/bash
        #SBATCH --output=%x-%j.out

    ## Fix safety
    No fix.
    """

    code = "JC128"
    name = "sbatch-output-directory-missing"
    severity = Severity.INFO
    opt_in = True  # where sbatch runs, and what exists there, is unknown when linting a file
    summary = "The folder of a relative --output/--error path does not exist next to the script"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if script.path in ("-", "") or not os.path.isfile(script.path):
            return
        base = os.path.dirname(os.path.abspath(script.path))
        for component in components(script):
            options = effective(script, component)
            if "chdir" in options:
                continue
            for name in ("output", "error", "input"):
                use = options.get(name)
                if use is None or not use.value or "$" in use.value or use.value.startswith(("/", "~")):
                    continue
                folder = os.path.dirname(use.value)
                if folder and "%" not in folder and not os.path.isdir(os.path.join(base, folder)):
                    yield Diagnostic(
                        *use.value_span,
                        "there is no folder `%s` next to this script: if the job is submitted from "
                        "here, Slurm cannot open `%s` and the job fails at launch with no log (a `mkdir` "
                        "in the script runs too late)" % (folder, use.value),
                    )
