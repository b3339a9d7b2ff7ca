"""What the LSF rules share: the `#BSUB` options bsub reads when LSF reads the job."""

from __future__ import annotations

from ..directive_templates import filled_uses, is_template
from ..directive_values import value_offset, value_span  # noqa: F401 (shared by the rules)


def lsf_uses(script, words: bool = False):
    """(directive, option) of every `#BSUB` option (LSF has no stop rule: all of them count). Lines
    with a template placeholder are left out, and a template's values altogether unless `words`."""
    if script.scheduler != "lsf" or (not words and is_template(script)):
        return []
    return filled_uses(script, [(d, o) for d in script.lsf_directives for o in d.options])
