from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls

from .flag_lookup import _by_name
from .flag_removal import removal_span


class GpuFlags(Rule):
    """
    ## What it does
    Finds `--compat32` without `--nv` or `--rocm`, and `--nvccli` together with `--nv`.

    ## Why is this bad?
    `--compat32` does nothing without a GPU flag ("Ignoring --compat32, it requires a GPU option
    such as --nv or --rocm"). `--nvccli` already implies `--nv`.

    ## Example
        apptainer exec --nv --nvccli image.sif nvidia-smi

    Use instead:

        apptainer exec --nvccli image.sif nvidia-smi

    ## Fix safety
    Dropping the redundant `--nv` is safe.

    Severity: warning for `--compat32`; info for the redundant `--nv`.
    """

    code = "JC210"
    name = "container-gpu-flags"
    severity = Severity.WARNING
    summary = "--compat32 without a GPU flag, or --nv redundant next to --nvccli"
    fix_availability = "sometimes"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for call in container_calls(script, settings):
            flags = _by_name(call)
            if "compat32" in flags and not ({"nv", "rocm", "nvccli"} & set(flags)):
                use = flags["compat32"][0]
                yield Diagnostic(
                    use.word.start,
                    use.word.end,
                    "`--compat32` without `--nv` or `--rocm` does nothing: "
                    '%s says "Ignoring --compat32, it requires a GPU option such as --nv or --rocm"' % call.tool,
                )
            if "nvccli" in flags and "nv" in flags:
                use = flags["nv"][0]
                yield Diagnostic(
                    use.word.start,
                    use.word.end,
                    "`--nv` is redundant: `--nvccli` implies it",
                    Fix.safe("remove `--nv`", Edit.delete(*removal_span(script.text, use.word.start, use.word.end))),
                    severity=Severity.INFO,
                )
