from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sbatch_header import components, effective

from .directives import shown
from .gpu_requests import requests_gpus

MEMORY_OPTIONS = ("mem", "mem-per-cpu", "mem-per-gpu")


class ResourceConflict(Rule):
    """
    ## What it does
    Finds requests sbatch refuses in combination: more than one of `--mem`, `--mem-per-cpu`,
    `--mem-per-gpu`; `--mem-per-gpu` without any GPU request; `--cpus-per-gpu` together with
    `--cpus-per-task`; and, as a warning, `--exclusive` with `--oversubscribe` (the later one
    silently wins).

    ## Why is this bad?
    sbatch stops with "--mem, --mem-per-cpu, and --mem-per-gpu are mutually exclusive", "Requested
    mem_per_tres=gres:gpu:... but did not request any GPU", or "--cpus-per-gpu is mutually
    exclusive with --cpus-per-task".

    ## Example
        #SBATCH --mem=16G
        #SBATCH --mem-per-cpu=2G

    Use instead: one of them:

        #SBATCH --mem=16G

    ## Fix safety
    No fix: which one to keep is the author's choice.
    """

    code = "JC123"
    name = "sbatch-resource-conflict"
    severity = Severity.ERROR
    summary = "sbatch options that exclude each other"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for component in components(script):
            options = effective(script, component)
            memory = [options[name] for name in MEMORY_OPTIONS if name in options]
            if len(memory) > 1:
                last = max(memory, key=lambda u: u.option.start)
                yield Diagnostic(
                    last.option.start,
                    last.option.end,
                    '%s are given together: sbatch stops with "--mem, --mem-per-cpu, and --mem-per-gpu '
                    'are mutually exclusive"' % " and ".join("`%s`" % shown(u) for u in memory),
                )
            if not requests_gpus(options):
                for name in ("mem-per-gpu",):
                    if name in options:
                        use = options[name]
                        yield Diagnostic(
                            use.option.start,
                            use.option.end,
                            "`%s` without a GPU request (`--gpus`, `--gres=gpu:N`, ...): sbatch stops "
                            'with "... but did not request any GPU"' % shown(use),
                        )
            if "exclusive" in options and "oversubscribe" in options:
                last = max(options["exclusive"], options["oversubscribe"], key=lambda u: u.option.start)
                yield Diagnostic(
                    last.option.start,
                    last.option.end,
                    "`--exclusive` and `--oversubscribe` contradict each other: sbatch silently keeps "
                    "the later one, `%s`" % shown(last),
                    severity=Severity.WARNING,
                )
            if "cpus-per-gpu" in options and "cpus-per-task" in options:
                use = options["cpus-per-gpu"]
                yield Diagnostic(
                    use.option.start,
                    use.option.end,
                    "`--cpus-per-gpu` and `--cpus-per-task` are given together: sbatch stops with "
                    '"--cpus-per-gpu is mutually exclusive with --cpus-per-task"',
                )
