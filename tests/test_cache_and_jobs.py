"""The content cache (never stale, safe when shared) and parallel checking (same output, same order)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from jobcheck.cli.command import main
from jobcheck.engine import cache as cache_module
from jobcheck.plugins import registry as plugins

from .helpers import FIXTURES

BAD = "#!bin/bash\n#SBATCH --tiem=1:00:00\nexport DATA='$HOME/data'\napptainer exec --writeable-tmpfs i.sif ls\n"


@pytest.fixture()
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "jobs").mkdir()
    for n in range(3):
        (tmp_path / "jobs" / ("bad%d.sh" % n)).write_text(BAD)
    (tmp_path / "jobs" / "good.sh").write_text("#!/bin/bash\n#SBATCH --time=10\nsrun hostname\n")
    monkeypatch.setenv("JOBCHECK_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def entries(folder) -> list[str]:
    found = []
    for directory, _, files in os.walk(folder):
        found += [os.path.join(directory, f) for f in files if f.endswith(".json")]
    return sorted(found)


def report(capsys, *args) -> tuple[int, list]:
    code = main(["--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)["findings"]


def test_a_second_run_reads_the_cache_and_reports_the_same(project, capsys):
    first = report(capsys, "jobs")
    stored = entries(project / "cache")
    assert len(stored) == 4  # one per file
    for path in stored:
        with open(path) as handle:
            entry = json.load(handle)
        assert entry["parser"] == "bashlex"
    assert report(capsys, "jobs") == first
    codes = sorted({f["code"] for f in first[1]})
    assert codes == ["JC002", "JC010", "JC103", "JC201"]


def test_the_cache_answer_is_what_is_stored(project, capsys):
    """Proves the second run reads entries (rather than recomputing): a doctored entry with a
    valid checksum shows through."""
    report(capsys, "jobs/good.sh")
    [path] = entries(project / "cache")
    with open(path) as handle:
        entry = json.load(handle)
    entry["findings"] = [["JC999", "made-up", "error", "jobs/good.sh", 1, 1, 1, 2, "from the cache", None, 0, 1]]
    key = os.path.basename(os.path.dirname(path)) + os.path.basename(path)[: -len(".json")]
    entry["sum"] = cache_module._checksum(key, entry["parser"], entry["findings"])
    with open(path, "w") as handle:
        json.dump(entry, handle)
    _code, found = report(capsys, "jobs/good.sh")
    assert [(f["code"], f["message"]) for f in found] == [("JC999", "from the cache")]


def test_a_damaged_entry_is_a_miss(project, capsys):
    first = report(capsys, "jobs/bad0.sh")
    [path] = entries(project / "cache")
    with open(path, "w") as handle:
        handle.write("{not json")
    assert report(capsys, "jobs/bad0.sh") == first


def test_configuration_change_is_never_answered_from_the_cache(project, capsys):
    first = report(capsys, "jobs/bad0.sh")
    assert "JC103" in {f["code"] for f in first[1]}
    (project / ".jobcheck.toml").write_text('ignore = ["JC103"]\n')
    _, second = report(capsys, "jobs/bad0.sh")
    assert "JC103" not in {f["code"] for f in second}
    (project / ".jobcheck.toml").write_text('ignore = ["JC103"]\nslurm-version = "22.05"\n')
    report(capsys, "jobs/bad0.sh")
    assert len(entries(project / "cache")) == 3
    _, third = report(capsys, "--select", "JC002", "jobs/bad0.sh")
    assert {f["code"] for f in third} == {"JC002"}


def test_per_file_ignores_and_the_reported_path_are_part_of_the_key(project, capsys):
    report(capsys, "jobs/bad0.sh")
    (project / ".jobcheck.toml").write_text('[per-file-ignores]\n"jobs/bad1.sh" = ["JC002"]\n')
    _, found = report(capsys, "jobs/bad0.sh", "jobs/bad1.sh")
    by_path = {}
    for f in found:
        by_path.setdefault(f["path"], set()).add(f["code"])
    assert "JC002" in by_path["jobs/bad0.sh"] and "JC002" not in by_path["jobs/bad1.sh"]


def test_a_new_version_or_an_edited_plugin_changes_the_key(tmp_path, monkeypatch):
    registry = plugins.load(third_party=False)
    before = cache_module.code_fingerprint(registry)
    assert cache_module.code_fingerprint(registry) == before
    monkeypatch.setattr("jobcheck.__version__", "99.0")
    assert cache_module.code_fingerprint(registry) != before
    monkeypatch.undo()
    module = tmp_path / "site_rules_plugin.py"
    module.write_text("X = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import site_rules_plugin

    registry = plugins.load(extra_plugins=(site_rules_plugin,), third_party=False)
    with_plugin = cache_module.code_fingerprint(registry)
    assert with_plugin != before
    os.utime(module, ns=(0, 10**18))  # the plugin's code changes
    assert cache_module.code_fingerprint(registry) != with_plugin
    registry.versions["site_rules_plugin"] = "site-rules==2.0"
    site_rules_plugin.__version__ = "2.0"
    assert cache_module.code_fingerprint(registry) != with_plugin


def test_no_cache_and_fixes_neither_read_nor_write_it(project, capsys):
    report(capsys, "--no-cache", "jobs")
    assert entries(project / "cache") == []
    main(["--fix", "jobs/bad0.sh"])
    capsys.readouterr()
    assert entries(project / "cache") == []
    assert (project / "jobs" / "bad0.sh").read_text().startswith("#!/bin/bash\n#SBATCH --time=1:00:00")


def test_cache_dir_option_and_an_unwritable_cache(project, capsys):
    report(capsys, "--cache-dir", str(project / "elsewhere"), "jobs/good.sh")
    assert len(entries(project / "elsewhere")) == 1
    blocked = project / "blocked"
    blocked.write_text("a file, so nothing can be created below it")
    code = main(["--format", "json", "-j", "1", "--cache-dir", str(blocked), "jobs/bad0.sh", "jobs/bad1.sh"])
    captured = capsys.readouterr()
    assert code == 1 and len(json.loads(captured.out)["findings"]) == 2 * 4
    assert captured.err.count("jobcheck: warning: cache disabled: cannot write %s/v1" % blocked) == 1


@pytest.mark.slow
def test_concurrent_runs_share_one_cache(project):
    script = "import sys; from jobcheck.cli import main; sys.exit(main(['--format', 'json', '-j', '1', 'jobs']))"
    env = dict(os.environ, JOBCHECK_NO_PLUGINS="1")
    runs = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, env=env, cwd=project) for _ in range(4)
    ]
    outputs = [run.communicate()[0] for run in runs]
    assert [run.returncode for run in runs] == [1] * 4
    assert len(set(outputs)) == 1
    leftovers = [f for _, _, files in os.walk(project / "cache") for f in files if f.startswith(".tmp-")]
    assert leftovers == [] and len(entries(project / "cache")) == 4


def test_pruning_drops_entries_unused_for_a_month(project, capsys):
    report(capsys, "jobs")
    stored = entries(project / "cache")
    old = stored[0]
    os.utime(old, (0, 0))
    cache = cache_module.Cache(str(project / "cache"), plugins.load(third_party=False))
    stamp = os.path.join(cache.directory, cache_module.PRUNE_STAMP)
    if os.path.exists(stamp):
        os.remove(stamp)
    assert cache.prune() == 1
    assert entries(project / "cache") == stored[1:]
    assert cache.prune() == 0  # at most once a day


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_output_is_the_same_whatever_the_number_of_jobs(tmp_path, monkeypatch, capsys, fmt):
    folder = tmp_path / "many"
    shutil.copytree(FIXTURES / "clean", folder / "clean")
    for bad in sorted((FIXTURES / "rules").glob("JC2*/bad*.sh")):
        shutil.copy(bad, folder / ("%s-%s" % (bad.parent.name, bad.name)))
    monkeypatch.chdir(tmp_path)
    outputs = []
    for jobs in ("1", "2", "3"):
        code = main(["--no-cache", "--isolated", "--format", fmt, "-j", jobs, "many"])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0][0] == 1
    assert outputs[0][1].count("JC2") > 20
    assert outputs[1] == outputs[0] and outputs[2] == outputs[0]


@pytest.mark.slow
def test_fix_and_diff_in_parallel_match_one_job(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    results = {}
    for jobs in ("1", "2"):
        folder = tmp_path / ("run" + jobs)
        folder.mkdir()
        for n in range(12):
            (folder / ("job%02d.sh" % n)).write_text(BAD.replace("ls", "ls %d" % n))
        main(["--isolated", "-j", jobs, "--diff", folder.name])
        diff = capsys.readouterr().out
        main(["--isolated", "-j", jobs, "--fix", folder.name])
        capsys.readouterr()
        results[jobs] = (diff.replace(folder.name, "F"), [p.read_text() for p in sorted(folder.iterdir())])
    assert results["1"] == results["2"]
    assert results["1"][0].count("+#!/bin/bash") == 12


def test_jobs_must_be_a_positive_number(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["-j", "0", "x.sh"])
    assert stop.value.code == 2
    assert "expected a positive whole number, got '0'" in capsys.readouterr().err
