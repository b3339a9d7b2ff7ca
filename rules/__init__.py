"""jobcheck's built-in rule packs, installed under the import name `jobcheck_rules` and found
through the `jobcheck.plugins` entry point `builtin`, as a third-party pack would be.

Unlike a third-party pack, the registry reads the built-in rules from `catalog.py` (generated)
and imports a rule's module only when a file it can report on is checked: a small Slurm script
needs no PBS, LSF, Grid Engine or definition-file rule. `jobcheck_rules()` imports them all."""

from __future__ import annotations

import importlib

from jobcheck import Option, Rule


def jobcheck_rules() -> list[type[Rule]]:
    """Every built-in rule class (importing all of their modules)."""
    from .catalog import RULES

    return [getattr(importlib.import_module(entry[8]), entry[9]) for entry in RULES]


def jobcheck_options() -> list[Option]:
    return [
        Option(
            "max-array-size",
            None,
            "the cluster's MaxArraySize (slurm.conf); --array indexes must be below it "
            "(unset: Slurm's default 1001, and an index above it is a warning, since sites raise it)",
        ),
        Option(
            "lsf-unit-for-limits",
            "",
            "the cluster's LSF_UNIT_FOR_LIMITS (e.g. MB); with KB, bsub -M numbers "
            "without a unit are reported (unset: not reported, most sites use MB or GB)",
        ),
        Option(
            "environment-variables",
            [],
            'variables the cluster\'s login environment sets (JC311 takes them as set), e.g. ["SCRATCH2", "DSDIR"]',
        ),
    ]
