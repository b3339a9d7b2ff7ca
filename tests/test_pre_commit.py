"""The pre-commit hooks, for real: a git repository with a bad job script, `pre-commit try-repo`
with this checkout as the hook repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from .helpers import ROOT

pytestmark = pytest.mark.slow  # installs and runs the pre-commit hooks in real repositories

BAD = "#!bin/bash\n#SBATCH --time=10\nexport DATA='$HOME/data'\nsrun ./solver \"$DATA\"\n"


def _run(args, cwd, env):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_hooks_fail_then_fix_then_pass(tmp_path):
    pytest.importorskip("pre_commit")
    if not (ROOT / ".git").exists():
        pytest.skip("the checkout is not a git repository, which pre-commit try-repo needs")
    env = dict(
        os.environ,
        PRE_COMMIT_HOME=str(tmp_path / "cache"),
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@x",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@x",
    )
    repo = tmp_path / "jobs"
    repo.mkdir()
    _run(["git", "init", "-q"], repo, env)
    (repo / "run_training").write_text(BAD)  # no extension: found by its #SBATCH header
    (repo / "notes.txt").write_text("export X='$HOME'\n")  # not a job script: left alone
    _run(["git", "add", "."], repo, env)
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT)]

    first = _run(pre_commit + ["jobcheck", "--all-files"], repo, env)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "run_training:1:3: JC002" in first.stdout
    assert "notes.txt" not in first.stdout

    fixing = _run(pre_commit + ["jobcheck-fix", "--all-files"], repo, env)
    assert fixing.returncode == 1  # pre-commit fails a hook that changed files
    assert (repo / "run_training").read_text() == BAD.replace("#!bin", "#!/bin").replace("'$HOME/data'", '"$HOME/data"')
    assert (repo / "notes.txt").read_text() == "export X='$HOME'\n"

    _run(["git", "add", "."], repo, env)
    last = _run(pre_commit + ["jobcheck", "--all-files"], repo, env)
    assert last.returncode == 0, last.stdout + last.stderr
