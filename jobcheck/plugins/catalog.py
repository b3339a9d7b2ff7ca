"""Rules known from a catalog before their modules are imported.

Importing all 177 built-in rule modules (with their helpers) was a third of a small file's
start-up, and most of them cannot report on it: a Slurm script needs no PBS, LSF, Grid Engine
or definition-file rule. The built-in pack publishes a generated catalog of each rule's
metadata and place (`jobcheck_rules.catalog`, `scripts/rule_catalog.py`); the registry holds a
CatalogedRule for each entry, which answers from the catalog and imports its rule the first
time a file it applies to is checked, or when anything beyond the catalog (its docs, its
class's other attributes) is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..rule import Rule, Severity

if TYPE_CHECKING:
    from ..model.script import JobScript
    from ..rule import Diagnostic
    from ..settings import Settings

# The order of a catalog entry's fields (see scripts/rule_catalog.py).
FIELDS = (
    "code",
    "name",
    "severity",
    "summary",
    "fix_availability",
    "opt_in",
    "languages",
    "schedulers",
    "module",
    "class_name",
)


class CatalogedRule(Rule):
    """A rule whose class is imported on first use; equal in every answer to the class itself."""

    def __init__(self, entry: tuple, plugin: str) -> None:
        known = dict(zip(FIELDS, entry, strict=True))
        known["severity"] = Severity(known["severity"])
        # Instance attributes in front of Rule's class attributes: the catalog's answers.
        vars(self).update(known, plugin=plugin, _rule=None)

    def loaded(self) -> Rule:
        """The rule itself (its module imported on the first call)."""
        rule = vars(self)["_rule"]
        if rule is None:
            rule_class = getattr(importlib.import_module(vars(self)["module"]), vars(self)["class_name"])
            rule = rule_class()
            rule.plugin = self.plugin
            vars(self)["_rule"] = rule
        return rule

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        return self.loaded().check(script, settings)

    def docs(self) -> str:  # type: ignore[override]  # an instance's docs: its class is not ours
        return self.loaded().docs()

    def __getattr__(self, name: str) -> Any:
        # Only reached for what the catalog does not hold (a rule's own helpers or constants).
        if name.startswith("__") or name == "_rule":
            raise AttributeError(name)
        return getattr(self.loaded(), name)


def origin(rule: Rule) -> str:
    """Where a rule's code is, as module.Class (the cache's fingerprint names every rule's)."""
    if isinstance(rule, CatalogedRule):
        return "%s.%s" % (vars(rule)["module"], vars(rule)["class_name"])
    return "%s.%s" % (type(rule).__module__, type(rule).__qualname__)


def cataloged(entries: Iterable[tuple], plugin: str) -> list[Rule]:
    return [CatalogedRule(entry, plugin) for entry in entries]
