"""Cluster profiles: host lists, times, importing scontrol output, and the CLI around them."""

from __future__ import annotations

import pytest

from jobcheck.cli.command import main
from jobcheck.cli.profiles import ProfileError, expand_hostlist, from_dict, import_scontrol, load, time_minutes, to_toml

from .helpers import FIXTURES

PARTITIONS = (
    "PartitionName=cpu AllowGroups=ALL Default=YES MaxNodes=UNLIMITED MaxTime=1-00:00:00 Nodes=cn[01-04],bigmem01 "
    "State=UP TotalCPUs=320 TotalNodes=5\n"
    "PartitionName=gpu AllowGroups=ALL Default=NO MaxNodes=2 MaxTime=12:00:00 Nodes=gn[1-2] State=UP\n"
)
NODES = (
    "NodeName=cn01 Arch=x86_64 CPUTot=64 AvailableFeatures=epyc,ib Gres=(null) RealMemory=256000 State=IDLE\n"
    "NodeName=gn1 Arch=x86_64 CPUTot=32 AvailableFeatures=(null) Gres=gpu:a100:4(S:0-1),nvme:1 RealMemory=512000\n"
)


@pytest.mark.parametrize(
    "text, names",
    [
        ("cn[01-03]", ["cn01", "cn02", "cn03"]),
        ("cn[01-02,07],login1", ["cn01", "cn02", "cn07", "login1"]),
        ("rack[1-2]n[1-2]", ["rack1n1", "rack1n2", "rack2n1", "rack2n2"]),
        ("(null)", []),
    ],
)
def test_expand_hostlist(text, names):
    assert expand_hostlist(text) == names


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("1-00:00:00", 1440),
        ("12:00:00", 720),
        ("30", 30),
        ("90:30", 91),
        ("2-12", 3600),
        ("UNLIMITED", None),
        ("garbage", None),
    ],
)
def test_time_minutes(text, minutes):
    assert time_minutes(text) == minutes


def test_import_round_trip():
    data = import_scontrol([PARTITIONS, NODES])
    assert data["partitions"]["gpu"] == {
        "default": False,
        "max-time": "12:00:00",
        "max-nodes": "2",
        "nodes": ["gn[1-2]"],
    }
    assert data["nodes"]["gn1"] == {
        "cpus": 32,
        "memory-mb": 512000,
        "gres": ["gpu:a100:4(S:0-1)", "nvme:1"],
        "features": [],
    }
    import tomllib

    profile = from_dict(tomllib.loads(to_toml(data)))
    assert profile.default_partition.name == "cpu"
    assert profile.partitions["cpu"].nodes == ["cn01", "cn02", "cn03", "cn04", "bigmem01"]
    assert profile.partitions["gpu"].max_time_minutes == 720 and profile.partitions["gpu"].max_nodes == 2
    node = profile.nodes["gn1"]
    assert node.gres_count("gpu", None) == 4 and node.gres_count("gpu", "a100") == 4
    assert node.gres_types("gpu") == {"a100"}
    assert profile.features == {"epyc", "ib"}


def test_import_rejects_other_text():
    with pytest.raises(ProfileError, match="no `PartitionName=` or `NodeName=` lines"):
        import_scontrol(["hello\n"])


def test_cli_import_profile(tmp_path, capsys):
    (tmp_path / "p.txt").write_text(PARTITIONS)
    (tmp_path / "n.txt").write_text(NODES)
    assert main(["--import-profile", str(tmp_path / "p.txt"), str(tmp_path / "n.txt")]) == 0
    out = capsys.readouterr().out
    assert '[partitions.gpu]\ndefault = false\nmax-time = "12:00:00"' in out
    assert main(["--import-profile", str(tmp_path / "missing.txt")]) == 2


def test_cli_profile_errors(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[cluster\n")
    script = tmp_path / "job.sh"
    script.write_text("#!/bin/bash\n#SBATCH -p nosuch\nsrun x\n")
    assert main(["--profile", str(bad), str(script)]) == 2
    assert capsys.readouterr().err.startswith("jobcheck: error: profile %s: not valid TOML: " % bad)
    assert main(["--profile", str(tmp_path / "none.toml"), str(script)]) == 2
    assert capsys.readouterr().err == "jobcheck: error: profile %s: no such file\n" % (tmp_path / "none.toml")


def test_cli_with_profile(tmp_path, capsys):
    script = tmp_path / "job.sh"
    script.write_text("#!/bin/bash\n#SBATCH -p gpus -A proj\nsrun x\n")
    code = main(["--format", "concise", "--profile", str(FIXTURES / "profiles" / "example-site.toml"), str(script)])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines()[0] == (
        "%s:2:12: JC130 partition `gpus` does not exist on this cluster: sbatch stops with "
        '"invalid partition specified: gpus"; did you mean `gpu`?' % script
    )


def test_the_example_profile_loads():
    profile = load(str(FIXTURES / "profiles" / "example-site.toml"))
    assert sorted(profile.partitions) == ["gpu", "long", "short"] and len(profile.nodes) == 72
    assert profile.require_account
