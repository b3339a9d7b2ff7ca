from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics import slurm_values
from jobcheck.semantics.sbatch_header import components, effective, header_uses

from .templates import placeholder_of

GPU_OPTIONS = ("gpus", "gpus-per-node", "gpus-per-task", "gpus-per-socket")


class GresFormat(Rule):
    """
    ## What it does
    Checks `--gres` (`NAME[:TYPE][:COUNT]`, comma-separated) and `--gpus`, `--gpus-per-node`,
    `--gpus-per-task`, `--gpus-per-socket` (`[TYPE:]COUNT`): the count must be a number; the
    GPU resource is called `gpu`, not `gpus`; typed and untyped requests for one resource cannot
    be mixed.

    ## Why is this bad?
    sbatch refuses the script: "Invalid generic resource (gres) specification" (for instance
    `--gres=gpu:<type>:<count>` copied from a template with the placeholders still in), or
    "Invalid GRES specification (with and without type identification)".

    ## Example
        #SBATCH --gres=gpus:2

    Use instead:

        #SBATCH --gres=gpu:2

    ## Fix safety
    `gpus` -> `gpu` in `--gres` is safe. Nothing else has a fix.
    """

    code = "JC115"
    name = "sbatch-gres-format"
    severity = Severity.ERROR
    summary = "Malformed --gres or --gpus request"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for component in components(script):
            typed: dict[str, set] = {}
            last_use = {}  # the use that first mixed typed and untyped requests, per resource
            final = {id(u.option) for u in effective(script, component).values()}
            for use in header_uses(script):
                if use.component != component or use.option.kind != "option" or use.value is None:
                    continue
                if id(use.option) not in final:
                    continue  # overridden by a later line: sbatch checks only the value it keeps
                if placeholder_of(script, use.option) is not None:
                    continue  # `gpu:a100:XX`: a template's placeholder, reported as one
                if "$" in use.value:
                    continue
                before = {name: set(kinds) for name, kinds in typed.items()}
                if use.name == "gres":
                    yield from self._gres(use, typed)
                elif use.name in GPU_OPTIONS:
                    items, verdict = slurm_values.parse_gpus(use.value, use.name)
                    if verdict is not None:
                        yield Diagnostic(*use.value_span, verdict.message)
                    for gpu_type, _ in items:
                        typed.setdefault("gpu", set()).add(gpu_type is not None)
                for name, kinds in typed.items():
                    if len(kinds) == 2 and len(before.get(name, ())) < 2:
                        last_use[name] = use
            for name, use in last_use.items():
                yield Diagnostic(
                    *use.value_span,
                    "`%s` requests are both with and without a type in this job: sbatch stops with "
                    '"Invalid GRES specification (with and without type identification)"; give '
                    "the type everywhere or nowhere" % name,
                )

    def _gres(self, use, typed):
        items, verdict = slurm_values.parse_gres(use.value)
        start, end = use.value_span
        if verdict is not None:
            yield Diagnostic(start, end, verdict.message)
            return
        for name, gres_type, _ in items:
            typed.setdefault(name, set()).add(gres_type is not None)
        if any(name == "gpus" for name, _, _ in items):
            fixed = ",".join(
                ":".join(["gpu"] + item.split(":")[1:]) if item.split(":")[0] == "gpus" else item
                for item in use.value.split(",")
            )
            fix = None
            text_value = use.value
            if start is not None and end - start == len(text_value):
                fix = Fix.safe("write `--gres=%s`" % fixed, Edit(start, end, fixed))
            yield Diagnostic(
                start,
                end,
                'the GPU resource is called `gpu`, not `gpus`: sbatch stops with "Invalid '
                'generic resource (gres) specification"',
                fix,
            )
