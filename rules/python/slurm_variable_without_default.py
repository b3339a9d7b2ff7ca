from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity


class SlurmVariableWithoutDefault(Rule):
    """
    ## What it does
    Finds Python code that reads a `SLURM_*` variable without a default in a way that fails
    outside a Slurm job: `os.environ["SLURM_CPUS_PER_TASK"]` (KeyError) and
    `int(os.environ.get("SLURM_CPUS_PER_TASK"))` (int(None) is a TypeError).

    ## Why is this bad?
    The same script is usually tried on a laptop or a login node first, or run under `srun
    --pty` with other options; there it stops with a traceback instead of using a sensible
    default. Advice (info).

    ## Example
        #!/usr/bin/env python3
        #SBATCH --cpus-per-task=8
        import os
        workers = int(os.environ["SLURM_CPUS_PER_TASK"])

    Use instead:

        #!/usr/bin/env python3
        #SBATCH --cpus-per-task=8
        import os
        workers = int(os.environ.get("SLURM_CPUS_PER_TASK", "1"))

    ## Fix safety
    No fix: the right default depends on the program.
    """

    code = "JC403"
    name = "slurm-variable-without-default"
    severity = Severity.INFO
    summary = "A SLURM_* variable read without a default fails outside Slurm"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for code in script.python:
            for read in code.env_reads:
                if not read.name.startswith("SLURM_") or read.has_default:
                    continue
                if read.subscript:
                    yield Diagnostic(
                        read.start,
                        read.end,
                        '`os.environ["%s"]` raises KeyError outside a Slurm job; '
                        '`os.environ.get("%s", DEFAULT)` keeps the script usable elsewhere' % (read.name, read.name),
                    )
                elif read.in_int:
                    yield Diagnostic(
                        read.start,
                        read.end,
                        "outside a Slurm job this is None and `int()` raises "
                        'TypeError; give a default: `.get("%s", "1")`' % read.name,
                    )
