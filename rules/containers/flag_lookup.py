"""A container call's flags by name (JC209, JC210)."""

from __future__ import annotations


def _by_name(call):
    found: dict[str, list] = {}
    for use in call.flags:
        if use.name is not None:
            found.setdefault(use.name, []).append(use)
    return found
