"""Move jobcheck's flat modules into sub-packages by role and rewrite every import (issue 21, item 3).

Run from the repository root on a clean tree: `python relayout.py [--dry-run]`. On a tree
already moved, `--imports-only` rewrites the old module names in code merged in afterwards. Moves files with
`git mv`, then rewrites imports in jobcheck/, rules/, tests/, benchmarks/ and scripts/: each import
is resolved to the module it names under the old layout, mapped to the new one, and written back
relative (inside jobcheck/ and rules/ where it was relative) or absolute (where it was absolute).
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

MOVES = {
    "jobcheck.model": "jobcheck.model.script",
    "jobcheck.source": "jobcheck.model.source",
    "jobcheck.words": "jobcheck.model.words",
    "jobcheck.pycode": "jobcheck.model.python_code",
    "jobcheck.recipe": "jobcheck.model.recipe",
    "jobcheck.cluster": "jobcheck.model.cluster",
    "jobcheck.recipe_files": "jobcheck.semantics.definition_files",
    "jobcheck.nesting": "jobcheck.frontends.nesting",
    "jobcheck.frontends.raw": "jobcheck.frontends.raw_commands",
    "jobcheck.engine": "jobcheck.engine.linter",
    "jobcheck.engine_codes": "jobcheck.engine.codes",
    "jobcheck.suppressions": "jobcheck.engine.suppressions",
    "jobcheck.fixer": "jobcheck.engine.fixer",
    "jobcheck.cache": "jobcheck.engine.cache",
    "jobcheck.writing": "jobcheck.engine.writing",
    "jobcheck.files": "jobcheck.engine.files",
    "jobcheck.parallel": "jobcheck.cli.parallel",
    "jobcheck.plugins": "jobcheck.plugins.registry",
    "jobcheck.entry_points": "jobcheck.plugins.entry_points",
    "jobcheck.cli": "jobcheck.cli.command",
    "jobcheck.run": "jobcheck.cli.run",
    "jobcheck.config": "jobcheck.cli.config",
    "jobcheck.resolve": "jobcheck.cli.file_settings",
    "jobcheck.profile": "jobcheck.cli.profiles",
    "jobcheck.discovery": "jobcheck.cli.discovery",
    "jobcheck.adopt": "jobcheck.cli.add_suppressions",
    "jobcheck.gc_policy": "jobcheck.cli.gc_policy",
    "jobcheck_rules.crosscheck.request": "jobcheck_rules.crosscheck.slurm_request",
}
NEW_PACKAGES = {
    "jobcheck.model": '"""The parser-neutral model of a job script (what rules see), its source text, shell words,\n'
                      'the Python a job runs, a definition file\'s recipe and a cluster profile. Imports nothing of\n'
                      'jobcheck above it (only jobcheck.patterns). The public types are exported by `jobcheck`\n'
                      'itself."""\n',
    "jobcheck.engine": '"""The engine: Source -> JobScript -> selected rules -> Findings (linter), inline\n'
                       'suppressions, the fixer, the content cache, and reading and writing files safely."""\n',
    "jobcheck.plugins": '"""Plugins: finding them through entry points (entry_points) and loading their rules,\n'
                        'options and launchers into a Registry (registry). The hooks are jobcheck.hookspecs."""\n',
    "jobcheck.cli": '"""The command line: arguments (command), a run over files (run, parallel, discovery),\n'
                    'configuration files, per-file settings and cluster profiles, --add-suppressions, and\n'
                    'the garbage-collector policy of a jobcheck process."""\n\n'
                    "from .command import entry_point, main  # noqa: F401 - console script: jobcheck.cli:entry_point\n",
}
ROOTS = ("jobcheck", "rules", "tests", "benchmarks", "scripts")


def path_of(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "jobcheck_rules":
        parts[0] = "rules"
    base = os.path.join(*parts)
    return base + "/__init__.py" if os.path.isdir(base) else base + ".py"


def module_of(path: str) -> str | None:
    if not path.endswith(".py"):
        return None
    parts = path[:-3].split("/")
    if parts[0] == "rules":
        parts[0] = "jobcheck_rules"
    elif parts[0] != "jobcheck":
        return None
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def main(dry_run: bool, imports_only: bool = False) -> None:
    files = []
    for root in ROOTS:
        for directory, _, names in os.walk(root):
            if "/." in directory or "__pycache__" in directory or "fixtures" in directory.split("/"):
                continue
            files.extend(os.path.join(directory, n) for n in names if n.endswith(".py"))
    old_modules = {m for m in (module_of(f) for f in files) if m}
    if imports_only:   # a tree already moved: code merged in later still names the old modules
        old_modules |= set(MOVES)
    new_name = {}
    for old in old_modules:
        new = MOVES.get(old, old)
        new_name[old] = new

    def mapped(module: str) -> str:
        return new_name.get(module, module)

    def resolve(current: str, current_is_package: bool, level: int, module: str | None) -> str:
        if level == 0:
            return module or ""
        base = current.split(".") if current_is_package else current.split(".")[:-1]
        base = base[:len(base) - (level - 1)]
        return ".".join(base + ([module] if module else []))

    def render_from(target: str, current_new: str, current_is_pkg: bool, relative: bool) -> str:
        if not relative or target.split(".")[0] != current_new.split(".")[0]:
            return target
        here = current_new.split(".") if current_is_pkg else current_new.split(".")[:-1]
        there = target.split(".")
        common = 0
        while common < min(len(here), len(there)) and here[common] == there[common]:
            common += 1
        level = len(here) - common + 1
        return "." * level + ".".join(there[common:])

    rewrites = {}
    for path in files:
        old_mod = module_of(path)
        text = Path(path).read_text(encoding="utf-8")
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        is_pkg = path.endswith("__init__.py")
        new_mod = (old_mod if imports_only else mapped(old_mod)) if old_mod else None
        lines = text.split("\n")
        edits = []  # (lineno, col, end_lineno, end_col, new_text)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                if node.level and old_mod is None:
                    continue
                target = resolve(old_mod or "", is_pkg, node.level, node.module)
                if not target.startswith(("jobcheck", "jobcheck_rules")) or target.split(".")[0] not in (
                        "jobcheck", "jobcheck_rules"):
                    continue
                relative = node.level > 0
                groups: dict[str, list[str]] = {}
                changed = False
                for alias in node.names:
                    sub = target + "." + alias.name
                    if sub in old_modules and alias.name != "*":
                        new_sub = mapped(sub)
                        parent, _, leaf = new_sub.rpartition(".")
                        local = alias.asname or alias.name
                        piece = leaf if leaf == local else "%s as %s" % (leaf, local)
                        groups.setdefault(parent, []).append(piece)
                        changed |= new_sub != sub
                    else:
                        new_target = mapped(target)
                        piece = alias.name if not alias.asname else "%s as %s" % (alias.name, alias.asname)
                        groups.setdefault(new_target, []).append(piece)
                        changed |= new_target != target
                if not changed and (not relative or new_mod == old_mod):
                    continue
                segment = ast.get_source_segment(text, node)
                if len(groups) == 1:
                    (parent, pieces), = groups.items()
                    origin = render_from(parent, new_mod or "", is_pkg, relative)
                    # keep the statement's own layout: only the module part changes
                    m = re.match(r"from\s+(\S+)\s+import\s", segment)
                    names_part = segment[m.end():]
                    original_names = [a.name if not a.asname else "%s as %s" % (a.name, a.asname) for a in node.names]
                    if pieces == original_names:
                        new_text = "from %s import %s" % (origin, names_part)
                    else:
                        new_text = "from %s import %s" % (origin, ", ".join(pieces))
                else:
                    indent = " " * node.col_offset
                    stmts = ["from %s import %s" % (render_from(parent, new_mod or "", is_pkg, relative), ", ".join(p))
                             for parent, p in sorted(groups.items())]
                    new_text = ("\n" + indent).join(stmts)
                if new_text != segment:
                    edits.append((node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, new_text))
            elif isinstance(node, ast.Import):
                pieces = []
                changed = False
                for alias in node.names:
                    name = alias.name
                    new = mapped(name) if name in old_modules else name
                    if new != name:
                        changed = True
                        if alias.asname is None:
                            # `import jobcheck.run` then `jobcheck.run.x`: keep the old spelling reachable
                            pieces.append("%s as %s" % (new, name.rpartition(".")[2]))
                            print("WARN: bare `import %s` in %s: check its uses" % (name, path))
                        else:
                            pieces.append("%s as %s" % (new, alias.asname))
                    else:
                        pieces.append(name if not alias.asname else "%s as %s" % (name, alias.asname))
                if changed:
                    edits.append((node.lineno, node.col_offset, node.end_lineno, node.end_col_offset,
                                  "import " + ", ".join(pieces)))
        if edits:
            offsets = [0]
            for line in lines:
                offsets.append(offsets[-1] + len(line) + 1)
            # ast columns are UTF-8 byte offsets; import lines are ASCII
            for lineno, col, end_lineno, end_col, new_text in sorted(edits, reverse=True):
                start = offsets[lineno - 1] + col
                end = offsets[end_lineno - 1] + end_col
                text = text[:start] + new_text + text[end:]
            rewrites[path] = text
    if imports_only:
        for path, text in rewrites.items():
            print("rewrite", path)
            if not dry_run:
                Path(path).write_text(text, encoding="utf-8")
        return
    for path, text in rewrites.items():
        if dry_run:
            print("rewrite", path)
        else:
            Path(path).write_text(text, encoding="utf-8")
    # move the files (source paths first: a new package folder may take a moved module's name)
    moves = [(path_of(old), new.replace("jobcheck_rules", "rules", 1).replace(".", "/") + ".py")
             for old, new in sorted(MOVES.items())]
    for src, dst in moves:
        if not os.path.exists(src):
            print("MISSING", src)
            continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if dry_run:
            print("git mv", src, dst)
        else:
            subprocess.run(["git", "mv", src, dst], check=True)
    # entry-point style references in strings ("jobcheck.entry_points:EntryPoint.load")
    for root in ("tests", "benchmarks", "scripts"):
        for directory, _, names in os.walk(root):
            for name in names:
                if not name.endswith(".py"):
                    continue
                path = os.path.join(directory, name)
                text = original = Path(path).read_text(encoding="utf-8")
                for old, new in MOVES.items():
                    text = re.sub(r"([\"'])%s:" % re.escape(old), r"\g<1>%s:" % new, text)
                if text != original and not dry_run:
                    Path(path).write_text(text, encoding="utf-8")
    # the explicit package list of the distribution
    text = Path("pyproject.toml").read_text(encoding="utf-8")
    listed = re.search(r'packages = \[\n    "jobcheck", [^\n]*\n', text)
    if listed and '"jobcheck.model"' not in text and not dry_run:
        text = text[:listed.start()] + (
            'packages = [\n'
            '    "jobcheck", "jobcheck.model", "jobcheck.knowledge", "jobcheck.semantics", "jobcheck.frontends",\n'
            '    "jobcheck.plugins", "jobcheck.engine", "jobcheck.reporters", "jobcheck.documents", "jobcheck.cli",\n'
            '    "jobcheck.server",\n') + text[listed.end():]
        Path("pyproject.toml").write_text(text, encoding="utf-8")
    for package, body in NEW_PACKAGES.items():
        init = package.replace(".", "/") + "/__init__.py"
        if not dry_run:
            Path(init).write_text(body, encoding="utf-8")
            subprocess.run(["git", "add", init], check=True)


if __name__ == "__main__":
    main("--dry-run" in sys.argv, "--imports-only" in sys.argv)
