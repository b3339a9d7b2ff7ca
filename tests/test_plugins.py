"""Rule packs come in through pluggy entry points; a broken plugin never stops jobcheck."""

from __future__ import annotations

import subprocess
import sys
import types
from importlib import metadata

import pytest

from jobcheck import Diagnostic, Rule, Severity, hookimpl
from jobcheck.cli.command import main
from jobcheck.engine.linter import Linter
from jobcheck.model.source import Source
from jobcheck.plugins import registry as plugins
from jobcheck.settings import Settings


def test_builtin_pack_is_an_entry_point_named_jobcheck_rules():
    eps = [ep for ep in metadata.entry_points(group="jobcheck.plugins") if ep.name == "builtin"]
    assert [ep.value for ep in eps] == ["jobcheck_rules"]


def test_rules_is_not_installed_as_a_top_level_module(tmp_path):
    probe = "import importlib.util, jobcheck_rules; print(importlib.util.find_spec('rules'))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "None"


class SiteRule(Rule):
    """Site rule used by the tests."""

    code = "XS001"
    name = "site-rule"
    severity = Severity.INFO
    summary = "says hello on line 1"

    def check(self, script, settings):
        yield Diagnostic(0, 2, "hello from %s" % settings.get("greeting", "nobody"))


class CrashingRule(Rule):
    code = "XS002"
    name = "crashing-rule"
    severity = Severity.ERROR
    summary = "always raises"

    def check(self, script, settings):
        raise KeyError("boom")


def plugin(**hooks):
    module = types.SimpleNamespace()
    for name, function in hooks.items():
        setattr(module, name, hookimpl(function))
    return module


def fake_entry_points(monkeypatch, *extra):
    real = plugins._entry_points()
    monkeypatch.setattr(
        plugins,
        "_entry_points",
        lambda: real + [metadata.EntryPoint(name=name, value=value, group="jobcheck.plugins") for name, value in extra],
    )


@pytest.mark.third_party_plugins
def test_a_plugin_that_fails_to_import_is_reported_and_skipped(monkeypatch):
    fake_entry_points(monkeypatch, ("broken", "no_such_module_for_jobcheck_tests"))
    registry = plugins.load()
    assert [e.plugin for e in registry.errors] == ["broken"]
    assert "failed to load (ModuleNotFoundError" in registry.errors[0].message
    assert "JC001" in registry.by_code()


def test_a_plugin_whose_hook_raises_or_returns_junk_is_reported():
    def raising():
        raise RuntimeError("bad plugin")

    registry = plugins.load(extra_plugins=(plugin(jobcheck_rules=raising), plugin(jobcheck_rules=lambda: [object])))
    messages = sorted(e.message for e in registry.errors)
    assert messages[0].startswith("<class 'object'> is not a jobcheck.Rule subclass")
    assert messages[1] == "jobcheck_rules() raised RuntimeError: bad plugin"
    assert "JC201" in registry.by_code()


def test_malformed_and_duplicate_rules_are_skipped():
    class BadCode(SiteRule):
        code = "lower1"

    class Duplicate(SiteRule):
        code = "JC001"

    registry = plugins.load(extra_plugins=(plugin(jobcheck_rules=lambda: [BadCode, Duplicate]),))
    messages = [e.message for e in registry.errors]
    assert "BadCode: code 'lower1' is not letters followed by 3-4 digits" in messages
    assert any(m.startswith("rule code JC001 is already used by plugin 'builtin'") for m in messages)
    assert registry.by_code()["JC001"].plugin == "builtin"


def test_site_rules_run_with_their_options_and_a_crash_is_contained():
    from jobcheck import Option

    seen = {}
    site = plugin(
        jobcheck_rules=lambda: [SiteRule, CrashingRule],
        jobcheck_options=lambda: [Option("greeting", "nobody", "who says hello")],
        jobcheck_configure=lambda settings: seen.setdefault("settings", settings),
    )
    registry = plugins.load(extra_plugins=(site,))
    assert [o.name for o in registry.options] == [
        "max-array-size",
        "lsf-unit-for-limits",
        "environment-variables",
        "greeting",
    ]
    settings = Settings(options={"greeting": "site admins"})
    plugins.configure(registry, settings)
    assert seen["settings"] is settings
    result = Linter(registry, settings).check_source(Source.from_text("#!bin/bash\n", "job.sh"))
    assert [(f.code, f.line, f.column) for f in result.findings] == [("JC000", 1, 1), ("XS001", 1, 1), ("JC002", 1, 3)]
    assert result.findings[1].message == "hello from site admins"
    crash = [f for f in result.findings if f.code == "JC000"]
    assert len(crash) == 1
    assert crash[0].message.startswith("rule XS002 (crashing-rule, from plugin ")
    assert "crashed on this file: KeyError: 'boom'" in crash[0].message


@pytest.mark.third_party_plugins
def test_cli_warns_about_broken_plugins_and_goes_on(monkeypatch, tmp_path, capsys):
    fake_entry_points(monkeypatch, ("broken", "no_such_module_for_jobcheck_tests"))
    script = tmp_path / "job.sh"
    script.write_text("#!/bin/bash\n#SBATCH -t 5\nsrun hostname\n")
    assert main([str(script)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("jobcheck: warning: plugin 'broken': failed to load (ModuleNotFoundError")


def test_every_package_is_installed():
    """pyproject lists the packages by hand (rules/ is renamed jobcheck_rules): a new folder left
    out installs a jobcheck whose built-in rules fail to import."""
    import tomllib

    from .helpers import ROOT

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = set()
    for top, name in (("jobcheck", "jobcheck"), ("rules", "jobcheck_rules")):
        for init in (ROOT / top).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / top)
            found.add(".".join((name,) + relative.parts))
    assert listed == found


def test_a_broken_builtin_pack_fails_the_run(tmp_path, monkeypatch, capsys):
    from jobcheck.cli import command as cli

    broken = plugins.Registry(errors=[plugins.PluginError(plugins.BUILTIN, "failed to load (ImportError: x)")])
    monkeypatch.setattr(cli.plugins, "load", lambda third_party=None: broken)
    script = tmp_path / "job.sh"
    script.write_text("#!bin/bash\n")
    assert cli.main(["--no-cache", str(script)]) == 2
    err = capsys.readouterr().err
    assert "jobcheck: error: jobcheck's built-in rules did not load; reinstall jobcheck" in err


def test_a_plugin_launcher_lives_in_its_registry_and_travels_with_the_script():
    """`jobcheck_launchers` extends the registry's launcher table, not a module global: a run
    without the plugin does not look through the site wrapper, and the model carries the table."""
    from jobcheck.launchers import Launcher
    from jobcheck.semantics.launcher_table import BUILTIN_LAUNCHERS

    site = types.SimpleNamespace(jobcheck_launchers=hookimpl(lambda: {"wrapit": Launcher(frozenset({"-n"}))}))
    with_site, without = plugins.load(extra_plugins=(site,), third_party=False), plugins.load(third_party=False)
    assert "wrapit" in with_site.launchers and "wrapit" not in without.launchers
    assert "wrapit" not in BUILTIN_LAUNCHERS and len(without.launchers) == len(BUILTIN_LAUNCHERS)
    job = Source.from_text("#!/bin/bash\nwrapit -n 2 apptainer exec --nvv i.sif x\n")

    def run(registry):
        result = Linter(registry, Settings(select=("JC201",))).check_source(job)
        assert result.script.launchers is registry.launchers
        return [(f.code, f.line, f.column) for f in result.findings]

    assert run(with_site) == [("JC201", 2, 28)]
    assert run(without) == []
    assert run(with_site) == [("JC201", 2, 28)]  # still there: nothing was kept between runs
