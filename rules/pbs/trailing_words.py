"""Words written after a `#PBS` directive's options, and how each PBS flavour treats them."""

from __future__ import annotations


def trailing_comment(directive):
    """The first word of a `# ...` comment written after the options, or None."""
    for option in directive.options:
        if option.kind == "positional" and option.spelled.startswith("#"):
            return option
    return None


def refusers(script) -> str:
    if script.pbs_flavor == "pbspro":
        return "qsub refuses the line"
    return "PBS Pro/OpenPBS and Torque before 4 refuse the line"


def dropped(script) -> str:
    return "" if script.pbs_flavor == "pbspro" else "; Torque 4 and later drop the words"
