from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity

from .failure_handling import is_guarded, top_level_without_errexit

# Commands that write files (or run programs that do) in the current folder.
WRITERS = frozenset(
    """
rm mv cp ln mkdir touch tar gzip gunzip zip unzip rsync dd tee wget curl git make cmake ninja
python python2 python3 Rscript julia matlab octave java perl ruby node srun mpirun mpiexec torchrun
accelerate deepspeed apptainer singularity docker podman enroot sed awk sort
""".split()
)


class UncheckedCd(Rule):
    """
    ## What it does
    Finds a `cd` (or `pushd`) whose failure nothing handles, followed by commands that write
    files, in a script without `set -e`. Opt-in: turn it on with `extend-select = ["JC011"]`.

    ## Why is this bad?
    When the folder is missing (a typo, scratch purged, a filesystem not mounted on the compute
    node) `cd` fails, the script goes on in the folder it started in (the submit directory), and
    the job writes its outputs there, or `rm`s there. It usually ends "COMPLETED".

    ## Example
        cd /scratch/$USER/run42
        rm -rf old_outputs

    Use instead:

        cd /scratch/$USER/run42 || exit 1

    ## Fix safety
    Appending `|| exit 1` is unsafe: the job now stops where it used to go on.
    """

    code = "JC011"
    name = "unchecked-cd"
    severity = Severity.INFO
    summary = "`cd` can fail and the script goes on in the wrong folder"
    fix_availability = "always"
    opt_in = True

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        commands = top_level_without_errexit(script)
        for index, command in enumerate(commands):
            if command.basename not in ("cd", "pushd") or not command.args or is_guarded(script, command):
                continue
            if command.args[0].text in ("-", "~", "$HOME", '"$HOME"'):
                continue
            later = [c for c in commands[index + 1 :] if c.basename in WRITERS or _writes(c)]
            if not later:
                continue
            line = script.source.position(later[0].start).line
            yield Diagnostic(
                command.start,
                command.end,
                "if this `%s` fails the script goes on in the folder it "
                "started in, and line %d writes there; add `|| exit 1`" % (command.basename, line),
                fix=Fix.unsafe("append `|| exit 1`", Edit.insert(command.end, " || exit 1")),
            )


def _writes(command) -> bool:
    return any(redirect.op.lstrip("0123456789&") in (">", ">>", ">|") for redirect in command.redirects)
