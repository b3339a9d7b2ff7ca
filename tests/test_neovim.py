"""`jobcheck server` in a real editor: Neovim (Debian's package), headless, runs
tests/editors/neovim_diagnostics.lua, which starts the server with Neovim's own LSP client,
opens a job script and writes out the diagnostics Neovim then holds. Without nvim the test
skips, except under CI=true (.ci/run installs it), where that is a failure."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # starts a real Neovim with jobcheck server

SCRIPT = Path(__file__).parent / "editors" / "neovim_diagnostics.lua"
JOB = (
    "#!/bin/bash\n"
    "#SBATCH --time=1-12\n"
    "#PBS -l walltime=3600\n"
    "export DATA='$HOME/data'\n"
    "apptainer exec --writeable-tmpfs --nv image.sif python train.py\n"
)


def test_neovim_shows_the_diagnostics_of_jobcheck_server(tmp_path):
    nvim = shutil.which("nvim")
    if nvim is None:
        if os.environ.get("CI") == "true":
            pytest.fail("the Neovim test must run in CI: nvim is not installed (.ci/run installs neovim)")
        pytest.skip("nvim is not installed (apt-get install neovim)")
    job = tmp_path / "job.sh"
    job.write_text(JOB)
    out = tmp_path / "diagnostics.txt"
    env = dict(
        os.environ,
        JOBCHECK_NVIM_FILE=str(job),
        JOBCHECK_NVIM_OUT=str(out),
        JOBCHECK_NVIM_CMD=json.dumps([sys.executable, "-m", "jobcheck", "server"]),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    proc = subprocess.run(
        [nvim, "--headless", "-n", "-i", "NONE", "-u", "NONE", "-c", "luafile %s" % SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )
    written = out.read_text().splitlines() if out.exists() else []
    assert proc.returncode == 0, (proc.returncode, written, proc.stdout, proc.stderr)
    # code, 1-based line, Neovim severity (1 error, 2 warning)
    # (JC302, --nv without a GPU request, is opt-in: sites hand out GPUs in ways a script cannot show)
    assert written == ["JC010 4 2", "JC125 3 2", "JC135 3 2", "JC201 5 1"]
