"""What the Slurm rules share: the directives sbatch reads, grouped the way sbatch groups them."""

from __future__ import annotations

from jobcheck.knowledge import sbatch_options
from jobcheck.semantics.sbatch_header import Use


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
