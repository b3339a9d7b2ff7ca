"""Small things users notice (issue 22, item 19)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from jobcheck.cli.command import main

JOBCHECK = [sys.executable, "-m", "jobcheck", "--no-cache"]
BAD = "#!bin/bash\n#SBATCH --time=10\n"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_a_misspelt_long_option_gets_a_short_error_with_did_you_mean(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--selct", "JC002", "job.sh"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == (
        "jobcheck: error: unrecognized arguments: --selct; did you mean `--select`?\n"
        "Run `jobcheck --help` for the options.\n"
    )


def test_output_format_is_an_alias_of_format(tmp_path, capsys):
    (tmp_path / "job.sh").write_text(BAD)
    assert main(["--no-cache", "--output-format", "concise", str(tmp_path / "job.sh")]) == 1
    assert capsys.readouterr().out.startswith("%s:1:3: JC002 [*] shebang interpreter" % (tmp_path / "job.sh"))


@pytest.mark.slow
@pytest.mark.parametrize("choice, coloured", [("always", True), ("never", False), ("auto", False)])
def test_color_option(tmp_path, choice, coloured):
    (tmp_path / "job.sh").write_text(BAD)
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    run = subprocess.run(
        JOBCHECK + ["--color", choice, "job.sh"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120
    )
    assert run.returncode == 1
    assert bool(ANSI.search(run.stdout)) is coloured


@pytest.mark.parametrize("line", [1, 123])
def test_the_fix_line_sits_under_the_gutter(tmp_path, capsys, line):
    (tmp_path / "job.sh").write_text("#!/bin/bash\n" + "\n" * (line - 2) + "export D='$HOME/x'\n")
    if line == 1:
        (tmp_path / "job.sh").write_text("#!bin/bash\n")
    main(["--no-cache", str(tmp_path / "job.sh")])
    lines = capsys.readouterr().out.splitlines()
    gutter = next(text for text in lines if text.startswith("%d | " % line))
    fix = next(text for text in lines if "= fix:" in text)
    assert fix.index("=") == gutter.index("|")


@pytest.mark.slow
def test_long_messages_wrap_at_spaces_on_a_terminal(tmp_path):
    (tmp_path / "job.sh").write_text(BAD)
    env = dict(os.environ, COLUMNS="60")
    run = subprocess.run(
        JOBCHECK + ["--color", "always", "job.sh"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120
    )
    plain = ANSI.sub("", run.stdout).splitlines()
    message = plain[: plain.index("  |")]
    assert len(message) > 1 and all(len(text) <= 60 for text in message)
    assert all(text.startswith("    ") for text in message[1:])
    joined = " ".join(text.strip() for text in message)
    assert joined == (
        "job.sh:1:3: JC002 [*] shebang interpreter `bin/bash` is not an absolute path: sbatch accepts "
        'the script, then the job fails at start with "execve(): bad interpreter(bin/bash): No such '
        'file or directory"; did you mean `/bin/bash`?'
    )
