from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.suggest import suggest

from ..crosscheck.slurm_variables import PATTERNED, SLURM_VARIABLES


class PythonUnknownSlurmVariable(Rule):
    """
    ## What it does
    Finds `os.environ["SLURM_..."]`, `os.environ.get("SLURM_...")` and `os.getenv("SLURM_...")`
    naming a variable Slurm never sets, with a did-you-mean from the variables Slurm does set.

    ## Why is this bad?
    The variable is never there: `os.environ[...]` raises KeyError when the job starts, `.get()`
    silently returns the default, so every array task processes shard 0.

    ## Example
        #!/usr/bin/env python3
        #SBATCH --array=1-10
        import os
        task = int(os.environ["SLURM_ARRAY_TASKID"])

    Use instead:

        #!/usr/bin/env python3
        #SBATCH --array=1-10
        import os
        task = int(os.environ["SLURM_ARRAY_TASK_ID"])

    ## Fix safety
    Renaming to the only variable one edit away is safe; otherwise there is no fix.
    """

    code = "JC402"
    name = "python-unknown-slurm-variable"
    severity = Severity.WARNING
    summary = "Python code reads a $SLURM_ variable Slurm never sets"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for code in script.python:
            for read in code.env_reads:
                name = read.name
                if not name.startswith("SLURM_") or name in SLURM_VARIABLES or PATTERNED.match(name):
                    continue
                found = suggest(name, SLURM_VARIABLES, max_distance=2)
                if not found.candidates:
                    continue
                message = "Slurm never sets `%s`, so this %s; did you mean %s?" % (
                    name,
                    "raises KeyError" if read.subscript and not read.has_default else "gets the default",
                    " or ".join("`%s`" % c for c in found.candidates),
                )
                fix = None
                quoted = script.text[read.name_start : read.name_end]
                if found.unique and found.distance == 1 and quoted[1:-1] == name:
                    best = found.candidates[0]
                    fix = Fix.safe("use `%s`" % best, Edit(read.name_start + 1, read.name_end - 1, best))
                yield Diagnostic(read.name_start, read.name_end, message, fix)
