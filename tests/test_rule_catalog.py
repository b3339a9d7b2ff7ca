"""The built-in rules' catalog: current, answering as the rule classes do, and loading a rule's
module only when a file it can report on is checked (start-up of a one-file run)."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import jobcheck_rules
from jobcheck.plugins import registry as plugins
from jobcheck.plugins.catalog import CatalogedRule, origin
from jobcheck.testing import check

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import rule_catalog  # noqa: E402

SLURM_JOB = """#!/bin/bash
#SBATCH --time=10
#SBATCH --gres=gpu:1
export DATA='$HOME/data'
apptainer exec --writeable-tmpfs image.sif python train.py
"""


def test_the_catalog_is_current():
    assert rule_catalog.main(["--check"]) == 0


def test_a_stale_catalog_is_reported(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "catalog.py"
    stale.write_text(rule_catalog.CATALOG.read_text().replace("'missing-shebang'", "'no-shebang'"))
    monkeypatch.setattr(rule_catalog, "CATALOG", stale)
    assert rule_catalog.main(["--check"]) == 1
    assert "-    ('JC001', 'no-shebang'" in capsys.readouterr().out


def test_every_cataloged_rule_answers_as_its_class():
    classes = {rule.code: rule for rule in jobcheck_rules.jobcheck_rules()}
    cataloged = plugins.load(third_party=False).rules
    assert [r.code for r in cataloged] == sorted(classes)
    for rule in cataloged:
        assert isinstance(rule, CatalogedRule)
        real = classes[rule.code]
        for attr in ("name", "severity", "summary", "fix_availability", "opt_in", "languages", "schedulers"):
            assert getattr(rule, attr) == getattr(real, attr), (rule.code, attr)
        assert rule.docs() == real.docs()
        assert origin(rule) == "%s.%s" % (real.__module__, real.__qualname__)
        assert rule.plugin == "builtin" and rule.loaded().plugin == "builtin"


def test_a_cataloged_rule_finds_what_its_class_finds():
    found = check(SLURM_JOB)
    assert [(f.code, f.line, f.column) for f in found] == [("JC010", 4, 13), ("JC301", 5, 1), ("JC201", 5, 16)]


def _modules_after_a_run(tmp_path, name: str, text: str, *options: str) -> set[str]:
    job = tmp_path / name
    job.write_text(text)
    program = textwrap.dedent(
        """
        import contextlib, io, json, sys
        from jobcheck.cli.command import main
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                main(sys.argv[1:])
            except SystemExit:
                pass
        print(json.dumps(sorted(sys.modules)))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", program, "--no-cache", *options, str(job)],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def _rules_loaded(modules: set[str]) -> dict[str, tuple]:
    """The catalog entries (by module) of the rule modules among `modules`."""
    from jobcheck_rules.catalog import RULES

    return {entry[8]: entry for entry in RULES if entry[8] in modules}


def test_a_slurm_script_loads_only_the_rules_that_can_report_on_it(tmp_path):
    loaded = _rules_loaded(_modules_after_a_run(tmp_path, "job.sh", SLURM_JOB, "--no-plugins"))
    assert loaded, "expected the shell and Slurm rules to be loaded"
    for module, entry in loaded.items():
        languages, schedulers = entry[6], entry[7]
        assert "shell" in languages and schedulers in ((), ("slurm",)), module
    assert len(loaded) < 120  # of 177: no PBS, LSF, Grid Engine or definition-file rule


def test_a_small_run_imports_nothing_it_does_not_use(tmp_path):
    # A bash array: bashlex cannot parse it, so tree-sitter's grammar is loaded too.
    modules = _modules_after_a_run(tmp_path, "job.sh", SLURM_JOB + "seeds=(1 2 3)\n", "--no-plugins")
    assert "tree_sitter" in modules
    # What only plugins, definition files, cluster profiles, tree-sitter's queries, the cache,
    # a fix or help text need.
    unneeded = (
        "pluggy",
        "hashlib",
        "shutil",
        "importlib.resources",
        "tree_sitter_bash",
        "jobcheck.model.recipe",
        "jobcheck.model.cluster",
        "jobcheck.frontends.deffile_frontend",
    )
    assert [name for name in unneeded if name in modules] == []


@pytest.mark.parametrize(
    ("name", "text", "pack"),
    [
        ("job.pbs", "#!/bin/bash\n#PBS -l walltime=1:00:00\n#PBS -N x\necho hi\n", "pbs"),
        ("job.lsf", "#!/bin/bash\n#BSUB -W 10\n#BSUB -J x\necho hi\n", "lsf"),
        ("job.sge", "#!/bin/bash\n#$ -N x\n#$ -cwd\necho hi\n", "sge"),
        ("x.def", "Bootstrap: docker\nFrom: ubuntu:22.04\n\n%post\n    apt-get update\n", "deffile"),
    ],
)
def test_other_jobs_load_their_own_rules(tmp_path, name, text, pack):
    loaded = _rules_loaded(_modules_after_a_run(tmp_path, name, text, "--no-plugins"))
    assert any(module.startswith("jobcheck_rules.%s." % pack) for module in loaded)
