"""Where an option's value of a `#PBS`, `#BSUB` or `#$` line is in the file, for messages and edits."""

from __future__ import annotations


def value_span(option) -> tuple[int, int]:
    """The value's span, quotes included; the option's own span when it has no separate value."""
    if option.value_start is not None:
        return option.value_start, option.value_end
    return option.start, option.end


def value_offset(script, option) -> int | None:
    """Where the value starts in the file when it is written as is or inside one pair of quotes
    (so an edit by offset is exact); None otherwise."""
    if option.value is None or option.value_start is None:
        return None
    raw = script.text[option.value_start : option.value_end]
    if raw == option.value:
        return option.value_start
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"" and raw[1:-1] == option.value:
        return option.value_start + 1
    return None
