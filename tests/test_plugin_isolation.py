"""A plugin cannot take the run down: whatever its code does at import, in a hook, in a rule's
constructor or check, or in the fixes it proposes, it is reported by name and the built-in rules
still run."""

from __future__ import annotations

import json
import sys
import textwrap
from importlib import metadata

import pytest

from jobcheck.cli.command import main
from jobcheck.plugins import registry as plugins

BAD = "#!bin/bash\n#SBATCH --time=10\nexport DATA='$HOME/data'\nsrun hostname\n"
FIXED = BAD.replace("#!bin", "#!/bin").replace("'$HOME/data'", '"$HOME/data"')
PLUGIN_HEAD = """
from jobcheck import Diagnostic, Edit, Fix, Rule, Severity, hookimpl

class HostileRule(Rule):
    code = "XH001"
    name = "hostile-rule"
    severity = Severity.WARNING
    summary = "a rule of a hostile plugin"
"""


def install(tmp_path, monkeypatch, name: str, body: str) -> None:
    """Make `body` an installed plugin called `name` (a module on sys.path and an entry point)."""
    (tmp_path / ("%s.py" % name)).write_text(PLUGIN_HEAD + textwrap.dedent(body))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, name, raising=False)
    real = plugins._entry_points()
    monkeypatch.setattr(
        plugins, "_entry_points", lambda: real + [metadata.EntryPoint(name=name, value=name, group="jobcheck.plugins")]
    )
    monkeypatch.delenv("JOBCHECK_NO_PLUGINS", raising=False)


def check(tmp_path, capsys, *args) -> tuple[int, list, str]:
    job = tmp_path / "job.sh"
    job.write_text(BAD)
    code = main(["--no-cache", "--format", "json", *args, str(job)])
    captured = capsys.readouterr()
    findings = json.loads(captured.out)["findings"] if captured.out else []
    return code, [(f["code"], f["message"]) for f in findings], captured.err


def builtin_codes(findings) -> list[str]:
    return [code for code, _ in findings if code.startswith("JC") and code != "JC000"]


def test_sys_exit_at_import_is_reported_and_skipped(tmp_path, monkeypatch, capsys):
    install(tmp_path, monkeypatch, "hx_exit", "import sys\nsys.exit(3)\n")
    code, findings, err = check(tmp_path, capsys)
    assert code == 1
    assert err == "jobcheck: warning: plugin 'hx_exit': failed to load (SystemExit: 3)\n"
    assert builtin_codes(findings) == ["JC002", "JC010"]


def test_a_rule_raising_system_exit_is_contained(tmp_path, monkeypatch, capsys):
    install(
        tmp_path,
        monkeypatch,
        "hx_rule_exit",
        """
        import sys
        class Exiting(HostileRule):
            def check(self, script, settings):
                sys.exit("bye")
        @hookimpl
        def jobcheck_rules():
            return [Exiting]
    """,
    )
    code, findings, _err = check(tmp_path, capsys)
    assert code == 1
    assert (
        "JC000",
        "rule XH001 (hostile-rule, from plugin 'hx_rule_exit') crashed on this file: SystemExit: bye "
        "at hx_rule_exit.py:13",
    ) in findings
    assert builtin_codes(findings) == ["JC002", "JC010"]


def test_configure_raising_skips_that_plugins_rules(tmp_path, monkeypatch, capsys):
    install(
        tmp_path,
        monkeypatch,
        "hx_configure",
        """
        class Noisy(HostileRule):
            def check(self, script, settings):
                yield Diagnostic(0, 1, "should not run unconfigured")
        @hookimpl
        def jobcheck_rules():
            return [Noisy]
        @hookimpl
        def jobcheck_configure(settings):
            raise ValueError("no site file")
    """,
    )
    code, findings, err = check(tmp_path, capsys)
    assert code == 1
    assert err == (
        "jobcheck: warning: plugin 'hx_configure': jobcheck_configure() raised ValueError: no site file; "
        "its 1 rule is skipped\n"
    )
    assert [c for c, _ in findings] == ["JC002", "JC010"]


@pytest.mark.parametrize(
    "body, message",
    [
        pytest.param(
            """
        @hookimpl
        def jobcheck_options():
            return ["greeting"]
    """,
            "option 'greeting' is not a jobcheck Option; skipped",
            id="bad-options",
        ),
        pytest.param(
            """
        class Fragile(HostileRule):
            def __init__(self):
                raise RuntimeError("no licence")
        @hookimpl
        def jobcheck_rules():
            return [Fragile]
    """,
            "rule XH001 could not be created (RuntimeError: no licence); skipped",
            id="init-raises",
        ),
        pytest.param(
            """
        class Numbered(HostileRule):
            code = 123
        @hookimpl
        def jobcheck_rules():
            return [Numbered]
    """,
            "Numbered: code must be a string, not 123",
            id="code-type",
        ),
        pytest.param(
            """
        class Stringly(HostileRule):
            severity = "error"
        @hookimpl
        def jobcheck_rules():
            return [Stringly]
    """,
            "Stringly: severity must be a jobcheck.Severity",
            id="severity-type",
        ),
    ],
)
def test_malformed_declarations_are_reported_by_plugin(tmp_path, monkeypatch, capsys, body, message):
    install(tmp_path, monkeypatch, "hx_decl", body)
    code, findings, err = check(tmp_path, capsys)
    assert code == 1
    assert err == "jobcheck: warning: plugin 'hx_decl': %s\n" % message
    assert [c for c, _ in findings] == ["JC002", "JC010"]


@pytest.mark.parametrize(
    "diagnostic, problem",
    [
        pytest.param(
            'Diagnostic(0, 1, "m", Fix.safe("grow", Edit(-5, -1, "A" * 49152)))',
            "fix edit -5--1 is outside the file (0-%d)" % len(FIXED),
            id="negative-edit",
        ),
        pytest.param(
            'Diagnostic(0, 1, "m", Fix.safe("grow", Edit(40, 9999, "")))',
            "fix edit 40-9999 is outside the file (0-%d)" % len(FIXED),
            id="edit-past-end",
        ),
        pytest.param('Diagnostic(0, 1, "m", "not a fix")', "fix 'not a fix' is not a jobcheck.Fix", id="fix-type"),
        pytest.param('Diagnostic(0, 1, {"a": 1})', "message {'a': 1} is not a string", id="message-type"),
        pytest.param(
            'Diagnostic(0, 1, "m", severity="error")', "severity 'error' is not a jobcheck.Severity", id="severity-type"
        ),
    ],
)
def test_malformed_diagnostics_and_fixes_are_never_applied(tmp_path, monkeypatch, capsys, diagnostic, problem):
    install(
        tmp_path,
        monkeypatch,
        "hx_edits",
        """
        class Editing(HostileRule):
            def check(self, script, settings):
                yield %s
        @hookimpl
        def jobcheck_rules():
            return [Editing]
    """
        % diagnostic,
    )
    code, findings, _err = check(tmp_path, capsys, "--fix", "--unsafe-fixes")
    assert code == 1
    assert (tmp_path / "job.sh").read_text() == FIXED  # the built-in fixes, and nothing of the plugin's
    assert findings == [
        (
            "JC000",
            "rule XH001 (hostile-rule, from plugin 'hx_edits') reported a malformed diagnostic, ignored: %s" % problem,
        )
    ]
