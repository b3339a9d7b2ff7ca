"""Configuration files, command-line overrides, exit policy and file discovery."""

from __future__ import annotations

import json
import os

import pytest

from jobcheck.cli.command import main

BAD = "#!bin/bash\n#SBATCH --time=90:30\nexport DATA='$HOME/data'\n"


def codes(capsys, *args):
    code = main(["--format", "json", *map(str, args)])
    out, err = capsys.readouterr()
    doc = json.loads(out) if out.strip() else {"findings": []}
    return code, [(os.path.basename(f["path"]), f["code"], f["severity"]) for f in doc["findings"]], err


@pytest.fixture()
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "a.sh").write_text(BAD)
    (tmp_path / "jobs" / "legacy").mkdir()
    (tmp_path / "jobs" / "legacy" / "b.sh").write_text(BAD)
    return tmp_path


def test_pyproject_table_applies_below_it(repo, capsys):
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.jobcheck]\nignore = ["JC010"]\nseverity = { JC113 = "error" }\n'
    )
    _, found, _ = codes(capsys, "jobs")
    assert found == [
        ("a.sh", "JC002", "error"),
        ("a.sh", "JC113", "error"),
        ("b.sh", "JC002", "error"),
        ("b.sh", "JC113", "error"),
    ]


def test_nearest_configuration_wins(repo, capsys):
    (repo / ".jobcheck.toml").write_text('ignore = ["JC010"]\n')
    (repo / "jobs" / "legacy" / ".jobcheck.toml").write_text('select = ["JC010"]\n')
    _, found, _ = codes(capsys, "jobs")
    assert found == [("a.sh", "JC002", "error"), ("a.sh", "JC113", "warning"), ("b.sh", "JC010", "warning")]


def test_per_file_ignores_use_gitignore_patterns(repo, capsys):
    (repo / ".jobcheck.toml").write_text('[per-file-ignores]\n"legacy/" = ["JC0"]\n"*.sh" = ["sbatch-time-format"]\n')
    _, found, _ = codes(capsys, "jobs")
    assert found == [("a.sh", "JC002", "error"), ("a.sh", "JC010", "warning")]


def test_command_line_overrides_and_isolated(repo, capsys):
    (repo / ".jobcheck.toml").write_text('select = ["JC010"]\n')
    _, found, _ = codes(capsys, "--select", "JC002", "jobs/a.sh")
    assert found == [("a.sh", "JC002", "error")]
    _, found, _ = codes(capsys, "--extend-select", "JC113", "jobs/a.sh")
    assert found == [("a.sh", "JC113", "warning"), ("a.sh", "JC010", "warning")]
    _, found, _ = codes(capsys, "--isolated", "jobs/a.sh")
    assert [c for _, c, _ in found] == ["JC002", "JC113", "JC010"]
    other = repo / "other.toml"
    other.write_text('ignore = ["JC0"]\n')
    _, found, _ = codes(capsys, "--config", other, "jobs/a.sh")
    assert [c for _, c, _ in found] == ["JC113"]


def test_unknown_keys_and_bad_values_are_reported_with_file_and_key(repo, capsys):
    (repo / ".jobcheck.toml").write_text('selct = ["JC0"]\nfail-on = "warn"\n')
    code, _, err = codes(capsys, "jobs/a.sh")
    assert code == 2
    path = str(repo / ".jobcheck.toml")
    assert err.splitlines() == [
        "jobcheck: error: %s: unknown key `selct`; did you mean `select`?" % path,
        "%s: `fail-on` must be one of error, warning, info, not `warn`" % path,
    ]
    (repo / ".jobcheck.toml").write_text('ignore = ["JC9999"]\n[options]\nmax-aray-size = 5\n')
    code, _, err = codes(capsys, "jobs/a.sh")
    assert code == 2
    assert "`ignore` names `JC9999`, which is no rule code, prefix or name" in err
    assert "`options.max-aray-size` is no option of any loaded plugin; did you mean `max-array-size`?" in err


def test_plugin_options_from_the_configuration(repo, capsys):
    (repo / "jobs" / "array.sh").write_text("#!/bin/bash\n#SBATCH --array=0-5000\nsrun x\n")
    _, found, _ = codes(capsys, "--select", "JC116", "jobs/array.sh")
    assert found == [("array.sh", "JC116", "warning")]  # Slurm's default MaxArraySize; sites raise it
    (repo / ".jobcheck.toml").write_text("[options]\nmax-array-size = 10001\n")
    _, found, _ = codes(capsys, "--select", "JC116", "jobs/array.sh")
    assert found == []
    (repo / ".jobcheck.toml").write_text("[options]\nmax-array-size = 1001\n")
    _, found, _ = codes(capsys, "--select", "JC116", "jobs/array.sh")
    assert found == [("array.sh", "JC116", "error")]  # this cluster's limit, as configured


def test_fail_on_and_exit_zero(repo, capsys):
    (repo / "warn.sh").write_text("#!/bin/bash\n#SBATCH --time=90:30\nsrun x\n")
    assert main(["--isolated", "warn.sh"]) == 1
    assert main(["--isolated", "--fail-on", "error", "warn.sh"]) == 0
    assert main(["--isolated", "--exit-zero", "warn.sh"]) == 0
    (repo / ".jobcheck.toml").write_text('fail-on = "error"\n')
    assert main(["warn.sh"]) == 0
    assert main(["--exit-zero", "missing.sh"]) == 2
    capsys.readouterr()


def test_gitignore_and_exclude_in_folder_walks(repo, capsys):
    (repo / ".git").mkdir()
    (repo / ".gitignore").write_text("build/\n*.tmp.sh\n")
    (repo / "build").mkdir()
    (repo / "build" / "gen.sh").write_text(BAD)
    (repo / "jobs" / "scratch.tmp.sh").write_text(BAD)
    (repo / "jobs" / "run_job").write_text(BAD)  # no extension, found by its directives
    (repo / ".jobcheck.toml").write_text('exclude = ["legacy/"]\n')
    code = main(["--format", "json", "."])
    paths = [f["path"] for f in json.loads(capsys.readouterr().out)["files"]]
    assert paths == ["./jobs/a.sh", "./jobs/run_job"]
    assert code == 1
    # a file named on the command line is checked even when ignored
    main(["--format", "json", "build/gen.sh"])
    assert [f["path"] for f in json.loads(capsys.readouterr().out)["files"]] == ["build/gen.sh"]


def test_version_lists_plugins(capsys):
    assert main(["--version"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("jobcheck ") and out[1].startswith("  plugin builtin: ")


def test_opt_in_rules_need_their_exact_code_or_name():
    from jobcheck.settings import Settings

    def chosen(select, ignore=()):
        return Settings(select=select, ignore=ignore).selects("JC011", "unchecked-cd", opt_in=True)

    assert not chosen(("ALL",)) and not chosen(("JC0",)) and not chosen(("JC01",))
    assert chosen(("JC011",)) and chosen(("unchecked-cd",)) and chosen(("ALL", "JC011"))
    assert not chosen(("JC011",), ignore=("JC011",))
    assert Settings(select=("JC01",)).selects("JC010", "single-quoted-variable")  # ordinary rules as before


def test_environment_variables_option_reaches_the_unset_variable_rule(tmp_path, monkeypatch, capsys):
    from jobcheck.cli.command import main

    monkeypatch.chdir(tmp_path)
    script = tmp_path / "job.sh"
    script.write_text("#!/bin/bash\n#SBATCH --export=NONE\napptainer exec --bind $DSDIR:/data img.sif ls\n")
    assert main(["--no-cache", "--format", "concise", "job.sh"]) == 1
    assert "job.sh:3:23: JC311 `$DSDIR` is never set in this script" in capsys.readouterr().out
    (tmp_path / ".jobcheck.toml").write_text('[options]\nenvironment-variables = ["DSDIR"]\n')
    assert main(["--no-cache", "--format", "concise", "job.sh"]) == 0
    capsys.readouterr()
