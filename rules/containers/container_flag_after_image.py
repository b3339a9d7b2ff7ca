from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls, describe
from jobcheck.semantics.containers import leading_flags

from .flag_removal import removal_span

ACTION_COMMANDS = ("exec", "run", "shell", "test", "instance start", "instance run")


class FlagAfterImage(Rule):
    """
    ## What it does
    Finds apptainer/singularity flags written after the image, where apptainer no longer reads
    flags (`apptainer exec image.sif --nv python train.py`).

    ## Why is this bad?
    Apptainer stops reading its own flags at the image. With `exec`, the first word after the
    image is the program to run, so `--nv` is taken as a program name and the job dies; with
    `run`, the flags reach the image's runscript instead of apptainer and are silently lost.

    ## Example
        apptainer exec image.sif --nv --bind /data python train.py

    Use instead:

        apptainer exec --nv --bind /data image.sif python train.py

    ## Fix safety
    Moving the flags before the image is safe for `exec` (the line cannot work as written) and
    unsafe for `run` and `test` (the runscript might take the same flags).

    With `run` and `test` the words after the image are the runscript's: only long flags that
    make sense to apptainer alone (`--nv`, `--bind`, `--overlay`, `--cleanenv`, ...) are reported
    there, since a runscript may well take `-i` or `-w` of its own. An unquoted `$VAR` at the
    image position may hold flags and the image together: the call is not checked.

    Severity: error for `exec`, warning for the others.
    """

    code = "JC204"
    name = "container-flag-after-image"
    severity = Severity.ERROR
    summary = "apptainer flags after the image are not apptainer's (`run`: only flags no runscript takes, as a warning)"
    fix_availability = "always"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for call in container_calls(script, settings):
            if call.command not in ACTION_COMMANDS or call.image is None or not call.args:
                continue
            if call.image in call.opaque:
                continue  # an unquoted `$VAR` at the image may hold flags and the image: the flags may be right
            misplaced = leading_flags(call.args, call.known_flags())
            fatal = call.command == "exec"
            if not fatal and not any(
                use.name in CONTAINER_ONLY_FLAGS and use.spelled.startswith("--") for use in misplaced
            ):
                continue  # `run image.sif -i x`: the runscript's own options, which share a name by chance
            if not misplaced:
                continue
            start, end = misplaced[0].start, misplaced[-1].end
            moved = script.text[start:end]
            names = _names(misplaced)
            consequence = (
                (
                    "the first word after the image is the program to run, so %s tries to run `%s` and fails"
                    % (call.tool, misplaced[0].word.text)
                )
                if fatal
                else ("they reach the image's runscript, and %s silently ignores them" % call.tool)
            )
            edits = (Edit.insert(call.image.start, moved + " "), Edit.delete(*removal_span(script.text, start, end)))
            fix = (Fix.safe if fatal else Fix.unsafe)("move `%s` before the image" % moved, *edits)
            yield Diagnostic(
                start,
                end,
                "`%s` after the image `%s`: %s stops reading its flags at the image; %s"
                % (names, call.image.text, describe(call), consequence),
                fix,
                severity=Severity.ERROR if fatal else Severity.WARNING,
            )


# flags no runscript is likely to take for its own: they only make sense to apptainer
CONTAINER_ONLY_FLAGS = frozenset(
    (
        "nv",
        "nvccli",
        "rocm",
        "bind",
        "mount",
        "overlay",
        "contain",
        "containall",
        "cleanenv",
        "writable",
        "writable-tmpfs",
        "no-home",
        "fakeroot",
        "userns",
        "env-file",
        "no-mount",
        "no-privs",
        "keep-privs",
        "no-init",
        "sharens",
    )
)


def _names(uses) -> str:
    """`--bind` once however often it is repeated: `--bind (3 times) --nv`."""
    counts: dict[str, int] = {}
    for use in uses:
        counts[use.spelled] = counts.get(use.spelled, 0) + 1
    return " ".join(name if n == 1 else "%s (%d times)" % (name, n) for name, n in counts.items())
