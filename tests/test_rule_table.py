"""The README's rule table is the one scripts/rule_table.py makes from the rules."""

from __future__ import annotations

import subprocess
import sys

from .helpers import ROOT, registry

SCRIPT = ROOT / "scripts" / "rule_table.py"


def rule_table(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT)


def test_the_readme_table_is_generated_from_the_rules():
    done = rule_table("--check")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_stale_table_is_found_and_rewritten(tmp_path):
    rule = registry().rules[0]
    readme = tmp_path / "README.md"
    fresh = (ROOT / "README.md").read_text(encoding="utf-8")
    row = "| %s | %s | %s |" % (rule.code, rule.name, rule.severity.value)
    assert row in fresh
    stale = "| %s | %s | info |" % (rule.code, rule.name)
    readme.write_text(fresh.replace(row, stale, 1), encoding="utf-8")
    done = rule_table("--check", "--readme", str(readme))
    assert done.returncode == 1
    assert "\n-" + stale in done.stdout and "\n+" + row in done.stdout
    assert "rule table is stale" in done.stderr
    assert rule_table("--write", "--readme", str(readme)).returncode == 0
    assert readme.read_text(encoding="utf-8") == fresh
