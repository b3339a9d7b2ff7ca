"""The code checks itself: lint, format, types and dead code, configured in pyproject.toml.

Each tool runs on the repository as a developer would run it (`ruff check`, `ruff format
--check`, `mypy`, `vulture`), from this interpreter's environment (the `test` extra installs
them), and its own report is the failure message.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Vulture's 80%: unused imports, variables and arguments, and unreachable code. Below that it also
# lists every rule class, reporter and hook implementation (found by registries and decorators).
VULTURE_MIN_CONFIDENCE = "80"


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False, timeout=600
    )


def _report(done: subprocess.CompletedProcess) -> str:
    return "exit status %d\n%s%s" % (done.returncode, done.stdout, done.stderr)


def test_ruff_finds_nothing():
    done = _run("ruff", "check", "--no-cache", ".")
    assert done.returncode == 0, _report(done)
    assert "All checks passed!" in done.stdout


def test_code_is_formatted():
    done = _run("ruff", "format", "--check", "--no-cache", ".")
    assert done.returncode == 0, _report(done)


@pytest.mark.slow
def test_mypy_finds_nothing():
    done = _run("mypy")  # files and options: [tool.mypy] in pyproject.toml
    assert done.returncode == 0, _report(done)
    assert done.stdout.startswith("Success: no issues found"), _report(done)


def test_every_rule_check_is_typed():
    """mypy checks a rule's body against the model only when its check() is annotated."""
    import jobcheck_rules

    untyped = [
        rule.code
        for rule in jobcheck_rules.jobcheck_rules()
        if not {"script", "settings", "return"} <= set(rule.check.__annotations__)
    ]
    assert untyped == []


def test_vulture_finds_no_dead_code():
    done = _run("vulture", "jobcheck", "rules", "--min-confidence", VULTURE_MIN_CONFIDENCE)
    assert done.returncode == 0, _report(done)
    assert done.stdout == "", _report(done)
