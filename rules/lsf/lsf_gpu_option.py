from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.suggest import suggest

from .lsf_directives import lsf_uses, value_span

GPU_KEYS = (
    "num",
    "mode",
    "mps",
    "j_exclusive",
    "gmodel",
    "gmem",
    "gtile",
    "gpack",
    "gvendor",
    "nvlink",
    "aff",
    "block",
    "glink",
    "mig",
)


class GpuOption(Rule):
    """
    ## What it does
    Checks the keys of `-gpu "num=2:mode=exclusive_process"` (`num mode mps j_exclusive
    gmodel gmem gtile gpack gvendor nvlink aff block glink mig`), with a did-you-mean.

    ## Why is this bad?
    bsub refuses a GPU requirement with a key it does not know.

    ## Example
        #BSUB -gpu "number=2"

    Use instead:

        #BSUB -gpu "num=2"

    ## Fix safety
    No fix.
    """

    code = "JC809"
    name = "lsf-gpu-option"
    severity = Severity.ERROR
    summary = "A -gpu key bsub does not know"
    languages = ("shell", "python")
    schedulers = ("lsf",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for _, option in lsf_uses(script):
            if option.spelled != "-gpu" or option.kind != "option" or not option.value or option.value == "-":
                continue
            for item in option.value.split(":"):
                key = item.partition("=")[0].strip()
                if key in GPU_KEYS:
                    continue
                found = suggest(key, list(GPU_KEYS), max_distance=3)
                hint = "; did you mean `%s`?" % found.best if found.candidates else ""
                yield Diagnostic(
                    *value_span(option), "`%s` is not a key of `-gpu` (%s)%s" % (key, " ".join(GPU_KEYS), hint)
                )
