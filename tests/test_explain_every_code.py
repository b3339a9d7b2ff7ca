"""`--explain` knows every code jobcheck can print, and `--list-rules` is made from the rules."""

from __future__ import annotations

import re

import pytest

from jobcheck import engine
from jobcheck.cli import main
from jobcheck.config import ENGINE_SELECTORS
from jobcheck.documents.check import PLACEHOLDER
from jobcheck.engine_codes import ENGINE_CODES

from .helpers import ROOT, registry

RULES = registry().rules
# Codes the package writes as a literal `("JC000", "internal-error")` pair: what the engine and
# the document reader put in findings of their own, outside the rule classes.
EMITTED_PAIR_RE = re.compile(r'\(\s*"(JC\d{3})",\s*"([a-z][a-z0-9-]*)"\s*\)')


def emitted_outside_rules() -> set[tuple[str, str]]:
    return {
        m.groups()
        for path in (ROOT / "jobcheck").rglob("*.py")
        for m in EMITTED_PAIR_RE.finditer(path.read_text(encoding="utf-8"))
    }


def test_every_code_emitted_outside_the_rules_is_an_engine_code():
    documented = {(e.code, e.name) for e in ENGINE_CODES}
    emitted = emitted_outside_rules()
    assert ("JC003", "not-a-text-file") in emitted  # the scan finds what the engine writes
    assert emitted <= documented
    assert set(engine.ENGINE_CODES) | {PLACEHOLDER} == documented
    assert set(ENGINE_SELECTORS) == documented  # --select/--ignore accept each of them


def test_engine_codes_do_not_collide_with_rules():
    assert not {e.code for e in ENGINE_CODES} & {r.code for r in RULES}
    assert not {e.name for e in ENGINE_CODES} & {r.name for r in RULES}


ALL_CODES = [r.code for r in RULES] + [e.code for e in ENGINE_CODES]


@pytest.mark.parametrize("code", ALL_CODES)
def test_explain_prints_the_docs_of_every_code(code, capsys):
    assert main(["--explain", code]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# %s (" % code)
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Fix safety"):
        assert heading in out, "--explain %s lacks %r" % (code, heading)


def test_explain_finds_an_engine_code_by_name(capsys):
    assert main(["--explain", "unused-suppression"]) == 0
    assert capsys.readouterr().out.startswith("# JC005 (unused-suppression)\n\nSeverity: warning. Fix: none.")


def test_list_rules_is_made_from_the_registry(capsys):
    assert main(["--list-rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "fix", "plugin", "summary"]
    rows = [line.split(None, 5) for line in lines[1:]]
    assert rows == [
        [r.code, r.name, r.severity.value, r.fix_availability, r.plugin, ("(opt-in) " if r.opt_in else "") + r.summary]
        for r in RULES
    ]
