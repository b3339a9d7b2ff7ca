"""What the Slurm rules share: the directives sbatch reads, grouped the way sbatch groups them."""

from __future__ import annotations

from dataclasses import dataclass

from jobcheck import Directive, DirectiveOption
from jobcheck.knowledge import sbatch_options

SLURM_PREFIXES = ("#SBATCH", "#SLURM")


@dataclass(frozen=True)
class Use:
    """One option as sbatch reads it, with the directive line it is on."""

    directive: Directive
    option: DirectiveOption
    component: int          # 0, or the heterogeneous-job component after `#SBATCH hetjob`

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


def header_uses(script) -> tuple[Use, ...]:
    """Every option of every directive sbatch reads, in order, with its hetjob component
    (computed once per script: a dozen rules ask)."""
    return script.memoized("slurm-header-uses", lambda: tuple(_header_uses(script)))


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


def release(settings) -> str:
    return settings.slurm_version or sbatch_options().newest


def in_heredoc(script, offset: int) -> bool:
    """Inside text written for another script (heredoc bodies, multi-line strings, pasted scripts)."""
    return script.in_other_script(offset)


def shown(use: Use) -> str:
    """The option with its value, spelled in full for messages: `--time=1-25`."""
    o = use.option
    name = "--" + o.name if o.name else o.spelled
    return name if o.value is None else "%s=%s" % (name, o.value)
