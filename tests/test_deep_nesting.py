"""Code nested beyond any parser's depth is reported as unparseable; it never takes the run down
(libcst's native parser crashed the whole process on such input)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from jobcheck.frontends.nesting import python_too_deep
from jobcheck.frontends.python_frontend import analyse_code

from .helpers import lint

HEADER = "#!/bin/bash\n#SBATCH --time=10\n"
DEEP_LIST = "x=" + "[" * 1300 + "]" * 1300
LONG_SUM = "x=" + "1+" * 8000 + "1"
CASES = {
    "deep.py": "#!/usr/bin/env python3\n#SBATCH --time=10\n" + DEEP_LIST + "\n",
    "inline.sh": HEADER + 'python -c "' + LONG_SUM + '"\n',
    "heredoc.sh": HEADER + "python - <<'EOF'\n" + DEEP_LIST + "\nEOF\n",
}


@pytest.mark.slow
def test_a_folder_with_deeply_nested_python_is_checked_to_the_end(tmp_path):
    for name, text in CASES.items():
        (tmp_path / name).write_text(text)
    for n in range(10):
        (tmp_path / ("job%02d.sh" % n)).write_text("#!bin/bash\n#SBATCH --time=10\nsrun hostname\n")
    run = subprocess.run(
        [sys.executable, "-m", "jobcheck", "--no-cache", "--format", "json", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    assert len(report["files"]) == 13
    by_file = {}
    for finding in report["findings"]:
        by_file.setdefault(finding["path"], []).append((finding["code"], finding["line"], finding["message"]))
    assert by_file["./deep.py"] == [
        (
            "JC401",
            1,
            "Python syntax error in this Python job script: nested too deeply "
            "to parse (CPython: too many nested parentheses); not checked",
        )
    ]
    assert by_file["./heredoc.sh"] == [
        (
            "JC401",
            4,
            "Python syntax error in the Python heredoc: nested too deeply "
            "to parse (CPython: too many nested parentheses); not checked",
        )
    ]
    [(code, line, message)] = by_file["./inline.sh"]
    assert (code, line) == ("JC401", 3) and message.startswith(
        "Python syntax error in the `python -c` code: nested too deeply to parse ("
    )
    assert [code for code, _, _ in by_file["./job07.sh"]] == ["JC002"]


@pytest.mark.parametrize(
    "code, reason",
    [
        ("x = $y\n" + LONG_SUM + "\n", "over 1000 operators chained in one expression"),
        # brackets inside strings count too: the scan is an upper bound, and CPython already refused this code
        ("print 'a'\nx = '" + "(" * 250 + "'\n", "brackets nested 250 deep (Python allows 200)"),
    ],
)
def test_code_cpython_rejects_goes_to_libcst_only_within_the_bounds(code, reason):
    found = analyse_code(code, range(len(code) + 1), "script")
    assert found.syntax_error.message == "nested too deeply to parse (%s); not checked" % reason


def test_real_code_is_within_the_bounds():
    assert python_too_deep("x = " + "+".join(["a"] * 900) + "\ny = " + "[" * 200 + "]" * 200 + "\n") is None
    assert python_too_deep("x = (1 +\n" * 150 + "1" + ")" * 150 + "\n") is None


def test_the_rest_of_the_script_is_still_checked():
    result = lint(HEADER + 'python -c "' + LONG_SUM + '"\n' + "export DATA='$HOME/data'\n")
    assert [f.code for f in result.findings] == ["JC401", "JC010"]
