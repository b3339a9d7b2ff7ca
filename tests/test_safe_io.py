"""Reading and writing the user's files: special files never block or exhaust memory, and a fix
never loses an edit made while it ran, nor the file's mode bits, hard links or attributes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from jobcheck.cli.command import main
from jobcheck.engine import files

BAD = "#!bin/bash\n#SBATCH --time=10\nsrun hostname\n"
FIXED = "#!/bin/bash\n#SBATCH --time=10\nsrun hostname\n"
JOBCHECK = [sys.executable, "-m", "jobcheck", "--no-cache"]


# ---- item 2: an edit made while --fix ran ---------------------------------------------------


def test_an_edit_made_while_fixing_is_kept_and_nothing_is_written(tmp_path, monkeypatch, capsys):
    job = tmp_path / "job.sh"
    job.write_text(BAD)
    import jobcheck.engine.fixer as fixer_module

    real_fix = fixer_module.fix_source

    def slow_fix(source, *args, **kwargs):
        outcome = real_fix(source, *args, **kwargs)
        with open(job, "a") as handle:  # the user saves an edit meanwhile
            handle.write("echo added\n")
        return outcome

    monkeypatch.setattr(fixer_module, "fix_source", slow_fix)  # run imports it when it fixes
    code = main(["--fix", "--format", "json", str(job)])
    assert code == 2
    assert job.read_text() == BAD + "echo added\n"
    [entry] = json.loads(capsys.readouterr().out)["files"]
    assert entry["error"] == "the file changed while it was being fixed; nothing was written (run again)"


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(tmp_path):
    from jobcheck.engine.writing import FileChanged, write_atomically

    job = tmp_path / "job.sh"
    job.write_text(BAD)
    _data, stamp = files.read_regular(str(job))
    job.write_text(BAD.replace("srun", "SRUN"))
    os.utime(job, ns=(stamp.mtime_ns, stamp.mtime_ns))
    with pytest.raises(FileChanged):
        write_atomically(str(job), FIXED.encode(), stamp)
    assert job.read_text() == BAD.replace("srun", "SRUN")


# ---- item 4: special files ------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_or_met_in_a_walk_never_blocks(tmp_path):
    os.mkfifo(tmp_path / "pipe.sh")
    (tmp_path / "jobs").mkdir()
    os.mkfifo(tmp_path / "jobs" / "queue")
    (tmp_path / "jobs" / "good.sh").write_text(FIXED)
    named = subprocess.run(
        JOBCHECK + ["--format", "json", "pipe.sh"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert named.returncode == 2
    assert json.loads(named.stdout)["files"] == [
        {"path": "pipe.sh", "parser": "none", "error": "is a FIFO (named pipe), not a regular file"}
    ]
    walked = subprocess.run(JOBCHECK + ["jobs"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert walked.returncode == 0
    assert walked.stderr == "jobcheck: warning: jobs/queue: skipped: is a FIFO (named pipe), not a regular file\n"
    assert walked.stdout == "All checks passed (1 file).\n"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_dev_zero_as_a_path_or_a_config_is_refused_unread(tmp_path, capsys):
    job = tmp_path / "job.sh"
    job.write_text(FIXED)
    assert main(["--no-cache", "--format", "json", "/dev/zero"]) == 2
    assert json.loads(capsys.readouterr().out)["files"][0]["error"] == "is a character device, not a regular file"
    assert main(["--no-cache", "--config", "/dev/zero", str(job)]) == 2
    assert capsys.readouterr().err == "jobcheck: error: /dev/zero: is a character device, not a regular file\n"
    assert main(["--no-cache", "--profile", "/dev/zero", str(job)]) == 2
    assert capsys.readouterr().err == (
        "jobcheck: error: profile /dev/zero: is a character device, not a regular file\n"
    )


def test_a_file_over_the_size_limit_is_refused_not_read(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(files, "MAX_SCRIPT_BYTES", 1024 * 1024)
    big = tmp_path / "big.sh"
    big.write_bytes(b"#!/bin/bash\n" + b"# padding\n" * 110_000)
    assert main(["--no-cache", "--format", "json", str(big)]) == 2
    assert json.loads(capsys.readouterr().out)["files"][0]["error"] == "is larger than 1 MiB; not read"


# ---- item 6: what a fix keeps -----------------------------------------------------------------


def _fix(path) -> int:
    return main(["--fix", "--no-cache", str(path)])


def test_fix_keeps_setuid_setgid_and_sticky_bits(tmp_path, capsys):
    job = tmp_path / "job.sh"
    job.write_text(BAD)
    os.chmod(job, 0o6755 | stat.S_ISVTX)
    assert _fix(job) == 0
    assert job.read_text() == FIXED
    assert stat.S_IMODE(os.stat(job).st_mode) == 0o7755


def test_fix_keeps_a_hard_link(tmp_path, capsys):
    job = tmp_path / "job.sh"
    job.write_text(BAD)
    other = tmp_path / "linked.sh"
    os.link(job, other)
    inode = os.stat(job).st_ino
    assert _fix(job) == 0
    assert os.stat(job).st_ino == inode and os.stat(job).st_nlink == 2
    assert other.read_text() == FIXED


def test_fix_keeps_extended_attributes(tmp_path, capsys):
    job = tmp_path / "job.sh"
    job.write_text(BAD)
    try:
        os.setxattr(job, "user.origin", b"cluster-a")
    except (AttributeError, OSError):
        pytest.skip("no user extended attributes on this file system")
    assert _fix(job) == 0
    assert job.read_text() == FIXED
    assert os.getxattr(job, "user.origin") == b"cluster-a"


# ---- item 7: --fix - keeps the bytes policy of files -----------------------------------------


@pytest.mark.parametrize(
    "given, expected",
    [
        pytest.param(
            b"#!bin/bash\n#SBATCH --time=10\necho caf\xe9\n",
            b"#!/bin/bash\n#SBATCH --time=10\necho caf\xe9\n",
            id="latin-1",
        ),
        pytest.param(b"#!bin/bash\necho a\x00b\n", b"#!bin/bash\necho a\x00b\n", id="nul-unchanged"),
        pytest.param(
            "#!bin/bash\r\necho \u00e9\r\n".encode("utf-16"),
            "#!/bin/bash\r\necho \u00e9\r\n".encode("utf-16"),
            id="utf-16-bom-crlf",
        ),
        pytest.param(b"\xef\xbb\xbf#!/bin/bash\necho ok\n", b"\xef\xbb\xbf#!/bin/bash\necho ok\n", id="nothing-to-fix"),
    ],
)
@pytest.mark.slow
def test_fix_stdin_writes_the_same_bytes_a_file_would_get(given, expected, tmp_path):
    env = dict(os.environ, PYTHONIOENCODING="utf-8:strict")  # as in an en_US.UTF-8 locale
    run = subprocess.run(
        JOBCHECK + ["--fix", "-"], input=given, capture_output=True, env=env, timeout=120, cwd=tmp_path
    )
    assert run.stdout == expected, run.stderr
    job = tmp_path / "job.sh"
    job.write_bytes(given)
    subprocess.run(JOBCHECK + ["--fix", str(job)], capture_output=True, env=env, timeout=120)
    assert job.read_bytes() == expected
