from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls, looks_like_image


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

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for call in container_calls(script, settings):
            if call.command is None:
                continue
            for use in call.flags:
                if use.flag is None or not use.flag.takes_value:
                    continue
                if use.value is None:
                    yield Diagnostic(
                        use.word.start,
                        use.word.end,
                        "`%s` needs a value and none follows: %s stops "
                        'with "flag needs an argument: %s"' % (use.spelled, call.tool, use.spelled),
                    )
                elif (
                    use.value.start >= use.word.end
                    and looks_like_image(use.value)
                    and (call.image is None or not looks_like_image(call.image))
                ):
                    yield Diagnostic(
                        use.word.start,
                        use.value.end,
                        "`%s` takes the next word as its value, and that word is the image `%s`: %s then "
                        "takes `%s` for the image; give `%s` its value"
                        % (
                            use.spelled,
                            use.value.text,
                            call.tool,
                            call.image.text if call.image is not None else "nothing",
                            use.spelled,
                        ),
                    )
