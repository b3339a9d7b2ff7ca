"""A run that checked nothing, or could not report, never looks green (issue 22, items 12-14)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from jobcheck.cli.command import main

GOOD = "#!/bin/bash\n#SBATCH --time=10\nsrun hostname\n"
JOBCHECK = [sys.executable, "-m", "jobcheck", "--no-cache"]


@pytest.fixture()
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "good.sh").write_text(GOOD)
    return tmp_path


def test_a_folder_the_walk_cannot_read_is_an_error(tree, monkeypatch, capsys):
    (tree / "jobs" / "secret").mkdir()
    (tree / "jobs" / "secret" / "hidden.sh").write_text(GOOD)
    real_scandir = os.scandir

    def deny(path="."):
        if os.path.basename(str(path)) == "secret":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", deny)  # as root, chmod 000 would not stop the walk
    code = main(["--no-cache", "--format", "json", "jobs"])
    assert code == 2
    assert json.loads(capsys.readouterr().out)["files"] == [
        {"path": "jobs/good.sh", "parser": "bashlex", "error": None},
        {"path": "jobs/secret", "parser": "none", "error": "cannot read folder: Permission denied"},
    ]


def test_an_empty_walk_is_an_error(tree, capsys):
    (tree / "empty").mkdir()
    (tree / "empty" / "notes.txt").write_text("no job here")
    assert main(["--no-cache", "empty"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "jobcheck: error: no job scripts found in empty\n"
    assert "All checks passed" not in captured.out


def test_a_hook_given_no_job_scripts_passes_quietly(tree, capsys):
    (tree / "README.md").write_text("# docs\n")
    assert main(["--no-cache", "--only-job-scripts", "README.md"]) == 0
    assert capsys.readouterr().err == "jobcheck: no job scripts among the files given; nothing to check\n"


def test_a_missing_file_never_prints_all_checks_passed(tree, capsys):
    assert main(["--no-cache", "jobs/good.sh", "missing.sh"]) == 2
    assert capsys.readouterr().out == (
        "missing.sh: error: no such file\nNo problems found in 1 file checked. 1 file could not be read or written.\n"
    )


@pytest.mark.parametrize("where", ["no/such/folder/report.txt", "jobs"])
def test_output_file_that_cannot_be_written_is_a_one_line_error(tree, capsys, where):
    assert main(["--no-cache", "--output-file", where, "jobs/good.sh"]) == 2
    reason = "No such file or directory" if where.startswith("no/") else "Is a directory"
    assert capsys.readouterr().err == "jobcheck: error: cannot write the report to %s: %s\n" % (where, reason)


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_disk_under_stdout_is_a_one_line_error(tree):
    with open("/dev/full", "w") as full:
        run = subprocess.run(JOBCHECK + ["jobs/good.sh"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert run.returncode == 2
    assert run.stderr == "jobcheck: error: cannot write the report: No space left on device\n"


@pytest.mark.slow
def test_stdin_filename_alone_reads_standard_input(tree):
    run = subprocess.run(
        JOBCHECK + ["--format", "json", "--stdin-filename", "x.sh"],
        input="#!bin/bash\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    report = json.loads(run.stdout)
    assert [(f["path"], f["code"]) for f in report["findings"]] == [("x.sh", "JC002")]
    assert [f["path"] for f in report["files"]] == ["x.sh"]
