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
    containers = [
        p
        for p in CLEAN
        if any(tool in p.read_text() for tool in ("apptainer", "singularity", "--container-", "podman run"))
    ]
    assert len(containers) >= 25


SGE = sorted((FIXTURES / "clean-sge").iterdir())


@pytest.mark.parametrize("path", SGE, ids=[p.name for p in SGE])
def test_working_grid_engine_jobs_are_quiet(path):
    result = lint(path.read_bytes(), path=path.name)
    assert [describe(f) for f in result.findings if f.severity.value in ("error", "warning")] == []


PBS = sorted((FIXTURES / "clean-pbs").iterdir())
LSF = sorted((FIXTURES / "clean-lsf").iterdir())


def test_at_least_fifteen_working_jobs_per_dialect():
    assert len(SGE) >= 15 and len(PBS) >= 15 and len(LSF) >= 15


@pytest.mark.parametrize("path", PBS, ids=[p.name for p in PBS])
def test_working_pbs_jobs_are_quiet(path):
    script_result = lint(path.read_bytes(), path=path.name)
    assert script_result.script.scheduler == "pbs"
    assert [describe(f) for f in script_result.findings if f.severity.value in ("error", "warning")] == []


@pytest.mark.parametrize("path", LSF, ids=[p.name for p in LSF])
def test_working_lsf_jobs_are_quiet(path):
    script_result = lint(path.read_bytes(), path=path.name)
    assert script_result.script.scheduler == "lsf"
    assert [describe(f) for f in script_result.findings if f.severity.value in ("error", "warning")] == []


@pytest.mark.parametrize("path", [p for p in PBS if "torque" in p.name], ids=lambda p: p.name)
def test_torque_jobs_are_quiet_when_the_flavour_is_set(path):
    result = lint(path.read_bytes(), path=path.name, scheduler="torque")
    assert [describe(f) for f in result.findings if f.severity.value in ("error", "warning")] == []


@pytest.mark.parametrize("path", [p for p in PBS if "pbspro" in p.name or "torque" not in p.name], ids=lambda p: p.name)
def test_pbs_pro_jobs_are_quiet_when_the_flavour_is_set(path):
    result = lint(path.read_bytes(), path=path.name, scheduler="pbspro")
    assert [describe(f) for f in result.findings if f.severity.value in ("error", "warning")] == []
