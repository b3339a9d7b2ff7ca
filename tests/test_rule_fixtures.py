"""Every rule's fixtures: bad files give exactly the findings in their .expected file and the
text in their .fixed file; good files give no finding at all; both shell front ends agree."""

from __future__ import annotations

import pytest

from jobcheck.frontends import read_shebang, script_language
from jobcheck.frontends.shell import parse_shell
from jobcheck.model.source import Source
from jobcheck.semantics.definition_files import looks_like_definition_file

from .helpers import describe, expected_path, fix, fixed_path, fixture_cases, fixture_settings, lint, registry

CASES = fixture_cases()
BAD = [(code, path) for code, path in CASES if path.name.startswith("bad")]
GOOD = [(code, path) for code, path in CASES if path.name.startswith("good")]


def _id(case):
    return "%s/%s" % (case[0], case[1].name)


def test_every_rule_has_bad_and_good_fixtures():
    codes = {rule.code for rule in registry().rules}
    assert codes == {code for code, _ in BAD} == {code for code, _ in GOOD}


def test_every_fixture_is_bad_or_good():
    assert len(BAD) + len(GOOD) == len(CASES)


@pytest.mark.parametrize("case", BAD, ids=_id)
def test_bad_fixture_findings(case):
    code, path = case
    raw = path.read_bytes()
    findings = lint(raw, path=str(path), select=(code,), **fixture_settings(raw)).findings
    expected = expected_path(path).read_text(encoding="utf-8").splitlines()
    assert [describe(f) for f in findings] == expected
    assert expected, "a bad fixture must produce at least one finding"


@pytest.mark.parametrize("case", BAD, ids=_id)
def test_bad_fixture_fixed_text(case):
    code, path = case
    raw = path.read_bytes()
    settings = fixture_settings(raw)
    fixed = fix(raw, unsafe=True, path=str(path), select=(code,), **settings)
    original = Source.from_bytes(raw).text
    target = fixed_path(path)
    if target.exists():
        assert fixed == Source.from_bytes(target.read_bytes()).text
        # a fix is a fixpoint: fixing the fixed text changes nothing
        assert fix(target.read_bytes(), unsafe=True, path=str(path), select=(code,), **settings) == fixed
    else:
        assert fixed == original, "fixes applied but %s is missing" % target.name


@pytest.mark.parametrize("case", BAD, ids=_id)
def test_safe_fixes_apply_only_safe_edits(case):
    code, path = case
    raw = path.read_bytes()
    settings = fixture_settings(raw)
    findings = lint(raw, path=str(path), select=(code,), **settings).findings
    safe_only = fix(raw, unsafe=False, path=str(path), select=(code,), **settings)
    if not any(f.fix is not None and f.fix.applicability.value == "safe" for f in findings):
        assert safe_only == Source.from_bytes(raw).text
    remaining = lint(safe_only.encode("utf-8", "surrogateescape"), path=str(path), select=(code,), **settings).findings
    assert all(f.fix is None or f.fix.applicability.value == "unsafe" for f in remaining)


@pytest.mark.parametrize("case", GOOD, ids=_id)
def test_good_fixture_is_silent(case):
    _, path = case
    raw = path.read_bytes()
    result = lint(raw, path=str(path), **fixture_settings(raw))
    assert [describe(f) for f in result.findings] == []


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_both_shell_front_ends_agree(case):
    _code, path = case
    raw = path.read_bytes()
    source = Source.from_bytes(raw)
    if looks_like_definition_file(str(path), source.text):
        # the shell of its sections goes through either front end; the findings must not differ
        from jobcheck.frontends.deffile_frontend import parse
        from jobcheck.model.recipe import SHELL_SECTIONS

        for section in parse(source.text).sections:
            if section.name in SHELL_SECTIONS:
                try:
                    parse_shell(source.text[section.body_start : section.body_end], "bashlex")
                except ValueError:
                    pytest.skip("bashlex cannot parse a section of this fixture (tree-sitter is used for it)")
        settings = fixture_settings(raw)
        assert [describe(f) for f in lint(raw, path=str(path), parser="bashlex", **settings).findings] == [
            describe(f) for f in lint(raw, path=str(path), parser="tree-sitter", **settings).findings
        ]
        return
    if script_language(read_shebang(source.text)) != "shell":
        pytest.skip("not a shell script: no shell front end runs")
    try:
        parse_shell(source.text, "bashlex")
    except ValueError:
        pytest.skip("bashlex cannot parse this fixture (tree-sitter is used for it)")
    settings = fixture_settings(raw)
    with_bashlex = lint(raw, path=str(path), parser="bashlex", **settings)
    with_tree_sitter = lint(raw, path=str(path), parser="tree-sitter", **settings)
    assert [describe(f) for f in with_bashlex.findings] == [describe(f) for f in with_tree_sitter.findings]
    assert with_bashlex.parser == "bashlex" and with_tree_sitter.parser == "tree-sitter"


@pytest.mark.slow
def test_tree_sitter_fallback_is_exercised_by_fixtures():
    """Some fixtures use what bashlex cannot parse; their findings come from tree-sitter."""
    fallback = [
        path.name
        for code, path in CASES
        if path.suffix == ".sh" and lint(path.read_bytes(), path=path.name).parser == "tree-sitter"
    ]
    assert "bad-modern-bash.sh" in fallback
