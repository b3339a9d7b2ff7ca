"""Large scripts: the 10 MB case, a large script checked block by block, character offsets."""

from __future__ import annotations

import dataclasses
import gc

import pytest

from jobcheck.cli import gc_policy
from jobcheck.frontends import analyse, treesitter_frontend
from jobcheck.model.script import Word
from jobcheck.model.source import Source
from jobcheck.model.words import Part
from jobcheck.rule import Edit

from .helpers import linter

pytestmark = pytest.mark.slow  # scripts of megabytes (the 10 MB one alone takes minutes on a busy machine)

# Five lines, two findings: the misspelt Slurm variable, and the misspelt flag.
BLOCK = (
    "srun --ntasks=1 python train.py --seed $SLURM_ARRAY_TASKID\n"
    "apptainer exec --writeable-tmpfs img.sif python x.py\n"
    "echo done\n"
    "cd $WORK\n"
    "x=1\n"
)
HEADER = "#!/bin/bash\n#SBATCH --time=10\n"
MIN_LARGE = 300_000  # characters: larger than any real job script (the largest of 33,856 is 335 KB)


def test_ten_megabyte_script_with_three_hundred_thousand_lines():
    blocks = 10_000_000 // len(BLOCK) + 1
    text = HEADER + BLOCK * blocks
    assert len(text) > 10_000_000 and text.count("\n") > 300_000
    result = linter().check_source(Source.from_bytes(text.encode(), "big.sh"))
    assert result.parser == "tree-sitter" and result.error is None
    assert len(result.findings) == 2 * blocks
    lines = {(f.code, (f.line - 3) % 5) for f in result.findings}
    assert lines == {("JC307", 0), ("JC201", 1)}
    first, last = result.findings[0], result.findings[-1]
    assert (first.code, first.line, first.column, first.end_column) == ("JC307", 3, 40, 59)
    assert (last.code, last.line, last.column, last.end_column) == ("JC201", 2 + 5 * blocks - 3, 16, 33)
    assert last.fix.edits == (
        Edit(
            len(text) - len(BLOCK) + len(BLOCK.split("\n")[0]) + 16,
            len(text) - len(BLOCK) + len(BLOCK.split("\n")[0]) + 33,
            "--writable-tmpfs",
        ),
    )


def _mixed_script(size: int) -> str:
    """Every construct that can straddle a line break, repeated past `size` characters."""
    block = (
        "cat > cfg.yaml <<EOF\nlr: 0.1\nepochs: $N\nEOF\n"
        "python - <<'PY'\nimport os\nprint(os.environ['HOME'])\nPY\n"
        "if [[ -f done ]]; then\n  echo 'a\nmulti-line string'\nfi\n"
        "f() {\n  srun hostname\n}\n"
        'for x in a b; do echo "$x"; done | sort \\\n  | uniq\n'
        'echo "$(date)" && \\\n  echo ok\n'
        "srun --ntasks=2 python train.py --lr 0.5\n"
    )
    return HEADER + block * (size // len(block) + 1)


def _fields(raws):
    return [(r.start, r.end, r.words, r.prefix, r.redirects, r.heredocs, r.depth, r.function, r.embedded) for r in raws]


def test_a_large_script_gives_each_repeated_block_the_findings_it_has_alone():
    block = "\n".join(_mixed_script(0).split("\n")[2:]) + "apptainer exec --writeable-tmpfs img.sif python x.py\n"
    once = linter().check_source(Source.from_text(HEADER + block, "big.sh")).findings
    assert [(f.code, f.line, f.column) for f in once] == [("JC201", 23, 16)]
    copies = MIN_LARGE // len(block) + 1
    text = HEADER + block * copies
    lines = block.count("\n")
    found = linter().check_source(Source.from_bytes(text.encode(), "big.sh")).findings
    expected = sorted((f.code, f.line + copy * lines, f.column, f.message) for copy in range(copies) for f in once)
    assert sorted((f.code, f.line, f.column, f.message) for f in found) == expected


def test_non_ascii_text_keeps_character_offsets_to_the_end_of_a_large_script():
    text = _mixed_script(MIN_LARGE).replace("echo ok", "echo ökö €")
    assert len(text.encode()) > len(text)
    raws, has_error = treesitter_frontend.parse(text)
    assert not has_error
    last = [r for r in raws if r.words and text[r.words[-1][0] : r.words[-1][1]] == "€"][-1]
    assert last.start > len(text) - 400 and text[last.start : last.end] == "echo ökö €"
    ascii_raws = treesitter_frontend.parse(text.replace("ökö €", "oko E"))[0]
    assert _fields(raws) == _fields(ascii_raws)  # the same characters in the same places


def test_model_values_stay_immutable_and_the_inline_python_is_found_by_the_front_end():
    word = Word("'$A'b", 3, 8)
    with pytest.raises(dataclasses.FrozenInstanceError):
        word.text = "x"
    with pytest.raises(AttributeError):  # a named tuple's fields cannot be assigned either
        Part("literal", 0, 1, "", "a").value = "b"
    assert word == Word("'$A'b", 3, 8) and hash(word) == hash(Word("'$A'b", 3, 8))
    assert word.value == "$Ab" and Word("plain", 0, 5).value == "plain"
    script = analyse(Source.from_text("#!/bin/bash\npython -c 'import os'\n"))
    assert [code.origin for code in script.python] == ["python -c"]


def test_the_command_line_checks_a_large_file_with_the_collector_off_and_turns_it_back_on():
    threshold = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        frozen = gc.get_freeze_count()
        with gc_policy.checking(gc_policy.LARGE_FILE - 1):
            assert gc.isenabled() and gc.get_threshold() == (700, 10, 10)
        with gc_policy.checking(gc_policy.LARGE_FILE):
            assert not gc.isenabled()
        assert gc.isenabled() and gc.get_freeze_count() == frozen  # nothing frozen: the model is freed
        assert gc.get_threshold() == (gc_policy.LARGE_FILE_THRESHOLD, 10, 10)  # for the rest of the run
        gc.disable()
        with gc_policy.checking(gc_policy.LARGE_FILE):
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
        gc.set_threshold(*threshold)
