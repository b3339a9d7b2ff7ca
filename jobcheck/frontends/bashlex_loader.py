"""Import bashlex without rebuilding its parse tables on every start.

bashlex's vendored yacc never reads its shipped parsetab: each import recomputes the LALR
tables of bash's grammar, about 100 ms, which is most of a one-file run's start-up. Here the
package's `__init__` runs only after its `yacc.LRTable` has been swapped for one that takes
the tables from `bashlex_tables.json` when they were computed for exactly this grammar (its
productions and precedence, stored as text). Any other grammar (a newer bashlex) gets the tables
computed as before, so a stale file costs time, never correctness.

Regenerate the file with `python scripts/build_bashlex_tables.py`.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import sys
from typing import Any

TABLES_PATH = os.path.join(os.path.dirname(__file__), "bashlex_tables.json")


def grammar_signature(grammar) -> str:
    """The grammar the tables are for: its productions and precedence, as text. Stored and
    compared whole (a few kilobytes): exact, and a run needs no hash library for it."""
    text = "\n".join(str(production) for production in grammar.Productions)
    return text + "\n" + repr(sorted(grammar.Precedence.items()))


def load_tables(signature: str) -> tuple[dict, dict] | None:
    try:
        with open(TABLES_PATH, encoding="utf-8") as handle:
            stored = json.load(handle)
    except (OSError, ValueError):
        return None
    if stored.get("signature") != signature:
        return None
    action = {int(state): moves for state, moves in stored["action"].items()}
    goto = {int(state): moves for state, moves in stored["goto"].items()}
    return action, goto


def dump_tables(signature: str, action: dict, goto: dict) -> str:
    return json.dumps(
        {
            "signature": signature,
            "action": {str(state): moves for state, moves in action.items()},
            "goto": {str(state): moves for state, moves in goto.items()},
        },
        sort_keys=True,
        separators=(",", ":"),
    )


def _table_class(computed: Any) -> type:
    class StoredLRTable(computed):
        def __init__(self, grammar, log=None):
            tables = load_tables(grammar_signature(grammar))
            if tables is None:
                super().__init__(grammar, log)
                return
            # What LRParser and yacc() read from a table; the rest only matters while computing.
            self.grammar = grammar
            self.lr_action, self.lr_goto = tables
            self.lr_productions = grammar.Productions
            self.sr_conflicts, self.rr_conflicts = [], []

    return StoredLRTable


def import_bashlex():
    """The bashlex module, imported with the stored tables (once per process)."""
    if "bashlex" in sys.modules:
        return sys.modules["bashlex"]
    spec = importlib.util.find_spec("bashlex")
    if spec is None or spec.loader is None:
        raise ImportError("bashlex is not installed")
    package = importlib.util.module_from_spec(spec)
    sys.modules["bashlex"] = package  # lets `bashlex.yacc` import before the package body runs
    try:
        yacc: Any = importlib.import_module("bashlex.yacc")
        computed = yacc.LRTable
        yacc.LRTable = _table_class(computed)
        try:
            spec.loader.exec_module(package)
        finally:
            yacc.LRTable = computed
    except BaseException:
        for name in [name for name in sys.modules if name == "bashlex" or name.startswith("bashlex.")]:
            del sys.modules[name]
        raise
    return package
