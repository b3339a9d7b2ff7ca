"""A template's placeholders are reported once each, as placeholders: no other rule describes
the template's text as a malformed value, a stray word or a cut line."""

from __future__ import annotations

from pathlib import Path

from .helpers import lint

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "JC126"


def test_only_the_placeholder_rule_speaks_about_a_template():
    raw = (FIXTURES / "bad-templates.sh").read_bytes()
    findings = lint(raw, path="bad-templates.sh").findings
    assert [(f.code, f.line) for f in findings] == [("JC126", line) for line in range(2, 11)]


def test_tool_placeholders_are_info_and_a_persons_are_warnings():
    raw = (FIXTURES / "bad-templates.sh").read_bytes()
    severities = {f.line: f.severity.value for f in lint(raw, path="bad-templates.sh").findings}
    assert [severities[line] for line in range(2, 11)] == ["info"] * 6 + ["warning"] * 3


def test_a_placeholder_split_by_blanks_is_one_finding():
    text = b"#!/bin/bash\n#SBATCH --mail-user=[your email address]\n#SBATCH -A <project id>  # ours\nsrun x\n"
    findings = lint(text, path="job.sh").findings
    assert [(f.code, f.line, f.column, f.end_column) for f in findings] == [("JC126", 2, 21, 41), ("JC126", 3, 12, 24)]
