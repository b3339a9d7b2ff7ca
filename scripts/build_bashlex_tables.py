"""Write jobcheck/frontends/bashlex_tables.json: bashlex's LALR tables, computed once.

Run after upgrading bashlex (tests/test_bashlex_tables.py fails when the stored tables are
for another grammar).
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from jobcheck.frontends import bashlex_loader


def main() -> None:
    import bashlex.parser  # the plain import computes the tables itself
    from bashlex import yacc

    table = computed_table(yacc, bashlex.parser)
    signature = bashlex_loader.grammar_signature(table.grammar)
    text = bashlex_loader.dump_tables(signature, table.lr_action, table.lr_goto)
    with open(bashlex_loader.TABLES_PATH, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    print("wrote %s (%d states)" % (bashlex_loader.TABLES_PATH, len(table.lr_action)))


def computed_table(yacc, module):
    """The LRTable yacc() computes from bashlex.parser's rules, before bashlex.parser patches
    its copy of the action table (the stored tables must be the unpatched ones)."""
    captured = {}
    computed = yacc.LRTable

    class Capture(computed):
        def __init__(self, grammar, log=None):
            super().__init__(grammar, log)
            captured["table"] = self

    yacc.LRTable = Capture
    try:
        yacc.yacc(module=module, debug=False, write_tables=False)
    finally:
        yacc.LRTable = computed
    return captured["table"]


if __name__ == "__main__":
    main()
