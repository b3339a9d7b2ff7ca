"""Inline suppressions and --add-suppressions."""

from __future__ import annotations

from jobcheck.cli.command import main

from .helpers import describe, lint


def found(text, **kwargs):
    return [(f.line, f.code) for f in lint(text, **kwargs).findings]


def test_disable_on_the_line_by_code_prefix_or_name():
    text = (
        "#!/bin/bash\n"
        "#SBATCH --time=1-25  # jobcheck: disable=JC113 -- the site wants the long form\n"
        "export A='$HOME/a'  # jobcheck: disable=single-quoted-variable\n"
        "export B='$HOME/b'  # jobcheck: disable=JC0\n"
        "export C='$HOME/c'  # jobcheck: disable=JC201\n"
    )
    assert found(text) == [(5, "JC010")]


def test_disable_next_line_and_disable_file():
    text = (
        "#!/bin/bash\n"
        "# jobcheck: disable-file=JC113\n"
        "#SBATCH --time=1-25\n"
        "# jobcheck: disable-next-line=JC010\n"
        "\n"
        "# (comments and blank lines in between do not count)\n"
        "export A='$HOME/a'\n"
        "export B='$HOME/b'\n"
    )
    assert found(text) == [(8, "JC010")]


def test_a_comment_on_the_last_line_covers_a_multi_line_command():
    text = (
        "#!/bin/bash\n"
        "apptainer exec \\\n"
        "    --writeable-tmpfs \\\n"
        "    --env $X:$X \\\n"
        "    img.sif ls  # jobcheck: disable=JC201\n"
    )
    assert found(text) == [(4, "JC202")]


def test_unused_suppressions_are_reported_when_asked():
    text = (
        "#!/bin/bash\n"
        'export A="$HOME"  # jobcheck: disable=JC010,JC9999\n'
        "export B='$HOME/b'  # jobcheck: disable=JC010\n"
    )
    assert found(text) == []
    result = lint(text, report_unused_suppressions=True)
    assert [describe(f) for f in result.findings] == [
        "2:19-2:51 JC005 warning no-fix unused suppression of `JC010`: nothing here to suppress; remove it",
        "2:19-2:51 JC005 warning no-fix unused suppression of `JC9999`: no rule has this code or name; remove it",
    ]


def test_suppressed_findings_are_not_fixed(tmp_path, capsys):
    script = tmp_path / "job.sh"
    script.write_text("#!/bin/bash\nexport A='$HOME/a'  # jobcheck: disable=JC010\n")
    assert main(["--isolated", "--fix", str(script)]) == 0
    assert script.read_text() == "#!/bin/bash\nexport A='$HOME/a'  # jobcheck: disable=JC010\n"
    capsys.readouterr()


def test_add_suppressions_adopts_a_repository_in_one_step(tmp_path, capsys):
    script = tmp_path / "job.sh"
    script.write_text(
        "#!bin/bash\n#SBATCH --time=2h\nexport A='$HOME/a'  # jobcheck: disable=JC2\n"
        "apptainer exec \\\n    --writeable-tmpfs \\\n    img.sif ls\n"
        "cat <<EOF\nfine\nEOF\n"
    )
    assert main(["--isolated", "--add-suppressions", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "Added 4 suppressions to 1 file.\n"
    assert script.read_text() == (
        "#!bin/bash\n# jobcheck: disable-file=JC002\n#SBATCH --time=2h  # jobcheck: disable=JC113\n"
        "export A='$HOME/a'  # jobcheck: disable=JC2,JC010\n"
        "apptainer exec \\\n    --writeable-tmpfs \\\n    img.sif ls  # jobcheck: disable=JC201\n"
        "cat <<EOF\nfine\nEOF\n"
    )
    assert main(["--isolated", str(script)]) == 0
    capsys.readouterr()


def test_add_suppressions_never_appends_to_a_directive_line(tmp_path, capsys):
    """qsub reads a `#PBS` line's trailing words as arguments: the suppression goes on its own line."""
    job = tmp_path / "job.pbs"
    job.write_text("#!/bin/bash\n#PBS -l walltme=1:00:00\n#PBS -N job\nexport D='$HOME/x'\n")
    assert main(["--isolated", "--add-suppressions", str(job)]) == 0
    assert job.read_text() == (
        "#!/bin/bash\n# jobcheck: disable-next-line=JC717\n#PBS -l walltme=1:00:00\n"
        "#PBS -N job\nexport D='$HOME/x'  # jobcheck: disable=JC010\n"
    )
    capsys.readouterr()
    assert main(["--isolated", "--no-cache", str(job)]) == 0
    assert capsys.readouterr().out == "All checks passed (1 file).\n"
