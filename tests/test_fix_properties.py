"""Property tests of the fix engine over generated job scripts (hypothesis, fixed seed).

For every generated script, after `--fix --unsafe-fixes`:
- no fixable finding is left (unless a fix was refused, and then it says why);
- fixing again changes nothing;
- every line no fix touched is still there, in the same order, byte for byte;
- the result parses with the same front end as before (or with bashlex where only tree-sitter
  could parse the original), and as cleanly;
- encoding, BOM and line endings are kept.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobcheck.engine.fixer import fix_source
from jobcheck.frontends import analyse
from jobcheck.model.source import Source

from .helpers import linter

pytestmark = pytest.mark.slow  # hypothesis fixes thousands of generated scripts (minutes)

EXAMPLES = int(os.environ.get("JOBCHECK_PROPERTY_EXAMPLES", "2000"))

SHEBANGS = ["#!/bin/bash", "#!bin/bash", "#!/usr/bin/env bash", "#! /bin/bash -l", "#!bash", ""]
DIRECTIVES = [
    "--time=10",
    "--time=1-25",
    "--time=90:30",
    "-t 5",
    "--job-n=train",
    "--partit=gpu",
    "--ntasks-per-nodes=2",
    "--cpu-per-task=4",
    "-time=5",
    "-output=run.log",
    "--output=$HOME/x.log",
    "--error=logs/${SLURM_JOB_ID}.err",
    "--gres=gpus:2",
    "--gres=gpu:TYPE:COUNT",
    "--mem=2GiB",
    "--mem=4G",
    "--mail-type=ALL,FOO",
    "--job-name=my job",
    '--job-name="a b"',
    "--dependency=after_ok:12",
    "--array=1-4%",
    "--nodes=2 --ntasks=1",
    "--time=10 # comment",
    "--job-name=a#b",
    "--mem=1G --mem-per-cpu=1G",
    "--container-image=nvcr.io#nvidia/x",
    "--signal=B:USR1@60",
    "--exclusive",
]
PREFIXES = ["#SBATCH ", "#SBATCH ", "#SBATCH ", "# SBATCH ", "#SLURM ", "#sbatch ", "  #SBATCH ", "#SBTACH "]
FLAGS = [
    "--nv",
    "--writeable-tmpfs",
    "--writable-tmpfs",
    "--bnd /a:/b",
    "-B /data:/data:readonly",
    "--env $HF_HOME:$HF_HOME",
    "--env WANDB_KEY",
    "--env A=1",
    "--cleanenv",
    "--contian",
    "--nohttps",
    "--debug",
    "-c",
    "--nv --nvccli",
    '--env "${X}:${X}"',
    "--home /h:/h:/h",
]
BODY = [
    "export DATA='$HOME/data'",
    "RESULTS='${SCRATCH}/out'",
    "MSG='Hello $USER \"quoted\"'",
    'X="$HOME/ok"',
    "cd '$SCRATCH/run'",
    "bash -c 'echo $HOME'",
    "echo 'literal $HOME'",
    "srun python train.py --out '$SCRATCH/x'",
    "module load cuda",
    "set -euo pipefail",
    "",
    "# a comment with 'quotes' and $HOME",
    "cat <<EOF > gen.sh\n#SBATCH --time=5\necho $HOME\nEOF",
    "cat <<'EOF'\nexport Y='$HOME'\nEOF",
    "docker run -it --rm alpine ls",
    "srun --container-image=nvcr.io/nvidia/pytorch:24.05 --container-mounts=data:/data python x.py",
    'if [[ -d "$HOME" ]]; then echo yes; fi',
    "arr=(a b c)",
    "N=$(( 2 + 3 ))",
    "trap 'rm -rf $TMP' EXIT",
    "srun bash -c 'apptainer exec --writeable-tmpfs img.sif ls'",
]


@st.composite
def job_scripts(draw):
    lines = []
    shebang = draw(st.sampled_from(SHEBANGS))
    if shebang:
        lines.append(shebang)
    for _ in range(draw(st.integers(0, 6))):
        lines.append(draw(st.sampled_from(PREFIXES)) + draw(st.sampled_from(DIRECTIVES)))
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()):
            flags = " ".join(draw(st.lists(st.sampled_from(FLAGS), max_size=4)))
            tool = draw(
                st.sampled_from(
                    [
                        "apptainer exec",
                        "singularity exec",
                        "srun apptainer exec",
                        "apptainer run",
                        "time apptainer exec",
                    ]
                )
            )
            image = draw(st.sampled_from(["image.sif", "$SIF", "docker://alpine"]))
            lines.append("%s %s %s python train.py" % (tool, flags, image))
        else:
            lines.append(draw(st.sampled_from(BODY)))
        if draw(st.integers(0, 9)) == 0:
            lines.append("#SBATCH " + draw(st.sampled_from(DIRECTIVES)))  # a late directive
    text = "\n".join(lines) + ("\n" if draw(st.booleans()) else "")
    raw = text.encode("utf-8")
    variant = draw(st.sampled_from(["plain", "crlf", "bom", "latin1"]))
    if variant == "crlf":
        raw = raw.replace(b"\n", b"\r\n")
    elif variant == "bom":
        raw = b"\xef\xbb\xbf" + raw
    elif variant == "latin1":
        raw = raw.replace(b"comment", b"comm\xe9nt") + b"# caf\xe9\n"
    return raw


class PieceTable:
    """Tracks which original offsets each pass's edits touched, through every pass."""

    def __init__(self, length: int):
        self.pieces = [(0, length, 0, length, True)]  # current start, end, original start, end, untouched?

    def touched(self, start: int, end: int) -> list[tuple[int, int]]:
        spans = []
        for cur_start, cur_end, orig_start, orig_end, original in self.pieces:
            if cur_end < start or cur_start > end:
                continue
            if original:
                lo = orig_start + max(0, start - cur_start)
                hi = orig_start + min(cur_end, end) - cur_start
                spans.append((lo, max(lo, hi)))
            else:
                spans.append((orig_start, orig_end))
        return spans

    def apply(self, edits) -> None:
        for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
            spans = self.touched(edit.start, edit.end)
            lo = min(s for s, _ in spans) if spans else 0
            hi = max(e for _, e in spans) if spans else 0
            new, shift = [], len(edit.content) - (edit.end - edit.start)
            for piece in self.pieces:
                cur_start, cur_end, orig_start, orig_end, original = piece
                if cur_end <= edit.start:
                    new.append(piece)
                elif cur_start >= edit.end and not (cur_start == edit.start == edit.end):
                    new.append((cur_start + shift, cur_end + shift, orig_start, orig_end, original))
                else:
                    if cur_start < edit.start:
                        new.append(
                            (cur_start, edit.start, orig_start, orig_start + edit.start - cur_start, original)
                            if original
                            else (cur_start, edit.start, orig_start, orig_end, False)
                        )
                    if cur_end > edit.end:
                        offset = edit.end - cur_start
                        new.append(
                            (
                                edit.end + shift,
                                cur_end + shift,
                                orig_start + offset if original else orig_start,
                                orig_end,
                                original,
                            )
                        )
            new.append((edit.start, edit.start + len(edit.content), lo, hi, False))
            self.pieces = sorted(new, key=lambda p: (p[0], p[1]))


def untouched_lines(original: str, outcome) -> list[str]:
    table = PieceTable(len(original))
    dirty: list[tuple[int, int]] = []
    for _, edits in outcome.pass_edits:
        for edit in edits:
            dirty.extend(table.touched(edit.start, edit.end))
        table.apply(edits)
    lines, pos = [], 0
    for line in original.split("\n"):
        start, end = pos, pos + len(line)
        if not any(lo <= end and hi >= start for lo, hi in dirty):
            lines.append(line)
        pos = end + 1
    return lines


def is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(line == candidate for candidate in it) for line in needles)


ENGINE = linter()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(job_scripts())
def test_fixes_are_safe_and_settle(raw):
    source = Source.from_bytes(raw, "job.sh")
    lint = lambda s: ENGINE.check_source(s).findings  # noqa: E731
    outcome = fix_source(source, lint, unsafe=True, parses=ENGINE.parses)
    fixed = source.derive(outcome.text)

    remaining = [f for f in lint(fixed) if f.fix is not None]
    assert outcome.converged
    assert not remaining or outcome.rolled_back, [f.message for f in remaining]

    again = fix_source(fixed, lint, unsafe=True, parses=ENGINE.parses)
    assert again.text == fixed.text

    assert is_subsequence(untouched_lines(source.text, outcome), fixed.text.split("\n"))

    before, after = analyse(source), analyse(fixed)
    if before.parser == "bashlex":  # a fix may let bashlex parse what it could not (CRLF), never the reverse
        assert after.parser == "bashlex", after.parse_error
    assert (after.parse_error is None) or (before.parse_error is not None)

    assert fixed.bom == source.bom and fixed.encoding == source.encoding
    if "\r\n" in source.text:
        assert fixed.text.count("\n") == fixed.text.count("\r\n") or "\n" not in source.text.replace("\r\n", "")
    assert fixed.encode()[:3] == source.raw[:3] or not source.bom
