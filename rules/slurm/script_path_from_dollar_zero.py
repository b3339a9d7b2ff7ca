from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy
from jobcheck.semantics.sbatch_header import slurm_directives

# Commands that turn the script's own path into the folder it sits in (or follow it there).
PATH_COMMANDS = frozenset(("dirname", "readlink", "realpath", "cd", "pushd", "source", "."))
# `${0%/*}`, `${BASH_SOURCE[0]%/*}`: the folder part of the path, without `dirname`.
FOLDER_EXPANSION_RE = lazy(r"^\$\{(?:0|BASH_SOURCE(?:\[0\])?)%")
# The script tells a batch run from a direct one: it tests a Slurm variable or knows the spool path.
GUARD_RE = lazy(
    r"-[nz]\s+\"?\$\{?SLURM_|\$\{SLURM_SUBMIT_DIR:?[-=+]|/var/spool|slurm_script"
    r"|\$\{?SLURM_(?:JOB_?ID|SUBMIT_DIR)\}?\"?\s*(?:==?|!=)|\b[A-Za-z_]\w*=[\"']?\$\{?SLURM_SUBMIT_DIR\b"
)


class ScriptPathFromDollarZero(Rule):
    """
    ## What it does
    Finds `$0` and `${BASH_SOURCE[0]}` used to find the script's folder in a script with
    `#SBATCH` lines: as the argument of `dirname`, `readlink`, `realpath`, `cd` or `source`, or
    cut to its folder with `${0%/*}`.

    ## Why is this bad?
    sbatch copies the script into the node's spool folder and runs the copy: `$0` is
    `/var/spool/slurmd/job<ID>/slurm_script`, so `$(dirname "$0")/config.yaml` looks in the spool
    folder, not next to the script you submitted.

    Not reported: `$0` in messages (`usage: $0 ...`), `cat $0`, `cp $0 run.sh` or `grep ... $0`
    (the spool copy has the same text), a script that submits itself (`sbatch ... "$0"`: it is
    run directly first), and a script that tells a batch run from a direct one (tests
    `$SLURM_SUBMIT_DIR`/`$SLURM_JOB_ID`, uses `${SLURM_SUBMIT_DIR:-...}`, sets a folder variable
    from `$SLURM_SUBMIT_DIR` in one branch, or knows the spool path).

    ## Example
        #!/bin/bash
        #SBATCH --time=10
        cd "$(dirname "$0")"

    Use instead:

        #!/bin/bash
        #SBATCH --time=10
        cd "$SLURM_SUBMIT_DIR"

    ## Fix safety
    No fix: `$SLURM_SUBMIT_DIR` is where sbatch was run, which is not always the script's folder.
    """

    code = "JC127"
    name = "script-path-from-dollar-zero"
    severity = Severity.WARNING
    summary = "The script's folder found from `$0`/BASH_SOURCE: in a batch job that is sbatch's spool folder"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        text = script.text
        if not any(d.in_header for d in slurm_directives(script)):
            return
        if "$0" not in text and "{0" not in text and "BASH_SOURCE" not in text:
            return
        if GUARD_RE.search(text):
            return
        commands = [c for c in script.commands if not c.embedded]  # in `bash -c '...'`, `$0` is that shell's
        if any(_name(c) == "sbatch" and any(_own_path(p) for w in c.words for p in w.params) for c in commands):
            return  # submits itself: run directly (where `$0` is the real path) before it is a batch job
        for command in commands:
            path_command = _name(command) in PATH_COMMANDS
            for word in command.words[1:] + tuple(a.value for a in command.assignments):
                for part in word.params:
                    if not _own_path(part):
                        continue
                    written = text[part.start : part.end]
                    if path_command or FOLDER_EXPANSION_RE.match(written):
                        yield Diagnostic(
                            part.start,
                            part.end,
                            "`%s` comes from the path of sbatch's copy of this script "
                            "(/var/spool/slurmd/job<ID>/slurm_script): the folder found from it is the "
                            "spool folder, not the one you submitted from; use `$SLURM_SUBMIT_DIR`" % written,
                        )


def _own_path(part) -> bool:
    return part.value in ("0", "BASH_SOURCE")


def _name(command) -> str | None:
    return command.words[0].value if command.words else None
