"""jobcheck: a linter, static checker and autofixer for HPC batch job scripts.

The public API for rule packs and plugins is what this module exports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model.script import (
    Assignment,
    Command,
    Directive,
    DirectiveOption,
    Heredoc,
    JobScript,
    Redirect,
    Shebang,
    Word,
    derived_fact,
)
from .rule import Applicability, Diagnostic, Edit, Finding, Fix, Rule, Severity
from .settings import Option, Settings

__version__ = "0.3.0"

if TYPE_CHECKING:
    from .hookspecs import hookimpl


def __getattr__(name: str) -> Any:
    # `jobcheck.hookimpl` is pluggy's marker: pluggy loads when a plugin asks for it, not on
    # every run (a run with only the built-in pack never calls pluggy).
    if name == "hookimpl":
        from .hookspecs import hookimpl

        return hookimpl
    raise AttributeError("module %r has no attribute %r" % (__name__, name))


__all__ = [
    "Applicability",
    "Assignment",
    "Command",
    "Diagnostic",
    "Directive",
    "DirectiveOption",
    "Edit",
    "Finding",
    "Fix",
    "Heredoc",
    "JobScript",
    "Option",
    "Redirect",
    "Rule",
    "Settings",
    "Severity",
    "Shebang",
    "Word",
    "__version__",
    "derived_fact",
    "hookimpl",
]
