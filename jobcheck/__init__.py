"""jobcheck: a linter, static checker and autofixer for HPC batch job scripts.

The public API for rule packs and plugins is what this module exports.
"""

from __future__ import annotations

from .hookspecs import hookimpl
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
