"""The README's rule table is the one scripts/rule_table.py makes from the rules."""

from __future__ import annotations

from scripts import rule_table

from .helpers import ROOT, registry


def test_the_readme_table_is_generated_from_the_rules(capsys):
    assert rule_table.main(["--check"]) == 0, capsys.readouterr()


def test_a_stale_table_is_found_and_rewritten(tmp_path, capsys):
    rule = registry().rules[0]
    readme = tmp_path / "README.md"
    fresh = (ROOT / "README.md").read_text(encoding="utf-8")
    row = "| %s | %s | %s |" % (rule.code, rule.name, rule.severity.value)
    stale = "| %s | %s | info |" % (rule.code, rule.name)
    readme.write_text(fresh.replace(row, stale, 1), encoding="utf-8")  # the rule table comes first
    assert rule_table.main(["--check", "--readme", str(readme)]) == 1
    out, err = capsys.readouterr()
    assert "\n-" + stale in out and "\n+" + row in out
    assert "rule table is stale" in err
    assert rule_table.main(["--write", "--readme", str(readme)]) == 0
    assert readme.read_text(encoding="utf-8") == fresh
