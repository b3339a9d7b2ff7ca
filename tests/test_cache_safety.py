"""The content cache never deletes what it did not write, and never trusts an entry it cannot verify."""

from __future__ import annotations

import json
import os

import pytest

from jobcheck.cli.command import main
from jobcheck.engine import cache as cache_module
from jobcheck.plugins import registry as plugins

BAD = "#!/bin/bash\n#SBATCH --tiem=1:00:00\nsrun hostname\n"
MONTHS_AGO = 0  # the epoch: older than any pruning limit


def _force_prune(cache_root) -> int:
    stamp = cache_root / "v1" / cache_module.PRUNE_STAMP
    if stamp.exists():
        stamp.unlink()  # pruning runs at most once a day: let this call run
    cache = cache_module.Cache(str(cache_root), plugins.load(third_party=False))
    return cache.prune()


def test_a_cache_dir_that_is_the_checked_tree_is_refused_and_nothing_is_deleted(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / "v1" / "jobs" / "train.sh"
    mine.parent.mkdir(parents=True)
    mine.write_text(BAD)
    os.utime(mine, (MONTHS_AGO, MONTHS_AGO))
    monkeypatch.setenv("JOBCHECK_CACHE_DIR", ".")
    code = main(["--format", "json", "."])
    captured = capsys.readouterr()
    assert code == 1
    assert mine.read_text() == BAD
    assert captured.err == (
        "jobcheck: warning: cache disabled: . holds the files being checked; choose another --cache-dir\n"
    )
    assert not (tmp_path / cache_module.MARKER).exists()
    assert [f["code"] for f in json.loads(captured.out)["findings"]] == ["JC103"]


def test_a_cache_dir_holding_other_files_is_never_pruned(tmp_path, monkeypatch, capsys):
    project = tmp_path / "project"
    mine = project / "v1" / "jobs" / "train.sh"
    mine.parent.mkdir(parents=True)
    mine.write_text(BAD)
    os.utime(mine, (MONTHS_AGO, MONTHS_AGO))
    job = tmp_path / "job.sh"
    job.write_text(BAD)
    code = main(["--format", "json", "--cache-dir", str(project), str(job)])
    assert code == 1
    assert capsys.readouterr().err == (
        "jobcheck: warning: cache disabled: %s is not a jobcheck cache (it holds other "
        "files and no CACHEDIR.TAG); use an empty folder\n" % project
    )
    assert _force_prune(project) == 0
    capsys.readouterr()
    assert mine.read_text() == BAD
    assert sorted(p.name for p in project.rglob("*")) == ["jobs", "train.sh", "v1"]


def test_pruning_deletes_only_the_caches_own_names(tmp_path, monkeypatch, capsys):
    job = tmp_path / "job.sh"
    job.write_text(BAD)
    root = tmp_path / "cache"
    assert main(["--cache-dir", str(root), str(job)]) == 1
    capsys.readouterr()
    assert (root / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55\n")
    [entry] = list(root.rglob("*.json"))
    stranger = entry.parent / "notes.txt"
    stranger.write_text("mine")
    other_folder = root / "v1" / "jobs"
    other_folder.mkdir()
    (other_folder / "train.sh").write_text(BAD)
    for path in (entry, stranger, other_folder / "train.sh"):
        os.utime(path, (MONTHS_AGO, MONTHS_AGO))
    assert _force_prune(root) == 1
    assert not entry.exists() and stranger.read_text() == "mine" and (other_folder / "train.sh").exists()


def test_a_cache_from_before_the_marker_is_adopted(tmp_path, capsys):
    root = tmp_path / "cache"
    (root / "v1" / "ab").mkdir(parents=True)
    (root / "v1" / "last-pruned").write_text("")
    job = tmp_path / "job.sh"
    job.write_text(BAD)
    assert main(["--cache-dir", str(root), str(job)]) == 1
    assert capsys.readouterr().err == ""
    assert (root / "CACHEDIR.TAG").exists() and len(list(root.rglob("*.json"))) == 1


def _entry(tmp_path, capsys, text=BAD):
    job = tmp_path / "job.sh"
    job.write_text(text)
    root = tmp_path / "cache"
    args = ["--format", "json", "--cache-dir", str(root), str(job)]
    main(args)
    first = capsys.readouterr().out
    [entry] = list(root.rglob("*.json"))
    return args, first, entry


def _edit(entry, change):
    stored = json.loads(entry.read_text())
    change(stored)
    entry.write_text(json.dumps(stored))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda s: s["findings"][0].__setitem__(4, "abc"), id="line-abc"),
        pytest.param(lambda s: s["findings"][0].__setitem__(8, {"a": 1}), id="dict-message"),
        pytest.param(lambda s: s["findings"][0].__setitem__(4, 99999), id="line-99999"),
        pytest.param(lambda s: s.__setitem__("findings", []), id="empty-list"),
        pytest.param(lambda s: s.pop("sum"), id="no-checksum"),
    ],
)
def test_a_damaged_entry_is_ignored_and_recomputed(tmp_path, capsys, change):
    args, first, entry = _entry(tmp_path, capsys)
    _edit(entry, change)
    assert main(args) == 1
    assert capsys.readouterr().out == first


def test_an_entry_with_a_recomputed_checksum_is_still_checked_against_the_file(tmp_path, capsys):
    args, first, entry = _entry(tmp_path, capsys)
    stored = json.loads(entry.read_text())
    stored["findings"][0][4] = stored["findings"][0][6] = 99999
    key = entry.parent.name + entry.stem
    stored["sum"] = cache_module._checksum(key, stored["parser"], stored["findings"])
    entry.write_text(json.dumps(stored))
    assert main(args) == 1
    assert capsys.readouterr().out == first
