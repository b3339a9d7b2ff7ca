"""The garbage collector belongs to the caller's process: checking through the library
(`jobcheck.testing`, `Linter`, the language server's check of a document) leaves its threshold,
its frozen objects and whether it is on exactly as they were. Only the command line's own run
(and the server's own process, in `serve`) tunes it."""

from __future__ import annotations

import gc

import pytest

from jobcheck import testing
from jobcheck.frontends import analyse
from jobcheck.model.source import Source
from jobcheck.semantics.command_views import views_named
from jobcheck.server.app import JobcheckServer
from jobcheck.server.config import Session
from jobcheck.server.diagnostics import check as check_document

from .helpers import linter, registry

# Four lines, one finding: the misspelt flag (JC201).
BLOCK = (
    "srun --ntasks=1 python train.py --seed $SLURM_JOB_ID\n"
    "apptainer exec --writeable-tmpfs img.sif python x.py\n"
    "echo done\n"
    "x=1\n"
)
HEADER = "#!/bin/bash\n#SBATCH --time=10\n"
BLOCKS = 300_000 // len(BLOCK) + 1
LARGE = HEADER + BLOCK * BLOCKS  # about 300 KB: past the size from which the CLI tunes the collector


def _collector() -> tuple:
    return gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()


@pytest.fixture
def callers_collector():
    """A caller with Python's default threshold and nothing frozen (objects frozen by an earlier
    test could be freed during the check and lower the count); put back afterwards."""
    saved, frozen = gc.get_threshold(), gc.get_freeze_count()
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    before = _collector()
    assert before == (True, (700, 10, 10), 0)
    yield before
    gc.set_threshold(*saved)
    if frozen:
        gc.freeze()


def _expect_a_finding_a_block(findings) -> None:
    assert len(findings) == BLOCKS
    assert {(f.code, (f.line - 3) % 4, f.column) for f in findings} == {("JC201", 1, 16)}


def test_testing_check_on_a_300_kb_script_leaves_the_collector_as_it_was(callers_collector):
    assert len(LARGE) > 300_000
    findings = testing.check(LARGE, path="big.sh")
    _expect_a_finding_a_block(findings)
    assert _collector() == callers_collector


def test_linter_check_source_leaves_the_collector_as_it_was(callers_collector):
    result = linter().check_source(Source.from_text(LARGE, "big.sh"))
    _expect_a_finding_a_block(result.findings)
    assert _collector() == callers_collector


def test_a_library_call_with_the_collector_off_leaves_it_off(callers_collector):
    gc.disable()
    try:
        findings = testing.check(LARGE, path="big.sh", select=["JC201"])
        assert len(findings) == BLOCKS and not gc.isenabled()
    finally:
        gc.enable()
    assert _collector() == callers_collector


def test_the_servers_check_of_a_document_leaves_the_collector_as_it_was(callers_collector, tmp_path):
    server = JobcheckServer(Session(registry=registry()))
    checked = check_document(server.session, (tmp_path / "big.sh").as_uri(), 1, LARGE)
    _expect_a_finding_a_block(checked.findings)
    assert _collector() == callers_collector
    assert JobcheckServer().session is not None  # its first session is made without tuning either
    assert _collector() == callers_collector


def _unreachable_after_dropping(forget: bool) -> int:
    """Check a script, drop the model (first its derived caches, if `forget`) with the collector
    off, and count what a collection then finds unreachable: the model's reference cycles."""
    result = linter().check_source(Source.from_text(HEADER + BLOCK * 50, "job.sh"))
    script = result.script
    assert script is not None and len(result.findings) == 50
    # the rules left launcher views behind, and each points back at its command
    assert all(command.derived for command in script.commands if command.name == "srun")
    gc.collect()
    gc.disable()
    try:
        if forget:
            script.forget_derived()
            assert all(command.derived == {} for command in script.commands)
        result.script = script = None
        return gc.collect()
    finally:
        gc.enable()


def test_a_model_without_its_derived_caches_is_freed_by_reference_counting_alone():
    """The command line drops a checked model's derived caches before the model: the cached
    views are its only cycles, and a 2 MB script's model then goes without a collection."""
    assert _unreachable_after_dropping(forget=True) == 0
    assert _unreachable_after_dropping(forget=False) > 1000  # the views' cycles hold the whole model


def test_views_asked_for_after_the_caches_are_dropped_are_the_same():
    script = analyse(Source.from_text(HEADER + BLOCK))
    before = [(v.index, v.wrappers, v.basename) for v in views_named(script, "either", "python")]
    script.forget_derived()
    after = [(v.index, v.wrappers, v.basename) for v in views_named(script, "either", "python")]
    assert before == after == [(2, ("srun",), "python"), (4, ("apptainer",), "python")]
