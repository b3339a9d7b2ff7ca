"""What the LSF rules share: the `#BSUB` options bsub reads when LSF reads the job."""

from __future__ import annotations


def lsf_uses(script):
    """(directive, option) of every `#BSUB` option (LSF has no stop rule: all of them count)."""
    if script.scheduler != "lsf":
        return []
    return [(d, o) for d in script.lsf_directives for o in d.options]


def value_span(script, option) -> tuple[int, int]:
    if option.value_start is not None:
        return option.value_start, option.value_end
    return option.start, option.end


def exact(script, option) -> bool:
    return (option.value is not None and option.value_start is not None
            and script.text[option.value_start:option.value_end] == option.value)


def value_offset(script, option) -> int | None:
    """Where the option's value starts in the file when it is written as is or inside one pair of
    quotes (so an edit by offset is exact); None otherwise."""
    if option.value is None or option.value_start is None:
        return None
    raw = script.text[option.value_start:option.value_end]
    if raw == option.value:
        return option.value_start
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"" and raw[1:-1] == option.value:
        return option.value_start + 1
    return None
