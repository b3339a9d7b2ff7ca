"""Effective settings of one run: which rules, which tool versions, plugin options."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .model.cluster import Profile

CONTAINER_RUNTIMES = ("apptainer", "singularityce", "either")
# Which scheduler reads the job: "auto" decides by the directives present (#SBATCH, #PBS, #BSUB, #$).
SCHEDULERS = ("auto", "slurm", "pbspro", "torque", "lsf", "sge")
SEVERITY_NAMES = ("error", "warning", "info")


class Option(NamedTuple):
    """A configuration option a plugin declares through the `jobcheck_options` hook."""

    name: str
    default: Any
    help: str
    choices: tuple[Any, ...] | None = None


@dataclass
class Settings:
    """The effective settings of one file's check (command line, configuration files, profile)."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    slurm_version: str | None = None  # None: the newest release jobcheck knows
    apptainer_version: str | None = None  # the cluster's Apptainer, e.g. '1.2' (None: newest)
    container_runtime: str = "either"  # what `singularity` means on the target cluster
    scheduler: str = "auto"  # which scheduler reads the job (see SCHEDULERS)
    parser: str | None = None  # force a shell front end ('bashlex'/'tree-sitter')
    profile: Profile | None = None  # the cluster's partitions and nodes
    options: dict[str, Any] = field(default_factory=dict)  # plugin options by name
    severity_overrides: dict[str, str] = field(default_factory=dict)  # code or name -> 'error'/'warning'/'info'
    per_file_ignores: list = field(default_factory=list)  # [(pathspec, codes)], paths relative to root
    root: str = ""  # folder of the configuration file
    fail_on: str = "info"  # lowest severity that makes the exit status 1
    report_unused_suppressions: bool = False

    def ignored_for(self, path: str) -> set[str]:
        """Codes or names that per-file-ignores switch off for `path`."""
        if not self.per_file_ignores:
            return set()
        import os

        relative = os.path.relpath(os.path.abspath(path), self.root or os.getcwd())
        found: set[str] = set()
        for spec, codes in self.per_file_ignores:
            if spec.match_file(relative):
                found.update(codes)
        return found

    def get(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)

    def selects(self, code: str, name: str, opt_in: bool = False) -> bool:
        """ruff-style selection: a code, a code prefix, a rule name, or ALL; ignore wins ties
        only when it is at least as specific as the matching select. An opt-in rule is selected
        only by its exact code or name (ALL and prefixes leave it off)."""
        chosen = _best_match(self.select, code, name)
        if opt_in and chosen not in (100, len(code)):
            return False
        dropped = _best_match(self.ignore, code, name)
        if chosen < 0:
            return False
        return dropped < chosen


def _best_match(selectors: tuple[str, ...], code: str, name: str) -> int:
    """Specificity of the most specific selector matching the rule, -1 when none does."""
    best = -1
    for selector in selectors:
        if selector == "ALL":
            best = max(best, 0)
        elif selector == name:
            best = max(best, 100)
        elif code.startswith(selector):
            best = max(best, len(selector))
    return best
