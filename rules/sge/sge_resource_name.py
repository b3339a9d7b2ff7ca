from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from .sge_directives import requested_resources

# Resource names of other schedulers, and what Grid Engine calls them.
FOREIGN_RESOURCES = {
    "walltime": "h_rt",
    "nodes": "-pe NAME N",
    "ppn": "-pe NAME N",
    "ncpus": "-pe smp N",
    "select": "-pe NAME N",
    "pmem": "h_vmem",
    "pvmem": "h_vmem",
    "cput": "h_cpu",
}
KNOWN_LOWER = frozenset(
    {
        "h_rt",
        "s_rt",
        "h_cpu",
        "s_cpu",
        "h_vmem",
        "s_vmem",
        "h_data",
        "s_data",
        "h_rss",
        "s_rss",
        "h_stack",
        "s_stack",
        "h_fsize",
        "s_fsize",
        "h_core",
        "s_core",
    }
)


class ResourceName(Rule):
    """
    ## What it does
    Finds `-l` resource names from other schedulers (`walltime`, `nodes`, `ncpus`, `select`,
    `pmem`) and wrongly capitalised Grid Engine ones (`H_RT`): resource names are
    case-sensitive.

    ## Why is this bad?
    The job is refused: `Unable to run job: unknown resource "walltime"`.

    ## Example
        #$ -l walltime=1:00:00

    Use instead:

        #$ -l h_rt=1:00:00

    ## Fix safety
    No fix.
    """

    code = "JC614"
    name = "sge-resource-name"
    severity = Severity.ERROR
    summary = "A -l resource name of another scheduler, or wrongly capitalised"
    languages = ("shell", "python")
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for key, _value, start, _end in requested_resources(script):
            key_start = start - len(key) - 1
            if key in FOREIGN_RESOURCES:
                yield Diagnostic(
                    key_start,
                    key_start + len(key),
                    "`%s` is not a Grid Engine resource: the job is "
                    'refused ("unknown resource"); Grid Engine uses %s' % (key, "`%s`" % FOREIGN_RESOURCES[key]),
                )
            elif key != key.lower() and key.lower() in KNOWN_LOWER:
                yield Diagnostic(
                    key_start,
                    key_start + len(key),
                    "resource names are case-sensitive: `%s` is "
                    'unknown ("unknown resource"); write `%s`' % (key, key.lower()),
                )
