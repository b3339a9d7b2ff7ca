"""Helpers for testing a rule pack: run rules on a text and get their findings.

from jobcheck.testing import check
findings = check("#!/bin/bash\\n#SBATCH -p login\\n", select=["XS001"], options={"forbidden": ["login"]})
assert [(f.code, f.line) for f in findings] == [("XS001", 2)]
"""

from __future__ import annotations

from .engine.fixer import fix_source
from .engine.linter import Linter
from .model.source import Source
from .plugins.registry import load
from .rule import Finding
from .settings import Settings


def check(text: str, select=("ALL",), path: str = "job.sh", plugins=(), options=None, **settings) -> list[Finding]:
    """The findings of the installed rules (plus `plugins`, objects with hook functions) on `text`."""
    linter = _linter(select, plugins, options, settings)
    return linter.check_source(Source.from_text(text, path)).findings


def fix(
    text: str, select=("ALL",), unsafe: bool = False, path: str = "job.sh", plugins=(), options=None, **settings
) -> str:
    """`text` after jobcheck's fixes (safe ones; `unsafe=True` adds the others)."""
    linter = _linter(select, plugins, options, settings)
    source = Source.from_text(text, path)
    return fix_source(source, lambda s: linter.check_source(s).findings, unsafe, parses=linter.parses).text


def _linter(select, plugins, options, settings) -> Linter:
    registry = load(extra_plugins=tuple(plugins))
    values = {o.name: o.default for o in registry.options}
    values.update(options or {})
    return Linter(registry, Settings(select=tuple(select), options=values, **settings))
