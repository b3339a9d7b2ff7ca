"""The README's table of rules, made from the rule classes (code, name, default severity, fix,
opt-in, summary), so that it cannot drift from what `jobcheck --list-rules` prints.

    python scripts/rule_table.py --write    # rewrite the table between the markers in README.md
    python scripts/rule_table.py --check    # exit 1 (and show the difference) when it is stale
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from jobcheck import plugins

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN = "<!-- rule table: made by `python scripts/rule_table.py --write` from the rules; do not edit by hand -->"
END = "<!-- end of the rule table -->"
FIX_WORDS = {"always": "yes", "sometimes": "sometimes", "none": ""}


def table(rules) -> str:
    lines = ["| code | name | default | fix | what |", "| --- | --- | --- | --- | --- |"]
    for rule in rules:
        what = ("(opt-in) " if rule.opt_in else "") + rule.summary.replace("|", "\\|")
        lines.append(
            "| %s | %s | %s | %s | %s |"
            % (rule.code, rule.name, rule.severity.value, FIX_WORDS[rule.fix_availability], what)
        )
    return "\n".join(lines) + "\n"


def with_table(readme: str, rules) -> str:
    """`readme` with the text between the markers replaced by the table of `rules`."""
    start, end = readme.find(BEGIN), readme.find(END)
    if start < 0 or end < start:
        raise SystemExit("rule_table: README.md has no %r ... %r markers" % (BEGIN, END))
    return readme[:start] + BEGIN + "\n" + table(rules) + readme[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="rewrite the table in the README")
    action.add_argument("--check", action="store_true", help="exit 1 when the README's table is stale")
    parser.add_argument("--readme", type=Path, default=README, help="the README to read (default: %(default)s)")
    args = parser.parse_args(argv)
    current = args.readme.read_text(encoding="utf-8")
    wanted = with_table(current, plugins.load(third_party=False).rules)
    if args.write:
        if wanted != current:
            args.readme.write_text(wanted, encoding="utf-8")
        return 0
    if wanted == current:
        return 0
    sys.stdout.writelines(
        difflib.unified_diff(
            current.splitlines(True), wanted.splitlines(True), str(args.readme), "generated from the rules"
        )
    )
    print("rule_table: the README's rule table is stale: run `python scripts/rule_table.py --write`", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
