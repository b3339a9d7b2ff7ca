from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls, describe
from jobcheck.semantics.containers import bare_expansion

# (minimum, maximum) positional arguments per subcommand, from cobra's Args of each command
POSITIONALS = {
    "exec": (2, None),
    "run": (1, None),
    "shell": (1, None),
    "test": (1, None),
    "build": (2, 2),
    "push": (2, 2),
    "pull": (1, 2),
    "inspect": (1, 1),
    "instance start": (2, None),
    "instance run": (2, None),
    "instance stop": (0, None),
    "instance list": (0, None),
}


class TooFewArguments(Rule):
    """
    ## What it does
    Checks that `exec` gets an image and a command, `run`/`shell`/`test` an image, `build` and
    `push` exactly two arguments, `pull` one or two, `inspect` one, `instance start` an image and
    an instance name.

    ## Why is this bad?
    The command stops at once: "requires at least 2 arg(s), only received 1".

    ## Example
        apptainer exec image.sif

    Use instead:

        apptainer exec image.sif python train.py

    An unquoted `$VAR` among the arguments may stand for no word or for several, so a call
    with one is not counted.

    ## Fix safety
    No fix.
    """

    code = "JC207"
    name = "container-too-few-arguments"
    severity = Severity.ERROR
    summary = "An apptainer subcommand without the arguments it needs"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for call in container_calls(script, settings):
            if call.command not in POSITIONALS:
                continue
            given = (1 if call.image is not None else 0) + len(call.args)
            low, high = POSITIONALS[call.command]
            start, end = call.words[0].start, call.words[-1].end
            if any("$" in w.text and w.text.startswith(("$@", '"$@"', "${@")) for w in call.words):
                continue  # arguments passed through from the caller
            if call.opaque or any(bare_expansion(w) for w in call.args):
                continue  # an unquoted `$VAR` may be no word or several: the count is not known
            if given < low:
                said = (
                    "requires at least %d arg(s), only received %d" % (low, given)
                    if high is None
                    else "accepts %s arg(s), received %d" % (low if low == high else "%d to %d" % (low, high), given)
                )
                yield Diagnostic(
                    start,
                    end,
                    '`%s` needs %s: %s stops with "%s"' % (describe(call), _needs(call.command), call.tool, said),
                )
            elif high is not None and given > high:
                yield Diagnostic(
                    start,
                    end,
                    '`%s` takes %s: %s stops with "accepts %s arg(s), received %d"'
                    % (
                        describe(call),
                        _needs(call.command),
                        call.tool,
                        low if low == high else "between %d and %d" % (low, high),
                        given,
                    ),
                )


def _needs(command: str) -> str:
    return {
        "exec": "an image and a command",
        "run": "an image",
        "shell": "an image",
        "test": "an image",
        "build": "exactly a target and a source",
        "push": "exactly an image and a destination",
        "pull": "a source (and optionally a target file)",
        "inspect": "exactly one image",
        "instance start": "an image and an instance name",
        "instance run": "an image and an instance name",
    }.get(command, "its arguments")
