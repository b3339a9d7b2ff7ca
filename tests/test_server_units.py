"""The language server's pieces without a client: settings, positions, what a value means,
where a suppression goes (tests/test_server.py drives the whole server over JSON-RPC)."""

from __future__ import annotations

import pytest
from lsprotocol import types

from jobcheck.model.source import Source
from jobcheck.plugins.registry import load
from jobcheck.server import values
from jobcheck.server.actions import suppressed_text
from jobcheck.server.config import Session, command_line
from jobcheck.server.diagnostics import check, is_job_document
from jobcheck.server.positions import Positions


def test_client_settings_become_the_command_line():
    cli, problems = command_line(
        {
            "slurmVersion": "22.5",
            "extendSelect": "JC011, JC012",
            "ignore": ["JC010"],
            "scheduler": "moab",
            "colour": "red",
            "container-runtime": "apptainer",
        }
    )
    assert (cli.slurm_version, cli.extend_select, cli.ignore, cli.container_runtime) == (
        "22.05",
        ("JC011", "JC012"),
        ("JC010",),
        "apptainer",
    )
    assert cli.scheduler is None and cli.parser == "tree-sitter"
    assert problems == ["`scheduler` must be one of auto, slurm, pbspro, torque, lsf, sge", "unknown setting `colour`"]
    assert command_line({"parser": "bashlex"})[0].parser == "bashlex"


def test_positions_count_utf16_code_units_where_the_client_does():
    source = Source.from_text("#!/bin/bash\necho 'h\u00e9llo \U0001f600' $X\n")
    utf16, utf32 = Positions(source), Positions(source, "utf-32")
    dollar = source.text.index("$X")
    assert utf16.position(dollar) == types.Position(line=1, character=16)  # the emoji is two UTF-16 units
    assert utf32.position(dollar) == types.Position(line=1, character=15)
    assert utf16.offset(types.Position(line=1, character=16)) == dollar
    assert utf16.offset(types.Position(line=9, character=0)) == len(source.text)


@pytest.mark.parametrize(
    "name, value, said",
    [
        ("time", "1-12", "`--time=1-12` is 1 day 12 hours: Slurm stores `1-12:00:00`."),
        ("time", "90", "`--time=90` is 90 minutes: Slurm stores `01:30:00`."),
        ("time", "UNLIMITED", "`UNLIMITED`: no time limit of its own (the partition's limit applies)."),
        ("mem", "4000", "`--mem=4000`: 4000 MB (no unit: megabytes) per node."),
        ("mem-per-cpu", "2G", "`--mem-per-cpu=2G`: 2 GB = 2048 MB per CPU."),
        ("gpus-per-node", "a100:2", "`--gpus-per-node=a100:2`: 2 GPUs of type a100 per node."),
        ("partition", "gpu", "sbatch gets `--partition=gpu`."),
    ],
)
def test_what_sbatch_makes_of_a_value(name, value, said):
    assert values.slurm_value(name, value) == said


def test_a_rejected_value_says_what_sbatch_says():
    assert values.slurm_value("mem", "2GB").startswith("`--mem=2GB`: 2 GB = 2048 MB per node.")
    assert values.slurm_value("time", "1:2:3:4") == (
        'sbatch: `1:2:3:4` is not a time limit: sbatch stops with "Invalid --time specification"; write '
        "minutes, HH:MM:SS or D-HH:MM:SS"
    )


@pytest.mark.parametrize(
    "resources, said",
    [
        ("h_rt=0600", "`h_rt=0600`: 6 minutes 24 seconds (a leading 0 makes it octal)."),
        ("h_rt=1:30:00,h_vmem=2G", "`h_rt=1:30:00`: 1 hour 30 minutes. `h_vmem=2G`: 2147483648 bytes."),
        ("mem_free=2048", "`mem_free=2048`: 2048 bytes (no unit: bytes)."),
    ],
)
def test_what_grid_engine_makes_of_a_resource(resources, said):
    assert values._sge_resources(resources) == said


def test_which_documents_are_job_scripts():
    assert is_job_document("/w/run", "shellscript", "echo")
    assert is_job_document("/w/train.py", "python", "#!/usr/bin/env python3\n#SBATCH -N 1\n")
    assert not is_job_document("/w/train.py", "python", "import os\n")
    assert is_job_document("/w/Singularity", "plaintext", "Bootstrap: docker\n")
    assert not is_job_document("/w/notes.md", "markdown", "# notes\n")


def test_a_suppression_goes_after_a_continued_command_and_never_into_a_heredoc(tmp_path):
    session = Session(registry=load(third_party=False))
    text = (
        "#!/bin/bash\n#SBATCH -N 1\nexport A='$HOME' \\\n  B=1\npython - <<EOF\nimport os\n"
        "print(os.environ['SLURM_JOB_IDX'])\nEOF\n"
    )
    checked = check(session, (tmp_path / "job.sh").as_uri(), 1, text)
    by_code = {f.code: f for f in checked.findings}
    suppressed, scope = suppressed_text(checked, by_code["JC010"])
    assert scope == "line"
    assert suppressed.split("\n")[2:4] == ["export A='$HOME' \\", "  B=1  # jobcheck: disable=JC010"]
    assert by_code["JC402"].line == 7 and suppressed_text(checked, by_code["JC402"]) == (None, "")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x01binary",
        "#!/bin/bash\r\n#SBATCH --time=1-25\r\necho '$A'\r\n",
        "#!/bin/bash\n" + "x" * 200_000 + "\n",
        "#!/bin/bash\ncat <<EOF\nunterminated $(\n",
        "#!/bin/bash\necho '\udcff' \U0001f600 '$HOME'\n",
    ],
)
def test_any_text_gets_diagnostics_with_ranges_inside_it(tmp_path, text):
    session = Session(registry=load(third_party=False))
    checked = check(session, (tmp_path / "odd.sh").as_uri(), 1, text)
    assert checked.error is None
    lines = text.split("\n")
    for d in checked.diagnostics:
        for position in (d.range.start, d.range.end):
            assert 0 <= position.line < max(1, len(lines))
            assert 0 <= position.character <= len(lines[position.line].encode("utf-16-le", "surrogatepass")) // 2


def test_without_pygls_the_server_says_how_to_install_it(monkeypatch, capsys):
    import sys

    from jobcheck.cli.command import main

    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    monkeypatch.delitem(sys.modules, "jobcheck.server.app", raising=False)
    assert main(["server"]) == 2
    assert "install them with `pip install 'jobcheck[server]'`" in capsys.readouterr().err
    assert main(["server", "--bogus"]) == 2


def test_a_second_code_joins_the_disable_next_line_comment_above_a_directive(tmp_path):
    session = Session(registry=load(third_party=False))
    text = "#!/bin/bash\n# jobcheck: disable-next-line=JC125 -- legacy header\n#PBS -l walltime=3600\n#SBATCH -N 1\n"
    checked = check(session, (tmp_path / "job.sh").as_uri(), 1, text)
    jc135 = next(f for f in checked.findings if f.code == "JC135")
    suppressed, _scope = suppressed_text(checked, jc135)
    assert suppressed.split("\n")[1] == "# jobcheck: disable-next-line=JC125,JC135 -- legacy header"
    assert [f.code for f in check(session, (tmp_path / "job.sh").as_uri(), 2, suppressed).findings] == []
