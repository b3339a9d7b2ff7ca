"""jobcheck.plugins.entry_points finds exactly what importlib.metadata finds (without importing it)."""

from __future__ import annotations

import sys
import zipfile
from importlib import metadata

import pytest

from jobcheck.plugins import entry_points


def described(eps) -> list[tuple]:
    return sorted((ep.name, ep.value, ep.group, ep.dist.name, ep.dist.version) for ep in eps)


@pytest.mark.parametrize("group", ["jobcheck.plugins", "console_scripts", "pytest11"])
def test_the_same_entry_points_as_importlib_metadata(group):
    ours = entry_points._scan(group)
    assert ours is not None  # this environment's sys.path is all folders: our reader answers
    assert described(ours) == described(metadata.entry_points(group=group))
    if group == "jobcheck.plugins":
        assert ("builtin", "jobcheck_rules") in [(ep.name, ep.value) for ep in ours]


def test_an_entry_point_loads_its_module_and_attribute():
    ep = entry_points.EntryPoint("x", "jobcheck.plugins.entry_points:EntryPoint.load", "g")
    assert ep.load() is entry_points.EntryPoint.load
    assert entry_points.EntryPoint("builtin", "jobcheck_rules", "g").load().__name__ == "jobcheck_rules"


def test_sections_comments_and_the_first_distribution_of_a_name(tmp_path, monkeypatch):
    for folder, value in (("first", "one"), ("second", "two")):
        info = tmp_path / folder / "My.Plugin-1.0.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: My.Plugin\nVersion: 1.%s\n\nbody\n" % len(value))
        (info / "entry_points.txt").write_text(
            "# comment\n[other]\na = b\n\n[ jobcheck.plugins ]\n[jobcheck.plugins]\nsite = %s:hooks\n" % value
        )
    monkeypatch.setattr(sys, "path", [str(tmp_path / "first"), str(tmp_path / "missing"), str(tmp_path / "second")])
    found = entry_points.entry_points("jobcheck.plugins")
    assert [(ep.name, ep.value, ep.dist.name, ep.dist.version) for ep in found] == [
        ("site", "one:hooks", "My.Plugin", "1.3")
    ]
    assert described(found) == described(metadata.entry_points(group="jobcheck.plugins"))


def test_a_zip_on_sys_path_is_left_to_importlib_metadata(tmp_path, monkeypatch):
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("zipped-2.0.dist-info/METADATA", "Name: zipped\nVersion: 2.0\n")
        handle.writestr("zipped-2.0.dist-info/entry_points.txt", "[jobcheck.plugins]\nzipped = zipped_plugin\n")
    monkeypatch.setattr(sys, "path", sys.path + [str(archive)])
    assert entry_points._scan("jobcheck.plugins") is None
    found = entry_points.entry_points("jobcheck.plugins")
    assert ("zipped", "zipped_plugin") in [(ep.name, ep.value) for ep in found]
    assert all(isinstance(ep, metadata.EntryPoint) for ep in found)
