"""Shared test helpers: run the real engine (plugins loaded through entry points) on text."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jobcheck.engine.fixer import fix_source
from jobcheck.engine.linter import Linter
from jobcheck.model.source import Source
from jobcheck.plugins import registry as plugins
from jobcheck.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
RULE_FIXTURES = FIXTURES / "rules"


@cache
def registry():
    return plugins.load(third_party=False)


def linter(select=("ALL",), parser=None, **kwargs) -> Linter:
    return Linter(registry(), Settings(select=tuple(select), parser=parser, **kwargs))


def lint(text: str | bytes, path: str = "job.sh", **kwargs):
    """Check `text` as if it were the file `path` (rules that look at the file system see `path`)."""
    source = Source.from_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape"), path)
    return linter(**kwargs).check_source(source)


def fix(text: str | bytes, unsafe: bool = True, path: str = "job.sh", **kwargs) -> str:
    source = Source.from_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape"), path)
    engine = linter(**kwargs)
    return fix_source(source, lambda s: engine.check_source(s).findings, unsafe, parses=engine.parses).text


def describe(finding) -> str:
    """One finding as a line of a fixture's .expected file: position, code, severity, fix, message."""
    applicability = finding.fix.applicability.value if finding.fix is not None else "no-fix"
    return "%d:%d-%d:%d %s %s %s %s" % (
        finding.line,
        finding.column,
        finding.end_line,
        finding.end_column,
        finding.code,
        finding.severity.value,
        applicability,
        finding.message,
    )


FIXTURE_SETTING_RE = re.compile(
    rb"^# fixture: --(slurm-version|apptainer-version|container-runtime|scheduler|profile"
    rb"|lsf-unit-for-limits) (\S+)$",
    re.MULTILINE,
)


def fixture_settings(raw: bytes) -> dict:
    """A fixture may pin settings with comment lines: `# fixture: --slurm-version 22.05`,
    `# fixture: --apptainer-version 1.2`, `# fixture: --container-runtime singularityce`,
    `# fixture: --profile example-site.toml` (a file in fixtures/profiles/)."""
    from jobcheck.cli.profiles import load

    settings = {}
    for m in FIXTURE_SETTING_RE.finditer(raw):
        name, value = m.group(1).decode(), m.group(2).decode()
        if name == "profile":
            settings["profile"] = load(str(FIXTURES / "profiles" / value))
        elif name == "lsf-unit-for-limits":
            settings.setdefault("options", {})[name] = value  # a plugin option, not a Settings field
        else:
            settings[name.replace("-", "_")] = value
    return settings


def fixture_cases():
    """(rule code, fixture path) for every bad/good fixture file under fixtures/rules/."""
    cases = []
    for rule_dir in sorted(RULE_FIXTURES.iterdir()):
        for path in sorted(rule_dir.iterdir()):
            if path.suffix == ".expected" or ".fixed." in path.name or path.is_dir():
                continue
            cases.append((rule_dir.name, path))
    return cases


def expected_path(path: Path) -> Path:
    return path.with_name(path.stem + ".expected")


def fixed_path(path: Path) -> Path:
    return path.with_name(path.stem + ".fixed" + path.suffix)


def require_oracle(problem: str | None, what: str) -> None:
    """Skip a differential test without its real scheduler; under CI=true that is a failure."""
    import os

    import pytest

    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail("the %s differential test must run in CI: %s" % (what, problem))
        pytest.skip(problem)


def case_script(lines, last_line: str) -> bytes:
    """A differential case's file: bytes as they are, else lines after `#!/bin/bash`, then `last_line`."""
    if isinstance(lines, bytes):
        return lines
    return ("#!/bin/bash\n" + "\n".join(lines) + "\n" + last_line + "\n").encode()


def verdict_problem(findings, expect: str, codes) -> str | None:
    """What is wrong with jobcheck's findings on a differential case, or None: `reject` and
    `launch` want errors from exactly the rules `codes`; `silent` no error and warnings from
    exactly `codes`; `ok` and `comment` nothing at warning or above."""
    errors = sorted({f.code for f in findings if f.severity.value == "error"})
    warnings = sorted({f.code for f in findings if f.severity.value == "warning"})
    wanted = {"reject": (sorted(codes), None), "launch": (sorted(codes), None), "silent": ([], sorted(codes))}.get(
        expect, ([], [])
    )
    if errors == wanted[0] and wanted[1] in (None, warnings):
        return None
    return "%s expects errors %s%s; jobcheck reports %s" % (
        expect,
        wanted[0],
        "" if wanted[1] is None else " and warnings %s" % wanted[1],
        ["%s %s %s" % (f.code, f.severity.value, f.message) for f in findings if f.severity.value != "info"],
    )
