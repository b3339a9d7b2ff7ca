"""What the pre-commit hooks run (issue 22, item 17): configured excludes hold for named files
with --force-exclude, and the fix hook rewrites job scripts only, never a helper script."""

from __future__ import annotations

from jobcheck.cli.command import main

HELPER = "#!/bin/bash\nmsg='$HOME is literal here on purpose'\necho \"$msg\"\n"
JOB = "#!/bin/bash\n#SBATCH --time=10\nexport DATA='$HOME/data'\n"


def test_force_exclude_applies_the_configured_excludes_to_named_files(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".jobcheck.toml").write_text('extend-exclude = ["vendor/"]\n')
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "job.sh").write_text(JOB)
    (tmp_path / "job.sh").write_text(JOB)
    assert (
        main(["--no-cache", "--format", "concise", "--only-job-scripts", "--force-exclude", "vendor/job.sh", "job.sh"])
        == 1
    )
    out = capsys.readouterr().out
    assert [line.split(":")[0] for line in out.splitlines() if ": JC" in line] == ["job.sh"]
    assert main(["--no-cache", "--format", "concise", "vendor/job.sh"]) == 1  # without it, named files are checked
    capsys.readouterr()


def test_the_fix_hook_never_rewrites_a_helper_script(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "build.sh").write_text(HELPER)
    (tmp_path / "job.sh").write_text(JOB)
    assert main(["--no-cache", "--only-job-scripts", "--force-exclude", "--fix", "tools/build.sh", "job.sh"]) == 0
    assert (tmp_path / "tools" / "build.sh").read_text() == HELPER
    assert (tmp_path / "job.sh").read_text() == JOB.replace("'$HOME/data'", '"$HOME/data"')


def test_the_hooks_pass_force_exclude():
    from pathlib import Path

    hooks = (Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text()
    entries = [line.split("entry:")[1].split() for line in hooks.splitlines() if line.strip().startswith("entry:")]
    assert entries == [
        ["jobcheck", "--only-job-scripts", "--force-exclude", "--no-progress"],
        ["jobcheck", "--only-job-scripts", "--force-exclude", "--no-progress", "--fix"],
        ["jobcheck", "--docs", "--only-job-scripts", "--force-exclude", "--no-progress"],
    ]
