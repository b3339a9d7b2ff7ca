from __future__ import annotations

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity
from jobcheck.semantics.containers import bare_expansion

from .calls import container_calls, describe, looks_like_image

BOOL_WORDS = ("true", "false", "True", "False", "TRUE", "FALSE", "1", "0", "t", "f", "T", "F")
# (minimum, maximum) positional arguments per subcommand, from cobra's Args of each command
POSITIONALS = {"exec": (2, None), "run": (1, None), "shell": (1, None), "test": (1, None), "build": (2, 2),
               "push": (2, 2), "pull": (1, 2), "inspect": (1, 1), "instance start": (2, None),
               "instance run": (2, None), "instance stop": (0, None), "instance list": (0, None)}


class BoolFlagValue(Rule):
    """
    ## What it does
    Finds a yes/no flag followed by `true`/`false` as a separate word (`--nv false`).

    ## Why is this bad?
    A yes/no flag takes its value only as `--nv=false`. `--nv false` turns GPUs *on*, and `false`
    becomes the image: apptainer then fails to find an image called `false`.

    ## Example
        apptainer exec --nv false image.sif python train.py

    Use instead:

        apptainer exec --nv=false image.sif python train.py

    ## Fix safety
    Joining the value with `=` is safe: it is what the words evidently mean.
    """

    code = "JC205"
    name = "container-bool-flag-value"
    severity = Severity.ERROR
    summary = "`--flag false` as two words: the value becomes the image"
    fix_availability = "always"

    def check(self, script, settings):
        for call in container_calls(script, settings):
            if call.image is None or call.image.value not in BOOL_WORDS or not call.flags:
                continue
            last = call.flags[-1]
            if last.flag is None or last.flag.takes_value or last.value is not None:
                continue
            if call.words.index(call.image) != call.words.index(last.word) + 1:
                continue
            between = (last.word.end, call.image.start)
            yield Diagnostic(last.word.start, call.image.end,
                             "`%s %s`: a yes/no flag takes its value only after `=`, so `%s` is read as the image "
                             "and %s cannot find it; write `%s=%s`" % (last.spelled, call.image.value, call.image.value,
                                                                       call.tool, last.spelled, call.image.value),
                             Fix.safe("write `%s=%s`" % (last.spelled, call.image.value), Edit(*between, "=")))


class FlagSwallowsImage(Rule):
    """
    ## What it does
    Finds a value-taking flag whose value is evidently the image (`--bind image.sif python x.py`),
    or that comes last with no value at all.

    ## Why is this bad?
    When a flag's value is missing, the flag takes the next word, which is the image: apptainer
    then treats the program as the image. At the end of the line it stops with "flag needs an
    argument".

    ## Example
        apptainer exec --bind image.sif python train.py

    Use instead:

        apptainer exec --bind /scratch image.sif python train.py

    ## Fix safety
    No fix: the missing value is the author's.
    """

    code = "JC206"
    name = "container-flag-swallows-image"
    severity = Severity.ERROR
    summary = "A flag whose value is missing takes the image as its value"

    def check(self, script, settings):
        for call in container_calls(script, settings):
            if call.command is None:
                continue
            for use in call.flags:
                if use.flag is None or not use.flag.takes_value:
                    continue
                if use.value is None:
                    yield Diagnostic(use.word.start, use.word.end, "`%s` needs a value and none follows: %s stops "
                                     "with \"flag needs an argument: %s\"" % (use.spelled, call.tool, use.spelled))
                elif use.value.start >= use.word.end and looks_like_image(use.value) and (
                        call.image is None or not looks_like_image(call.image)):
                    yield Diagnostic(use.word.start, use.value.end,
                                     "`%s` takes the next word as its value, and that word is the image `%s`: %s then "
                                     "takes `%s` for the image; give `%s` its value" % (
                                         use.spelled, use.value.text, call.tool,
                                         call.image.text if call.image is not None else "nothing", use.spelled))


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

    def check(self, script, settings):
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
                said = "requires at least %d arg(s), only received %d" % (low, given) if high is None else \
                    "accepts %s arg(s), received %d" % (low if low == high else "%d to %d" % (low, high), given)
                yield Diagnostic(start, end, "`%s` needs %s: %s stops with \"%s\"" % (
                    describe(call), _needs(call.command), call.tool, said))
            elif high is not None and given > high:
                yield Diagnostic(start, end, "`%s` takes %s: %s stops with \"accepts %s arg(s), received %d\"" % (
                    describe(call), _needs(call.command), call.tool,
                    low if low == high else "between %d and %d" % (low, high), given))


def _needs(command: str) -> str:
    return {"exec": "an image and a command", "run": "an image", "shell": "an image", "test": "an image",
            "build": "exactly a target and a source", "push": "exactly an image and a destination",
            "pull": "a source (and optionally a target file)", "inspect": "exactly one image",
            "instance start": "an image and an instance name", "instance run": "an image and an instance name",
            }.get(command, "its arguments")
