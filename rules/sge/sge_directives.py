"""What the Grid Engine rules share."""

from __future__ import annotations

from ..directive_templates import filled_uses, is_template


def sge_uses(script, words: bool = False):
    """Every option of the `#$` lines qsub reads, when Grid Engine reads the job (chosen by the
    `scheduler` setting, or by the directives present: in a Slurm script `#$` lines are leftovers
    sbatch ignores). Lines with a template placeholder are left out, and a template's values
    altogether unless `words` (the rules about options and words, not values)."""
    if script.scheduler != "sge" or (not words and is_template(script)):
        return []
    return filled_uses(
        script, [(directive, option) for directive in script.sge_directives for option in directive.options]
    )


def resources(option):
    """(key, value, start, end) of each `key=value` of a `-l` list, value spans in the file."""
    if option.value is None or option.value_start is None:
        return
    offset = 0
    for item in option.value.split(","):
        key, equals, value = item.partition("=")
        start = option.value_start + offset + len(key) + len(equals)
        yield key, value, start, start + len(value)
        offset += len(item) + 1


def requested_resources(script):
    """(key, value, value start, value end) of every `-l` resource of the job, in order."""
    for _, option in sge_uses(script):
        if option.spelled == "-l":
            yield from resources(option)
