"""What the LSF rules share: the `#BSUB` options bsub reads when LSF reads the job."""

from __future__ import annotations

from ..directive_values import value_offset, value_span  # noqa: F401 (shared by the rules)


def lsf_uses(script):
    """(directive, option) of every `#BSUB` option (LSF has no stop rule: all of them count)."""
    if script.scheduler != "lsf":
        return []
    return [(d, o) for d in script.lsf_directives for o in d.options]
