"""The built-in rules' catalog (`rules/catalog.py`): each rule's metadata and where its class is,
so that a run imports only the rules that can report on its files. Made from the rule classes
themselves, found by walking every module of the `jobcheck_rules` package.

    python scripts/rule_catalog.py --write    # rewrite rules/catalog.py
    python scripts/rule_catalog.py --check    # exit 1 (and show the difference) when it is stale
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import inspect
import pkgutil
import sys
from pathlib import Path

import jobcheck_rules
from jobcheck import Rule

CATALOG = Path(__file__).resolve().parent.parent / "rules" / "catalog.py"
HEADER = '''"""Every built-in rule: (code, name, severity, summary, fix availability, opt-in, languages,
schedulers, module, class). Made by `python scripts/rule_catalog.py --write` from the rule classes;
do not edit by hand (a test fails when it is stale). The registry reads this instead of importing
177 rule modules; a rule's module is imported when a file it can report on is checked."""

# ruff: noqa: E501
# fmt: off
RULES = (
'''
FOOTER = ")\n"


def rule_classes() -> list[type[Rule]]:
    """Every concrete rule class of the package: a Rule subclass that sets its own code."""
    found = []
    for info in pkgutil.walk_packages(jobcheck_rules.__path__, jobcheck_rules.__name__ + "."):
        if info.name == jobcheck_rules.__name__ + ".catalog":
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, Rule)
                and value.__module__ == module.__name__
                and "code" in vars(value)
            ):
                found.append(value)
    return sorted(found, key=lambda rule: rule.code)


def entry(rule: type[Rule]) -> str:
    fields = (
        rule.code,
        rule.name,
        rule.severity.value,
        rule.summary,
        rule.fix_availability,
        rule.opt_in,
        tuple(rule.languages),
        tuple(rule.schedulers),
        rule.__module__,
        rule.__qualname__,
    )
    return "    %r,\n" % (fields,)


def catalog() -> str:
    return HEADER + "".join(entry(rule) for rule in rule_classes()) + FOOTER


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="rewrite rules/catalog.py")
    action.add_argument("--check", action="store_true", help="exit 1 when rules/catalog.py is stale")
    args = parser.parse_args(argv)
    wanted = catalog()
    current = CATALOG.read_text(encoding="utf-8") if CATALOG.exists() else ""
    if args.write:
        if current != wanted:
            CATALOG.write_text(wanted, encoding="utf-8")
        return 0
    if current == wanted:
        return 0
    sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), wanted.splitlines(True), str(CATALOG), "made"))
    print("rules/catalog.py is stale: run python scripts/rule_catalog.py --write", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
