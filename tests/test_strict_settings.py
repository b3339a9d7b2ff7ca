"""Every setting is checked wherever it comes from (command line, configuration, profile): a
misspelling is a one-line error and exit 2, never a silently narrower check."""

from __future__ import annotations

import pytest

from jobcheck.cli.command import main

GOOD = "#!/bin/bash\n#SBATCH --time=10\nsrun hostname\n"


@pytest.fixture()
def job(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "job.sh"
    path.write_text(GOOD)
    return path


def run(capsys, *args) -> tuple[int, str]:
    code = main(["--no-cache", *args])
    return code, capsys.readouterr().err


# ---- item 10: selectors on the command line -------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--select", "single-quoted-varible"],
            "--select names `single-quoted-varible`, which is no rule code, prefix "
            "or name; did you mean `single-quoted-variable`?",
        ),
        (["--select", "JC999"], "--select names `JC999`, which is no rule code, prefix or name; did you mean `JC109`?"),
        (
            ["--select", "JC010 JC002"],
            "--select names `JC010 JC002`, which is no rule code, prefix or name; separate "
            "codes with commas: `JC010,JC002`",
        ),
        (["--ignore", "JC01O"], "--ignore names `JC01O`, which is no rule code, prefix or name; did you mean `JC010`?"),
        (
            ["--extend-select", "nosuch-rule-at-all"],
            "--extend-select names `nosuch-rule-at-all`, which is no rule code, prefix or name",
        ),
    ],
)
def test_unknown_selectors_on_the_command_line_are_an_error(job, capsys, args, message):
    assert run(capsys, *args, "job.sh") == (2, "jobcheck: error: %s\n" % message)


def test_repeated_select_options_add_up(job, capsys):
    job.write_text("#!bin/bash\n#SBATCH --time=10\nexport DATA='$HOME/data'\n")
    assert main(["--no-cache", "--format", "concise", "--select", "JC002", "--select", "JC010", "job.sh"]) == 1
    out = capsys.readouterr().out
    assert [line.split()[1] for line in out.splitlines() if line.startswith("job.sh:")] == ["JC002", "JC010"]


# ---- item 11: settings from the configuration and the profile --------------------------------


@pytest.mark.parametrize(
    "toml, message",
    [
        ('slurm-version = "banana"\n', "`slurm-version`: unknown Slurm release 'banana'; known: "),
        ('slurm-version = "21.08"\n', "`slurm-version`: unknown Slurm release '21.08'; known: "),
        ('apptainer-version = "banana"\n', "`apptainer-version` must be a release like 1.2 or 1.3.4, not `banana`"),
        (
            '[per-file-ignores]\n"[z-a].sh" = ["JC010"]\n',
            "`per-file-ignores`: pattern `[z-a].sh` is not a valid gitignore pattern",
        ),
        ('exclude = ["!"]\n', "`exclude`: pattern `!` is not a valid gitignore pattern"),
    ],
)
def test_bad_values_in_the_configuration_are_one_line_errors(job, capsys, toml, message):
    (job.parent / ".jobcheck.toml").write_text(toml)
    code, err = run(capsys, "job.sh")
    assert code == 2
    assert err.startswith("jobcheck: error: %s: %s" % (job.parent / ".jobcheck.toml", message))
    assert err.count("\n") == 1


def test_non_utf8_and_absurdly_nested_configurations(job, capsys):
    config = job.parent / ".jobcheck.toml"
    config.write_bytes(b'select = ["JC\xe9"]\n')
    assert run(capsys, "job.sh") == (
        2,
        "jobcheck: error: %s: not UTF-8 (byte 0xe9 at offset 13); TOML files are UTF-8\n" % config,
    )
    config.write_text("ignore = " + "[" * 5000 + "]" * 5000 + "\n")
    assert run(capsys, "job.sh") == (
        2,
        "jobcheck: error: %s: not read: arrays or tables nested over 100 deep\n" % config,
    )


def test_apptainer_version_on_the_command_line_is_checked(job, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--apptainer-version", "banana", "job.sh"])
    assert exit_.value.code == 2
    assert "argument --apptainer-version: expected a release like 1.2 or 1.3.4, got 'banana'" in capsys.readouterr().err


@pytest.mark.third_party_plugins
def test_plugin_options_of_the_wrong_type_are_an_error(job, capsys):
    (job.parent / ".jobcheck.toml").write_text('[options]\nforbidden-partitions = "login"\n')
    assert run(capsys, "job.sh") == (
        2,
        "jobcheck: error: %s: `options.forbidden-partitions` must be a list (like "
        "the default ['login', 'admin']), not 'login'\n" % (job.parent / ".jobcheck.toml"),
    )


@pytest.mark.parametrize(
    "profile, message",
    [
        (
            '[partitions.gpu]\nmax_time = "1:00:00"\n',
            "[partitions.gpu]: unknown key `max_time`; did you mean `max-time`?",
        ),
        (
            '[partitions.gpu]\nmax-time = "two days"\n',
            "[partitions.gpu]: `max-time` must be a Slurm time (minutes, "
            "HH:MM:SS, D-HH:MM:SS) or UNLIMITED, not 'two days'",
        ),
        (
            '[partitions.gpu]\nmax-nodes = "many"\n',
            "[partitions.gpu]: `max-nodes` must be a whole number or UNLIMITED, not 'many'",
        ),
        ('[nodes.n1]\ncpus = "lots"\n', "[nodes.n1]: `cpus` must be a whole number, not 'lots'"),
        ('[clusters]\nname = "x"\n', "unknown key `clusters`; did you mean `cluster`?"),
    ],
)
def test_bad_profile_keys_and_values_are_errors(job, capsys, profile, message):
    (job.parent / "site.toml").write_text(profile)
    assert run(capsys, "--profile", "site.toml", "job.sh") == (2, "jobcheck: error: profile site.toml: %s\n" % message)
