"""The `#SBATCH` options sbatch reads, in order and grouped by heterogeneous-job component, and
the values it ends up with (the last occurrence wins). Read by the Slurm rules and the server."""

from __future__ import annotations

from typing import NamedTuple

from ..model.script import Directive, DirectiveOption, derived_fact

SLURM_PREFIXES = ("#SBATCH", "#SLURM")


class Use(NamedTuple):
    """One option as sbatch reads it, with the directive line it is on."""

    directive: Directive
    option: DirectiveOption
    component: int  # 0, or the heterogeneous-job component after `#SBATCH hetjob`

    @property
    def name(self) -> str | None:
        return self.option.name

    @property
    def value(self) -> str | None:
        return self.option.value

    @property
    def value_span(self) -> tuple[int, int]:
        o = self.option
        if o.value_start is not None and o.value_end is not None:
            return o.value_start, o.value_end
        return o.start, o.end

    @property
    def spelled(self) -> str:
        return self.option.spelled


def slurm_directives(script):
    return [d for d in script.directives if d.prefix in SLURM_PREFIXES]


@derived_fact
def header_uses(script) -> tuple[Use, ...]:
    """Every option of every directive sbatch reads, in order, with its hetjob component
    (computed once per script: a dozen rules ask)."""
    return tuple(_header_uses(script))


def _header_uses(script) -> list[Use]:
    uses = []
    component = 0
    for directive in slurm_directives(script):
        if not directive.in_header:
            continue
        for option in directive.options:
            if option.kind == "separator":
                component += 1
                continue
            uses.append(Use(directive, option, component))
    return uses


def effective(script, component: int = 0) -> dict[str, Use]:
    """The option values sbatch ends up with for one component: the last occurrence wins."""
    result: dict[str, Use] = {}
    for use in header_uses(script):
        if use.component == component and use.option.kind == "option" and use.name:
            result[use.name] = use
    return result


def components(script) -> list[int]:
    return sorted({use.component for use in header_uses(script)}) or [0]
