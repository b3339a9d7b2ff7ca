"""jobcheck against a real Grid Engine: `qsub -w v` on the one-host cell of tests/sge/cell.sh.

`qsub -w v` sends the job to the qmaster for verification without queueing it: it refuses what
a submission would refuse. Without the cell these tests skip, except under CI=true.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from .helpers import case_script, lint, registry, require_oracle, verdict_problem
from .sge.cases import CASES

SGE_ENV = {"SGE_ROOT": "/var/lib/gridengine", "SGE_CELL": "default"}
SUBMIT_USER = "jcsge"  # Grid Engine refuses jobs of uids below 1000


def _cell_problem() -> str | None:
    if shutil.which("qsub") is None or not os.path.isdir(SGE_ENV["SGE_ROOT"] + "/default"):
        return "Grid Engine is not installed (run tests/sge/cell.sh start)"
    probe = subprocess.run(["qstat", "-f"], capture_output=True, text=True, timeout=30, env=dict(os.environ, **SGE_ENV))
    if "all.q@" not in probe.stdout:
        return "no Grid Engine qmaster answers (run tests/sge/cell.sh start)"
    if os.geteuid() != 0:
        return "the test submits as the user %s and needs root to switch to it" % SUBMIT_USER
    return None


@pytest.fixture(scope="module")
def cell():
    require_oracle(_cell_problem(), "Grid Engine")


def script_for(lines) -> bytes:
    return case_script(lines, "echo done")


@pytest.fixture(scope="module")
def submit_root():
    """A folder the submitting user can enter (pytest's own tmp folders are root-only)."""
    import tempfile

    folder = tempfile.mkdtemp(prefix="jobcheck-sge-")
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def qsub_accepts(root, case_id, text) -> tuple[bool, str]:
    from pathlib import Path

    folder = Path(root) / case_id
    folder.mkdir()
    os.chmod(folder, 0o777)
    path = folder / "job.sh"
    path.write_bytes(text)
    os.chmod(path, 0o644)
    command = "cd %s && qsub -w v job.sh" % folder
    proc = subprocess.run(
        ["su", SUBMIT_USER, "-c", command], capture_output=True, text=True, timeout=60, env=dict(os.environ, **SGE_ENV)
    )
    return proc.returncode == 0, (proc.stdout + proc.stderr).strip()


def test_enough_cases_of_every_kind():
    kinds = [expect for _, expect, _, _ in CASES]
    assert len(CASES) >= 100
    assert set(kinds) == {"ok", "reject", "silent", "launch"}
    assert len({case_id for case_id, _, _, _ in CASES}) == len(CASES)


def test_every_case_names_the_rules_it_expects():
    known = {r.code for r in registry().rules}
    for case_id, expect, codes, _ in CASES:
        assert bool(codes) == (expect != "ok"), case_id
        assert set(codes) <= known, case_id


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_jobcheck_agrees_with_qsub(case, cell, submit_root):
    case_id, expect, codes, lines = case
    text = script_for(lines)
    accepted, output = qsub_accepts(submit_root, case_id, text)
    assert accepted == (expect != "reject"), "qsub -w v %s it: %s" % ("accepts" if accepted else "refuses", output)
    _agree(case_id, expect, codes, text)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_expectations_hold_without_the_cell(case):
    case_id, expect, codes, lines = case
    _agree(case_id, expect, codes, script_for(lines))


def _agree(case_id, expect, codes, text):
    findings = lint(text, path=case_id + ".sh").findings
    assert verdict_problem(findings, expect, codes) is None, verdict_problem(findings, expect, codes)
