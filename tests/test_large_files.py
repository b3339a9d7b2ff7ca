"""Large scripts: the 10 MB case, and the two-process parse and rule run that keep it fast."""

from __future__ import annotations

import dataclasses
import gc
import os
import time

import pytest

from jobcheck import gc_policy, rule_split
from jobcheck.frontends import analyse, halves, treesitter_frontend
from jobcheck.model import Word
from jobcheck.rule import Applicability, Edit, Finding, Fix, Severity
from jobcheck.source import Source
from jobcheck.words import Part

from .helpers import linter

pytestmark = pytest.mark.slow   # scripts of megabytes (the 10 MB one alone takes minutes on a busy machine)

# Five lines, two findings: the misspelt Slurm variable, and the misspelt flag.
BLOCK = ("srun --ntasks=1 python train.py --seed $SLURM_ARRAY_TASKID\n"
         "apptainer exec --writeable-tmpfs img.sif python x.py\n"
         "echo done\n"
         "cd $WORK\n"
         "x=1\n")
HEADER = "#!/bin/bash\n#SBATCH --time=10\n"


def test_ten_megabyte_script_with_three_hundred_thousand_lines():
    blocks = 10_000_000 // len(BLOCK) + 1
    text = HEADER + BLOCK * blocks
    assert len(text) > 10_000_000 and text.count("\n") > 300_000
    engine = linter()
    engine.processes = 2  # the parse and the rules each shared by two processes
    result = engine.check_source(Source.from_bytes(text.encode(), "big.sh"))
    assert result.parser == "tree-sitter" and result.error is None
    assert len(result.findings) == 2 * blocks
    lines = {(f.code, (f.line - 3) % 5) for f in result.findings}
    assert lines == {("JC307", 0), ("JC201", 1)}
    first, last = result.findings[0], result.findings[-1]
    assert (first.code, first.line, first.column, first.end_column) == ("JC307", 3, 40, 59)
    assert (last.code, last.line, last.column, last.end_column) == ("JC201", 2 + 5 * blocks - 3, 16, 33)
    assert last.fix.edits == (Edit(len(text) - len(BLOCK) + len(BLOCK.split("\n")[0]) + 16,
                                   len(text) - len(BLOCK) + len(BLOCK.split("\n")[0]) + 33, "--writable-tmpfs"),)


def _mixed_script(size: int) -> str:
    """Every construct that can straddle a line break, repeated past `size` characters."""
    block = (
        "cat > cfg.yaml <<EOF\nlr: 0.1\nepochs: $N\nEOF\n"
        "python - <<'PY'\nimport os\nprint(os.environ['HOME'])\nPY\n"
        "if [[ -f done ]]; then\n  echo 'a\nmulti-line string'\nfi\n"
        "f() {\n  srun hostname\n}\n"
        "for x in a b; do echo \"$x\"; done | sort \\\n  | uniq\n"
        "echo \"$(date)\" && \\\n  echo ok\n"
        "srun --ntasks=2 python train.py --lr 0.5\n"
    )
    return HEADER + block * (size // len(block) + 1)


def _fields(raws):
    return [(r.start, r.end, r.words, r.prefix, r.redirects, r.heredocs, r.depth, r.function, r.embedded)
            for r in raws]


def test_two_halves_parse_to_exactly_what_the_whole_file_parses_to():
    text = _mixed_script(halves.MIN_BYTES + 1000)
    data = text.encode()
    at = treesitter_frontend._offsets(text, data)
    cut = halves.cut_point(data)
    assert cut is not None and data[cut - 1:cut] == b"\n"
    assert halves._open_heredoc_end(data, cut, len(data)) is None
    split = halves.parse_in_two(data, at, text)
    assert split is not None
    whole = treesitter_frontend.parse_range(data, at, None)
    assert split[1] is whole[1] is False
    assert _fields(split[0]) == _fields(whole[0])


def test_non_ascii_text_keeps_character_offsets_in_both_halves():
    text = _mixed_script(halves.MIN_BYTES).replace("echo ok", "echo ökö €")
    assert len(text.encode()) > len(text)
    split = treesitter_frontend.parse(text, processes=2)
    assert _fields(split[0]) == _fields(treesitter_frontend.parse(text, processes=1)[0])
    last = [r for r in split[0] if r.words and text[r.words[-1][0]:r.words[-1][1]] == "€"][-1]
    assert last.start > len(text) // 2 and text[last.start:last.end] == "echo ökö €"


def test_a_cut_that_is_not_a_statement_boundary_falls_back_to_the_whole_file():
    # one `if` spanning the middle: every line start there is inside it
    body = "  echo inside\n" * (halves.MIN_BYTES // 14 + 10)
    text = HEADER + "if true; then\n" + body.replace("  echo", "echo") + "fi\necho after\n"
    data = text.encode()
    at = treesitter_frontend._offsets(text, data)
    assert halves.cut_point(data) is not None  # it looks like a boundary ...
    assert halves.parse_in_two(data, at, text) is None  # ... but the first half does not parse alone
    raws, has_error = treesitter_frontend.parse(text, processes=2)
    assert not has_error and _fields(raws) == _fields(treesitter_frontend.parse(text)[0])


def test_cut_point_skips_heredoc_bodies_quoted_and_continued_lines():
    filler = "echo x\n" * (halves.MIN_BYTES // 14)
    text = filler + "cat <<EOF\n" + "line\n" * 40000 + "EOF\n" + "echo a\n" + filler
    assert text.index("line\n") < len(text) // 2 < text.index("\nEOF\n")  # the middle is in the body
    assert halves.cut_point(text.encode()) == text.index("EOF\necho a") + 4
    continued = "echo a \\\nnext\n" * (halves.MIN_BYTES // 14)
    cut = halves.cut_point(continued.encode())
    assert continued[cut:cut + 6] == "echo a"
    quoted = "echo 'one\ntwo'\necho y\nsrun x\n" * (halves.MIN_BYTES // 14)
    cut = halves.cut_point(quoted.encode())
    assert quoted[cut:cut + 7] == "srun x\n"
    assert halves.cut_point(("echo 'one\ntwo'\n" * (halves.MIN_BYTES // 14)).encode()) is None


def test_cut_point_weighs_a_bounded_number_of_lines_whatever_the_text(monkeypatch):
    weighed = []
    real = halves._odd_quotes
    monkeypatch.setattr(halves, "_odd_quotes", lambda line: weighed.append(line) or real(line))
    # every line opens a quote: 400,000 lines, none a place to cut, 64 of them weighed
    assert halves.cut_point(b"a 'b\n" * 400_000) is None
    assert len(weighed) == halves.MAX_TRIES
    # an unterminated heredoc: the first line weighed is inside it, and so is the rest
    weighed.clear()
    assert halves.cut_point(b"cat <<EOF\n" + b"".join(b"x <<T%d\n" % i for i in range(400_000))) is None
    assert len(weighed) == 2  # that line and the one before it


def test_small_texts_are_not_split():
    data = b"echo hi\n" * 100
    assert halves.parse_in_two(data, treesitter_frontend._offsets(data.decode(), data), data.decode()) is None


def test_large_script_checked_with_two_processes_gives_the_same_findings_as_one():
    text = _mixed_script(rule_split.MIN_CHARS + 1000) + "apptainer exec --nvv img.sif python x.py\n"
    source = Source.from_bytes(text.encode(), "big.sh")
    one, two = linter(), linter()
    two.processes = 2
    expected = one.check_source(source).findings
    assert expected and any(f.code == "JC201" for f in expected)
    assert two.check_source(source).findings == expected


def _finding(code: str, line: int) -> Finding:
    fix = Fix(Applicability.SAFE, "do it", (Edit(1, 2, "x"), Edit(5, 5, "y")))
    return Finding(code, "a-rule", Severity.WARNING, "p.sh", line, 1, line, 3, "msg %s" % code, fix, 10, 12)


def test_findings_cross_the_pipe_unchanged():
    finding = _finding("JC201", 4)
    assert rule_split.from_plain(rule_split.plain(finding)) == finding
    no_fix = dataclasses.replace(finding, fix=None)
    assert rule_split.from_plain(rule_split.plain(no_fix)) == no_fix


def test_every_rule_group_runs_once_and_a_failing_child_loses_nothing():
    parent = os.getpid()
    groups = [["a"], ["b"], ["c"], ["d"]]

    def run(group):
        time.sleep(0.2)  # long enough for the child to start and take its share
        return [_finding("X" + group[0], os.getpid())]

    found = rule_split.run_in_two(groups, run)
    assert sorted(f.code for f in found) == ["Xa", "Xb", "Xc", "Xd"]
    assert {f.line for f in found} - {parent}, "the child ran none of the groups"

    def run_or_fail_in_child(group):
        if os.getpid() != parent:
            raise MemoryError("the child dies")
        return [_finding("X" + group[0], os.getpid())]

    found = rule_split.run_in_two(groups, run_or_fail_in_child)
    assert sorted(f.code for f in found) == ["Xa", "Xb", "Xc", "Xd"]
    assert {f.line for f in found} == {parent}


def test_rule_groups_are_modules_heavy_packages_first():
    rules = linter().rules
    groups = rule_split.rule_groups(rules)
    assert sorted(r.code for g in groups for r in g) == sorted(r.code for r in rules)
    assert all(len({type(r).__module__ for r in g}) == 1 for g in groups)
    rank = {name: i for i, name in enumerate(rule_split.HEAVY_FIRST)}
    ranks = [rank.get(rule_split._package(g[0]), len(rank)) for g in groups]
    assert ranks == sorted(ranks) and ranks[0] == 0 and len(set(ranks)) == len(rank) + 1


def test_a_large_file_is_checked_without_collections_and_frozen_after():
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    with gc_policy.checking(gc_policy.LARGE_FILE):
        assert not gc.isenabled()
        made = [[i] for i in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() >= frozen + len(made)
    with gc_policy.checking(gc_policy.LARGE_FILE - 1):
        assert gc.isenabled()


def test_model_values_stay_immutable_and_the_inline_python_is_found_on_first_use():
    word = Word("'$A'b", 3, 8)
    with pytest.raises(dataclasses.FrozenInstanceError):
        word.text = "x"
    with pytest.raises(dataclasses.FrozenInstanceError):
        Part("literal", 0, 1, "", "a").value = "b"
    assert word == Word("'$A'b", 3, 8) and hash(word) == hash(Word("'$A'b", 3, 8))
    assert word.value == "$Ab" and Word("plain", 0, 5).value == "plain"
    script = analyse(Source.from_text("#!/bin/bash\npython -c 'import os'\n"))
    assert script.python_finder is not None
    assert [code.origin for code in script.python] == ["python -c"]
    assert script.python_finder is None
    command = script.commands[0]
    command.derived["x"] = 1
    script.forget_derived()
    assert command.derived == {}


def test_a_large_models_caches_are_dropped_when_the_next_file_is_checked_so_it_is_freed():
    engine = linter()
    text = HEADER + BLOCK * (gc_policy.LARGE_FILE // len(BLOCK) + 1)
    first = engine.check_source(Source.from_bytes(text.encode(), "big.sh"))
    commands = len(first.script.commands)
    assert first.script.commands[0].derived  # views and container calls, pointing back at the command
    frozen = gc.get_freeze_count()  # the model, frozen out of the collector's sight after the check
    del first
    engine.check_source(Source.from_text("#!/bin/bash\necho hi\n"))
    # the caches' reference cycles were broken, so reference counting freed the frozen model
    # (commands, words, views: several objects a command)
    assert frozen - gc.get_freeze_count() > 3 * commands
