"""The architecture holds: the import contracts in pyproject.toml ([tool.importlinter]) are kept,
and they would catch a rule that imports a front end, a layer that imports one above it, or an
import cycle. Also the public rule API for derived facts (jobcheck.derived_fact)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest
from importlinter import configuration
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract

from jobcheck import derived_fact
from jobcheck.frontends import analyse
from jobcheck.model.source import Source

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
configuration.configure()  # what `lint-imports` sets up before it checks contracts
CONTRACT_TYPES = {"layers": LayersContract, "forbidden": ForbiddenContract, "acyclic_siblings": AcyclicSiblingsContract}


def test_lint_imports_keeps_every_contract():
    lint_imports = shutil.which("lint-imports", path=os.path.dirname(sys.executable)) or shutil.which("lint-imports")
    assert lint_imports, "import-linter is not installed (it is in the `test` extra)"
    done = subprocess.run([lint_imports, "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: %d kept, 0 broken." % len(CONFIG["contracts"]) in done.stdout


def kept(contract_id: str, extra_import: tuple[str, str] | None = None) -> bool:
    """Whether the contract holds on the code as it is, plus `extra_import` (importer, imported).
    A fresh graph each time: checking a contract takes its ignored imports out of the graph."""
    graph = grimp.build_graph(*CONFIG["root_packages"], cache_dir=None)
    if extra_import is not None:
        graph.add_import(importer=extra_import[0], imported=extra_import[1])
    options = next(c for c in CONFIG["contracts"] if c["id"] == contract_id)
    contract = CONTRACT_TYPES[options["type"]](
        name=options["name"],
        session_options={"root_packages": CONFIG["root_packages"]},
        contract_options={k: v for k, v in options.items() if k not in ("id", "name", "type")},
    )
    return contract.check(graph, verbose=False).kept


def test_the_contracts_name_the_layers_and_the_forbidden_modules():
    by_id = {c["id"]: c for c in CONFIG["contracts"]}
    assert by_id["layers"]["layers"][-5:] == [
        "knowledge",
        "rule | rule_examples",
        "settings | hookspecs",
        "model",
        "patterns",
    ]
    assert (
        by_id["layers"]["layers"].index("engine")
        < by_id["layers"]["layers"].index("frontends")
        < by_id["layers"]["layers"].index("semantics")
    )
    assert set(by_id["rules"]["forbidden_modules"]) >= {
        "jobcheck.frontends",
        "jobcheck.engine",
        "jobcheck.cli",
        "jobcheck.reporters",
        "jobcheck.server",
        "jobcheck.plugins",
    }
    assert by_id["acyclic"]["ancestors"] == ["jobcheck", "jobcheck_rules"]


@pytest.mark.parametrize(
    "importer, imported, contract_id",
    [
        ("jobcheck_rules.slurm.sbatch_time_format", "jobcheck.frontends.slurm_header", "rules"),
        ("jobcheck_rules.shell.no_errexit", "jobcheck.engine.linter", "rules"),
        ("jobcheck_rules.pbs.pbs_directives", "jobcheck.cli.profiles", "rules"),
        ("jobcheck.semantics.launchers", "jobcheck.frontends.slurm_header", "layers"),
        ("jobcheck.model.script", "jobcheck.semantics.launchers", "layers"),
        ("jobcheck.engine.linter", "jobcheck.cli.gc_policy", "layers"),
        ("jobcheck.server.hover", "jobcheck_rules.containers.container_unknown_flag", "core"),
        ("jobcheck.frontends.raw_commands", "jobcheck.frontends.treesitter_frontend", "acyclic"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(importer, imported, contract_id):
    assert kept(contract_id)
    assert not kept(contract_id, (importer, imported))


def test_a_derived_fact_is_computed_once_per_script_and_argument():
    calls = []

    @derived_fact
    def long_options(script, prefix):
        calls.append(prefix)
        return [o.name for d in script.directives for o in d.options if o.name and o.name.startswith(prefix)]

    script = analyse(Source.from_text("#!/bin/bash\n#SBATCH --time=5 --ntasks=2\necho hi\n"))
    other = analyse(Source.from_text("#!/bin/bash\n#SBATCH --nodes=1\n"))
    assert long_options(script, "t") == ["time"]
    assert long_options(script, "t") is long_options(script, "t")
    assert long_options(script, "n") == ["ntasks"]
    assert long_options(other, "n") == ["nodes"]
    assert calls == ["t", "n", "n"]
    assert long_options.__name__ == "long_options"
