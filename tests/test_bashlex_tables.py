"""The stored bashlex parse tables are exactly the ones bashlex would compute."""

import subprocess
import sys

import pytest

from jobcheck.frontends import bashlex_loader

COMPUTE = """
import json, sys
sys.path.insert(0, %r)
from scripts.build_bashlex_tables import computed_table
from jobcheck.frontends import bashlex_loader
import bashlex.parser
from bashlex import yacc
table = computed_table(yacc, bashlex.parser)
print(bashlex_loader.dump_tables(bashlex_loader.grammar_signature(table.grammar), table.lr_action, table.lr_goto))
"""


@pytest.mark.slow
def test_stored_tables_equal_freshly_computed_ones():
    import os

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    # A fresh interpreter: this one may already hold bashlex imported through the loader.
    fresh = subprocess.run([sys.executable, "-c", COMPUTE % root], capture_output=True, text=True, check=True).stdout
    with open(bashlex_loader.TABLES_PATH, encoding="utf-8") as handle:
        assert handle.read() == fresh, "run scripts/build_bashlex_tables.py after upgrading bashlex"


def test_loader_uses_the_stored_tables_and_parses():
    bashlex = bashlex_loader.import_bashlex()
    from bashlex import yacc

    assert yacc.LRTable.__name__ == "LRTable"  # the swap is undone once the package is loaded
    trees = bashlex.parse("for i in 1 2; do echo $(hostname) $i; done\nx=1 srun a | b\n")
    assert [tree.kind for tree in trees] == ["compound", "pipeline"]


def test_tables_for_another_grammar_are_not_used():
    assert bashlex_loader.load_tables("0" * 64) is None
