"""The example third-party plugin (fixtures/plugins/jobcheck-example-site), installed into the test
environment by the README's test command: discovered, configurable, suppressible, isolated."""

from __future__ import annotations

import json
from importlib import metadata

import pytest

from jobcheck.cli.command import main
from jobcheck.plugins import registry as plugins
from jobcheck.testing import check

pytestmark = pytest.mark.third_party_plugins

JOB = "#!/bin/bash\n#SBATCH --partition=login,gpu\n#SBATCH --gres=gpu:1\ngpurun -n 2 apptainer exec --nvv i.sif x\n"


AT_SITE = {"example-site": True}


def test_house_rules_stay_quiet_unless_the_run_is_for_the_site(tmp_path):
    """A real script from another cluster: the example site's facts are not its facts."""
    assert [f.code for f in check(JOB, select=["XS"])] == []
    profile = tmp_path / "example.toml"
    profile.write_text('[cluster]\nname = "example"\n[partitions.gpu]\nnodes = []\n')
    from jobcheck.cli.profiles import load as load_profile

    found = check(JOB, select=["XS"], profile=load_profile(str(profile)))
    assert [f.code for f in found] == ["XS001", "XS002"]


@pytest.fixture(autouse=True)
def installed():
    if not any(ep.name == "example-site" for ep in metadata.entry_points(group="jobcheck.plugins")):
        pytest.fail("the example plugin is not installed: run the README's test command")


def test_discovered_through_its_entry_point(capsys):
    registry = plugins.load()
    assert {r.code: r.plugin for r in registry.rules if r.code.startswith("XS")} == {
        "XS001": "example-site",
        "XS002": "example-site",
    }
    assert main(["--list-rules"]) == 0
    rows = [line.split()[:5] for line in capsys.readouterr().out.splitlines() if line.startswith("XS")]
    assert rows == [
        ["XS001", "no-forbidden-partition", "error", "none", "example-site"],
        ["XS002", "gpu-job-needs-time", "warning", "none", "example-site"],
    ]


def test_its_rules_and_launcher_work():
    found = [(f.code, f.line, f.message) for f in check(JOB, select=["XS", "JC201"], options=AT_SITE)]
    assert found == [
        ("XS001", 2, "partition `login` is not for batch jobs on this cluster"),
        ("XS002", 3, "a GPU job without `--time` gets the 30-minute default"),
        # the site launcher `gpurun -n 2` is looked through to the apptainer call
        (
            "JC201",
            4,
            'unknown flag `--nvv` for `apptainer exec`: apptainer stops with "unknown flag: '
            '--nvv"; did you mean `--nv`?',
        ),
    ]


@pytest.mark.parametrize(
    ("header", "reported"),
    [
        ("#SBATCH -p gpu\n#SBATCH --gpus=2\n", True),
        # another cluster's partition: the site's 30-minute default is not its limit
        ("#SBATCH --partition=MoE\n#SBATCH --gres=gpu:8\n", False),
        ("#SBATCH --gres=gpu:8\n", False),  # no partition named: not the site's GPU partitions
        ("#SBATCH --partition=gpu\n#SBATCH --gres=gpu:1\n#SBATCH -t 8:00:00\n", False),
        ("#SBATCH --partition=gpu\n", False),  # no GPUs asked for
    ],
)
def test_gpu_time_rule_speaks_only_for_the_sites_gpu_partitions(header, reported):
    found = [f.code for f in check("#!/bin/bash\n" + header + "python x.py\n", select=["XS002"], options=AT_SITE)]
    assert found == (["XS002"] if reported else [])


def test_configurable_and_suppressible(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "job.sh").write_text(JOB.replace("--gres=gpu:1\n", "--gres=gpu:1  # jobcheck: disable=XS002\n"))
    (tmp_path / ".jobcheck.toml").write_text(
        'select = ["XS"]\n[options]\nforbidden-partitions = ["admin"]\nexample-site = true\n'
    )
    assert main(["--format", "json", "job.sh"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []
    (tmp_path / ".jobcheck.toml").write_text('select = ["XS"]\n[options]\nexample-site = true\n')
    main(["--format", "json", "job.sh"])
    assert [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["XS001"]
    assert main(["--no-plugins", "job.sh"]) == 2  # the config's `XS` selects no rule without the plugin
    assert "`select` names `XS`, which is no rule code, prefix or name" in capsys.readouterr().err


def test_prefix_collisions_and_the_jc_prefix_are_reported():
    from jobcheck import Diagnostic, Rule, Severity, hookimpl

    class Clash(Rule):
        code, name, severity, summary = "XS900", "clash", Severity.INFO, "clash"

        def check(self, script, settings):
            return iter(())

    class Squatter(Rule):
        code, name, severity, summary = "JC999", "squatter", Severity.INFO, "squatter"

        def check(self, script, settings):
            yield Diagnostic(0, 1, "x")

    plugin = type("Other", (), {"jobcheck_rules": staticmethod(hookimpl(lambda: [Clash, Squatter]))})()
    registry = plugins.load(extra_plugins=(plugin,))
    messages = [str(e) for e in registry.errors]
    assert any("plugins share the code prefix XS" in m for m in messages)
    assert any("uses the code prefix JC, which is jobcheck's own" in m for m in messages)
