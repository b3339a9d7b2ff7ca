"""Realistic, working job scripts: jobcheck must not raise a warning or an error on any of them
(false alarms are bugs). Info-level advice is allowed."""

from __future__ import annotations

import pytest

from .helpers import FIXTURES, describe, lint

CLEAN = sorted((FIXTURES / "clean").iterdir())


def test_there_are_at_least_twenty_clean_scripts():
    assert len(CLEAN) >= 20


@pytest.mark.parametrize("path", CLEAN, ids=[p.name for p in CLEAN])
def test_no_warning_or_error_on_a_working_script(path):
    result = lint(path.read_bytes(), path=path.name)
    loud = [describe(f) for f in result.findings if f.severity.value in ("error", "warning")]
    assert loud == []


@pytest.mark.parametrize("path", CLEAN, ids=[p.name for p in CLEAN])
def test_also_quiet_for_slurm_22_05(path):
    result = lint(path.read_bytes(), path=path.name, slurm_version="22.05")
    assert [describe(f) for f in result.findings if f.severity.value in ("error", "warning")] == []


def test_at_least_25_container_jobs_among_them():
    containers = [p for p in CLEAN if any(tool in p.read_text() for tool in ("apptainer", "singularity",
                                                                             "--container-", "podman run"))]
    assert len(containers) >= 25


SGE = sorted((FIXTURES / "clean-sge").iterdir())


@pytest.mark.parametrize("path", SGE, ids=[p.name for p in SGE])
def test_working_grid_engine_jobs_are_quiet(path):
    result = lint(path.read_bytes(), path=path.name)
    assert [describe(f) for f in result.findings if f.severity.value in ("error", "warning")] == []
