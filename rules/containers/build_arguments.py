"""The words after a container subcommand, image first (JC220-JC223: building, pulling, pushing)."""

from __future__ import annotations


def positionals(call) -> list:
    return ([call.image] if call.image is not None else []) + list(call.args)
