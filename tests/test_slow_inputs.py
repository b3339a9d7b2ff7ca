"""Adversarial sizes (issue 22, item 5): each front end and rule does work in proportion to its
input, or bounds it. The checks count work (calls, commands modelled), never seconds: a loaded
CI machine must not turn them red, and a quadratic path still does."""

from __future__ import annotations

import pytest

from jobcheck import derived_fact
from jobcheck.frontends.raw_commands import MAX_COMMAND_DEPTH
from jobcheck.frontends.shell import MAX_HEREDOCS_PER_LINE
from jobcheck.semantics import suggest as suggest_module

from .helpers import lint

pytestmark = pytest.mark.slow
HEADER = "#!/bin/bash\n#SBATCH --time=10\n"


class Counter:
    def __init__(self, function):
        self.function, self.calls = function, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.function(*args, **kwargs)


def test_command_substitutions_10000_deep_are_modelled_to_a_bound():
    result = lint(HEADER + "echo " + "$(" * 10_000 + "x" + ")" * 10_000 + "\n")
    depths = sorted(c.depth for c in result.script.commands)
    assert depths == list(range(MAX_COMMAND_DEPTH + 1))
    assert result.findings == []


def test_8000_duplicate_options_cost_a_pass_not_a_square(monkeypatch):
    import jobcheck.semantics.sbatch_header as sbatch_header

    counted = Counter(sbatch_header.Use.name.fget)
    monkeypatch.setattr(sbatch_header.Use, "name", property(counted))
    lines = 8000
    result = lint(
        "#!/bin/bash\n" + "".join("#SBATCH --time=%d\n" % (i + 1) for i in range(lines)) + "srun x\n", select=("JC122",)
    )
    assert len(result.findings) == lines - 1
    assert result.findings[0].message == (
        "`--time` is given again on line %d: sbatch uses `--time=%d` and silently "
        "ignores `--time=1`" % (lines + 1, lines)
    )
    assert counted.calls < 10 * lines  # the quadratic scan read it 32 million times


def test_100000_unknown_options_measure_only_near_names(monkeypatch):
    counted = Counter(suggest_module.distance)
    monkeypatch.setattr(suggest_module, "distance", counted)
    lines = 100_000
    result = lint(
        "#!/bin/bash\n" + "".join("#SBATCH --opt%d=1\n" % i for i in range(lines)) + "srun x\n", select=("JC103",)
    )
    assert len(result.findings) == lines
    assert counted.calls < lines  # measuring each against every option: 13.5 million tables


def test_17000_heredocs_on_one_line_are_not_handed_to_a_quadratic_parser():
    count = 17_000
    text = (
        HEADER
        + ";".join("cat <<E%d" % i for i in range(count))
        + "\n"
        + "".join("x\nE%d\n" % i for i in range(count))
        + "export D='$HOME/d'\n"
    )
    result = lint(text)
    assert count > MAX_HEREDOCS_PER_LINE
    assert result.script.parse_error == "%d here-documents on one line: not parsed" % count
    assert [f.code for f in result.findings if f.line <= 2] == []


def test_a_definition_file_with_20000_stages_sorts_its_commands_once(monkeypatch):
    import jobcheck_rules.deffile.section_commands as sections

    counted = Counter(sections._top_level.__wrapped__)  # the computation behind the derived fact
    monkeypatch.setattr(sections, "_top_level", derived_fact(counted))
    stages = 20_000
    text = "".join(
        "Bootstrap: docker\nFrom: ubuntu\nStage: s%d\n\n%%post\n    echo %d\n\n" % (i, i) for i in range(stages)
    )
    result = lint(text, path="Singularity.def")
    assert [f.code for f in result.findings] == ["JC514"] * stages
    assert counted.calls == 1  # then each section's commands by bisection, not a scan of all commands
