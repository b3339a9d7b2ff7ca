"""Fuzzing the whole engine: generated job scripts and byte-level mutations of the fixtures.

Invariants for every input: no exception escapes, no rule crashes (JC000), every finding is inside the file, the JSON
report is valid JSON, and fixing never crashes. The budget here is fixed (seeded); a longer run
is `python scripts/fuzz.py --examples N`.
"""

from __future__ import annotations

import io
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobcheck.engine.fixer import fix_source
from jobcheck.model.source import Source
from jobcheck.reporters.json_reporter import JsonReporter

from .helpers import FIXTURES, linter
from .test_fix_properties import job_scripts

pytestmark = pytest.mark.slow  # hypothesis runs the engine on thousands of generated scripts (minutes)

EXAMPLES = int(os.environ.get("JOBCHECK_FUZZ_EXAMPLES", "5000"))
SEEDS = [
    p.read_bytes()
    for p in sorted((FIXTURES / "rules").rglob("*"))
    if p.is_file() and p.suffix in (".sh", ".py", ".def")
] + [
    p.read_bytes()
    for folder in ("clean", "clean-recipes", "clean-sge", "clean-pbs", "clean-lsf")
    for p in sorted((FIXTURES / folder).iterdir())
]
ENGINE = linter()
TOKENS = [
    b"'",
    b'"',
    b"\\",
    b"$(",
    b")",
    b"${",
    b"}",
    b"`",
    b"<<EOF\n",
    b"\nEOF\n",
    b"#SBATCH ",
    b"--",
    b"=",
    b"\r\n",
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"[[",
    b"]]",
    b"((",
    b"))",
    b"case x in",
    b"esac",
    b"|",
    b"&&",
    b";",
    b"\n",
    b" ",
    b"\t",
    b"apptainer exec ",
    b"--env ",
    b"-B ",
    b"bash -c '",
    b"#!",
    b"%",
    b"%post\n",
    b"Bootstrap: docker\n",
    b"From: ",
    b"%files from ",
    b"python - <<EOF\n",
    b"python -c '",
    b"os.environ[",
    b"#PBS -l walltime=",
    b"#BSUB -W ",
    b"#PBS ",
    b"#BSUB ",
    b"#$ ",
    b"\\\n",
    b"-l select=",
    b":ncpus=",
    b'-J "a[1-',
    b'-R "span[',
    b"# ",
]


@st.composite
def mutated_fixtures(draw):
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        where = draw(st.integers(0, len(data)))
        action = draw(st.integers(0, 3))
        if action == 0:
            data[where:where] = draw(st.sampled_from(TOKENS))
        elif action == 1 and data:
            del data[where : where + draw(st.integers(1, 20))]
        elif action == 2:
            data[where:where] = draw(st.binary(max_size=8))
        else:
            cut = draw(st.integers(0, len(data)))
            data = data[:cut]
    return bytes(data)


def check_invariants(raw: bytes) -> None:
    source = Source.from_bytes(raw, "fuzz.sh")
    result = ENGINE.check_source(source)
    last_line = source.line_count
    assert not [f.message for f in result.findings if f.code == "JC000"]  # a rule crashed
    for f in result.findings:
        assert 1 <= f.line <= last_line and 1 <= f.end_line <= last_line, f
        assert f.column >= 1 and f.end_column >= 1, f
        assert (f.line, f.column) <= (f.end_line, f.end_column), f
        if f.fix is not None:
            for edit in f.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(source.text), f
    stream = io.StringIO()
    JsonReporter(stream).report([result], None)
    json.loads(stream.getvalue())
    if not source.is_binary:
        outcome = fix_source(source, lambda s: ENGINE.check_source(s).findings, unsafe=True, parses=ENGINE.parses)
        source.derive(outcome.text)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.one_of(mutated_fixtures(), job_scripts()))
def test_no_input_crashes_the_engine(raw):
    check_invariants(raw)
