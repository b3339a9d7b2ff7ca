from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.knowledge import release_key, sbatch_options
from jobcheck.semantics.sbatch_header import effective, header_uses
from jobcheck.semantics.slurm_directives import resolve_long

from .directives import release

# Abbreviations that read as a different request than the one they expand to: `--tasks` looks
# like `--ntasks` and is `--tasks-per-node`; `--cores`, `--threads` and `--sockets` look like CPU
# counts and are node-shape constraints.
MISLEADING = {
    "tasks": "the number of tasks on EACH node, not in all (`--ntasks`)",
    "cores": "a constraint on the nodes' cores per socket, not a number of CPUs (`--cpus-per-task`)",
    "threads": "a constraint on the nodes' threads per core, not a number of CPUs (`--cpus-per-task`)",
    "sockets": "a constraint on the nodes' sockets, not a number of CPUs",
}


class AbbreviatedOption(Rule):
    """
    ## What it does
    Finds long options written as an abbreviation that reads as something else: one whose
    meaning changes with the Slurm release (warning), and `--tasks` on more than one node,
    `--cores`, `--threads`, `--sockets`, which look like task or CPU counts but expand to
    per-node or node-shape options (info).

    ## Why is this bad?
    sbatch accepts a unique prefix of a long option, so this works today; but the meaning depends
    on the Slurm release. `--extra` means `--extra-node-info` on Slurm 22.05 and is an option of
    its own from 23.02; a new option can make an abbreviation ambiguous and the script refused.
    `--tasks=2 --nodes=2` is `--tasks-per-node=2`: four tasks, not two.

    Plain abbreviations that mean the same in every release (`--out`, `--part`, `--job-n`) are not
    reported: they work, and writing them in full is a matter of style.

    ## Example
        #SBATCH --nodes=2 --tasks=8

    Use instead:

        #SBATCH --nodes=2 --ntasks=8

    ## Fix safety
    Writing the full name of the option sbatch already uses is safe.

    Severity: warning when a newer Slurm release reads the same spelling differently; info for
    a misleading abbreviation.
    """

    code = "JC105"
    name = "sbatch-abbreviated-option"
    severity = Severity.INFO
    summary = "Abbreviated sbatch option that means something else in another release, or than it looks"
    fix_availability = "always"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        table = sbatch_options()
        target = release(settings)
        for use in header_uses(script):
            o = use.option
            if o.kind == "unknown" or o.name is None or not o.spelled.startswith("--") or o.spelled[2:] == o.name:
                continue
            spelled = o.spelled[2:]
            message = "`--%s` is an abbreviation of `--%s`" % (spelled, o.name)
            later = table.first_release(spelled)
            changes = _changes_meaning(table, target, spelled, o.name)
            if later is not None:
                message += (
                    "; on the target Slurm %s sbatch reads it as `--%s`, while from %s `--%s` is an "
                    "option of its own" % (target, o.name, later, spelled)
                )
            elif changes is not None:
                message += "; from Slurm %s it is ambiguous and sbatch refuses it" % changes
            elif spelled in MISLEADING and (spelled != "tasks" or _nodes(script, use) > 1):
                message += ": %s" % MISLEADING[spelled]
            else:
                continue  # the same option in every release: it works
            end = o.start + len(o.spelled)
            yield Diagnostic(
                o.start,
                end,
                message,
                Fix.safe("write `--%s`" % o.name, Edit(o.start, end, "--" + o.name)),
                severity=Severity.WARNING if later is not None or changes is not None else None,
            )


def _nodes(script, use) -> int:
    nodes = effective(script, use.component).get("nodes")
    first = (nodes.value or "").split("-")[0] if nodes is not None else ""
    return int(first) if first.isdigit() else 1


def _changes_meaning(table, target: str, spelled: str, name: str) -> str | None:
    """The first release after `target` where `--spelled` no longer means `--name`."""
    for candidate in table.releases:
        if release_key(candidate) <= release_key(target):
            continue
        option, _ = resolve_long(spelled, table.for_release(candidate))
        if option is None or option.name != name:
            return candidate
    return None
