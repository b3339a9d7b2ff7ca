from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy
from jobcheck.semantics.sbatch_header import header_uses

from .templates import covered

PATTERN_RE = lazy(r"%(\d*)(.?)")
KNOWN = set("%AaJjNnstuxb")


class OutputPattern(Rule):
    """
    ## What it does
    Checks the `%` patterns of `--output`, `--error` and `--input`: `%%`, `%A`, `%a`, `%b`, `%J`,
    `%j`, `%N`, `%n`, `%s`, `%t`, `%u`, `%x`, each with an optional zero-padding width (`%4a`).

    ## Why is this bad?
    An unknown pattern (`%q`) is left in the file name literally.

    `%A` in a job without `--array` is the job id, and `%a` there means the script expects
    `--array` on the sbatch command line (JC307 says so once per file): neither is reported here.

    ## Example
        #SBATCH --output=train-%J_%i.log

    Use instead:

        #SBATCH --output=train-%j.log

    ## Fix safety
    No fix.
    """

    code = "JC112"
    name = "sbatch-output-pattern"
    severity = Severity.WARNING
    summary = "Unknown `%` pattern in --output/--error/--input"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for use in header_uses(script):
            if use.name not in ("output", "error", "input") or use.value is None or use.option.kind != "option":
                continue
            start, end = use.value_span
            raw = script.text[start:end]
            for m in PATTERN_RE.finditer(use.value):
                letter = m.group(2)
                offset = raw.find(m.group(0)) if raw != use.value else m.start()
                span = (start + offset, start + offset + len(m.group(0))) if offset >= 0 else (start, end)
                if letter == "%" or covered(script, *span):
                    continue  # (`<%= log.file %>`: a template's placeholder, reported as one)
                if letter not in KNOWN:
                    yield Diagnostic(
                        *span,
                        "`%s` is not a filename pattern: Slurm leaves it in the name "
                        "literally (known: %%j job id, %%x job name, %%A/%%a array job/task, %%u "
                        "user, %%N node, %%%%)" % m.group(0),
                    )
