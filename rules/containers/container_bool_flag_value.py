from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls

BOOL_WORDS = ("true", "false", "True", "False", "TRUE", "FALSE", "1", "0", "t", "f", "T", "F")


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

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for call in container_calls(script, settings):
            if call.image is None or call.image.value not in BOOL_WORDS or not call.flags:
                continue
            last = call.flags[-1]
            if last.flag is None or last.flag.takes_value or last.value is not None:
                continue
            if call.words.index(call.image) != call.words.index(last.word) + 1:
                continue
            between = (last.word.end, call.image.start)
            yield Diagnostic(
                last.word.start,
                call.image.end,
                "`%s %s`: a yes/no flag takes its value only after `=`, so `%s` is read as the image "
                "and %s cannot find it; write `%s=%s`"
                % (last.spelled, call.image.value, call.image.value, call.tool, last.spelled, call.image.value),
                Fix.safe("write `%s=%s`" % (last.spelled, call.image.value), Edit(*between, "=")),
            )
