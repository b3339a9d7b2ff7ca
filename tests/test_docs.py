"""Every rule is documented: in --explain (what, why, example, fix) and in the README table."""

from __future__ import annotations

import pytest

from .helpers import ROOT, registry

README = (ROOT / "README.md").read_text(encoding="utf-8")
RULES = registry().rules


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_docs_have_every_section(rule):
    docs = rule.docs()
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Fix safety"):
        assert heading in docs, "%s docs lack %r" % (rule.code, heading)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_is_in_the_readme_table(rule):
    assert "| %s | %s | %s |" % (rule.code, rule.name, rule.severity.value) in README
