"""Rewrite the .expected and .fixed files of the rule fixtures from jobcheck's current output.

    python scripts/regen_fixture_expectations.py

Only for a deliberate change of messages or fixes: read the resulting `git diff` line by line
before committing it, because the tests take these files as the truth.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers import describe, expected_path, fix, fixed_path, fixture_cases, fixture_settings, lint

for code, path in fixture_cases():
    if not path.name.startswith("bad"):
        continue
    raw = path.read_bytes()
    settings = fixture_settings(raw)
    findings = lint(raw, path=str(path), select=(code,), **settings).findings
    expected_path(path).write_text("".join(describe(f) + "\n" for f in findings), encoding="utf-8")
    fixed = fix(raw, unsafe=True, path=str(path), select=(code,), **settings)
    target = fixed_path(path)
    original = raw.decode("utf-8", "surrogateescape").lstrip("\ufeff")
    if fixed != original:
        target.write_bytes(fixed.encode("utf-8", "surrogateescape"))
    elif target.exists():
        target.unlink()
    print(code, path.name, len(findings), "findings", "fixed" if fixed != original else "")
