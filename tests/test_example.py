"""The README's example job (the product card's defects, in our own words), end to end."""

from __future__ import annotations

from .helpers import FIXTURES, fix, lint

EXAMPLE = FIXTURES / "examples" / "train-llm.sh"
FIXED = FIXTURES / "examples" / "train-llm.fixed.sh"


def test_every_defect_is_reported_and_the_bash_c_line_is_not():
    result = lint(EXAMPLE.read_bytes(), path="train-llm.sh")
    assert [(f.line, f.code) for f in result.findings] == [
        (1, "JC002"),
        (15, "JC010"),
        (16, "JC010"),
        (17, "JC010"),
        (18, "JC010"),
        (22, "JC309"),  # the use site of line 15's literal `$HOME/datasets/alpaca`
        (24, "JC202"),
        (25, "JC202"),
        (26, "JC202"),
        (27, "JC201"),
    ]
    # line 29-30: `/bin/bash -c '... $HOME ...'` inside the container is meant to expand there
    assert all(f.line < 29 for f in result.findings)


def test_fix_with_unsafe_fixes_gives_the_corrected_script_and_is_a_fixpoint():
    fixed = fix(EXAMPLE.read_bytes(), unsafe=True, path="train-llm.sh")
    assert fixed == FIXED.read_text(encoding="utf-8")
    assert fix(fixed.encode(), unsafe=True, path="train-llm.sh") == fixed
    assert lint(fixed.encode(), path="train-llm.sh").findings == []


def test_both_front_ends_agree_on_the_example():
    bashlex = lint(EXAMPLE.read_bytes(), path="x.sh", parser="bashlex")
    tree_sitter = lint(EXAMPLE.read_bytes(), path="x.sh", parser="tree-sitter")
    assert bashlex.parser == "bashlex" and tree_sitter.parser == "tree-sitter"
    assert bashlex.findings == tree_sitter.findings
