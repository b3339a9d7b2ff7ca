from __future__ import annotations

from jobcheck import Diagnostic, Rule, Severity

from .directives import slurm_directives


class ScriptPathFromDollarZero(Rule):
    """
    ## What it does
    Finds `$0` and `${BASH_SOURCE[0]}` in a script with `#SBATCH` lines.

    ## Why is this bad?
    sbatch copies the script into the node's spool folder and runs the copy: `$0` is
    `/var/spool/slurmd/job<ID>/slurm_script`, so `$(dirname "$0")/config.yaml` looks in the spool
    folder, not next to the script you submitted.

    ## Example
        cd "$(dirname "$0")"

    Use instead:

        cd "$SLURM_SUBMIT_DIR"

    ## Fix safety
    No fix: `$SLURM_SUBMIT_DIR` is where sbatch was run, which is not always the script's folder.
    """

    code = "JC127"
    name = "script-path-from-dollar-zero"
    severity = Severity.WARNING
    summary = "`$0` in a batch script points at sbatch's spool copy"

    def check(self, script, settings):
        if not slurm_directives(script) or ("$0" not in script.text and "{0}" not in script.text
                                             and "BASH_SOURCE" not in script.text):
            return
        for command in script.commands:
            if command.embedded:
                continue  # inside `bash -c '...'`, `$0` is that shell's own first argument
            for word in command.words + tuple(a.value for a in command.assignments):
                for part in word.params:
                    if part.value in ("0", "BASH_SOURCE"):
                        yield Diagnostic(part.start, part.end,
                                         "`%s` is the path of sbatch's copy of this script in the spool folder "
                                         "(/var/spool/slurmd/job<ID>/slurm_script), not of the file you submitted; "
                                         "use `$SLURM_SUBMIT_DIR`" % script.text[part.start:part.end])
