"""Every output format, read back with its consumer's own schema or parser."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import jsonschema
import pytest

from jobcheck.cli.command import main

from .helpers import ROOT

SCHEMAS = ROOT / "tests" / "schemas"
BAD = "#!bin/bash\n#SBATCH --time=90:30\nexport DATA='$HOME/data'\napptainer exec --writeable-tmpfs img.sif ls\n"


@pytest.fixture()
def scripts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.sh").write_text(BAD)
    (tmp_path / "good.sh").write_text("#!/bin/bash\n#SBATCH --time=10\nsrun hostname\n")
    (tmp_path / "binary.sh").write_bytes(b"#!/bin/bash\n\x00\x01")
    return tmp_path


def output(capsys, *args):
    code = main(["--isolated", *args])
    return code, capsys.readouterr().out


def test_sarif_validates_against_the_official_schema(scripts, capsys):
    code, out = output(capsys, "--format", "sarif", "bad.sh", "good.sh", "binary.sh")
    doc = json.loads(out)
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft7Validator(schema).validate(doc)
    assert code == 1
    run = doc["runs"][0]
    assert run["tool"]["driver"]["name"] == "jobcheck"
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "JC201" in rule_ids and "## Why is this bad?" in run["tool"]["driver"]["rules"][0]["help"]["markdown"]
    results = [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        )
        for r in run["results"]
    ]
    assert results == [
        ("JC002", "error", 1, "bad.sh"),
        ("JC113", "warning", 2, "bad.sh"),
        ("JC010", "warning", 3, "bad.sh"),
        ("JC201", "error", 4, "bad.sh"),
        ("JC003", "error", 2, "binary.sh"),
    ]
    fix = run["results"][3]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix == {
        "deletedRegion": {"startLine": 4, "startColumn": 16, "endLine": 4, "endColumn": 33},
        "insertedContent": {"text": "--writable-tmpfs"},
    }
    assert run["results"][3]["ruleIndex"] == rule_ids.index("JC201")


def test_junit_validates_against_the_jenkins_schema(scripts, capsys):
    lxml = pytest.importorskip("lxml.etree")
    code, out = output(capsys, "--format", "junit", "bad.sh", "good.sh", "missing.sh")
    schema = lxml.XMLSchema(lxml.parse(str(SCHEMAS / "junit-10.xsd")))
    document = lxml.fromstring(out.encode())
    schema.assertValid(document)
    assert code == 2
    suites = document.findall("testsuite")
    assert [(s.get("name"), s.get("tests"), s.get("failures"), s.get("errors")) for s in suites] == [
        ("bad.sh", "4", "4", "0"),
        ("good.sh", "1", "0", "0"),
        ("missing.sh", "1", "0", "1"),
    ]
    failure = suites[0].find("testcase/failure")
    assert failure.get("type") == "JC002" and failure.text.startswith("bad.sh:1:3: JC002 shebang interpreter")


def test_gitlab_code_quality(scripts, capsys):
    _, out = output(capsys, "--format", "gitlab", "bad.sh", "good.sh")
    issues = json.loads(out)
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("JC002 relative-shebang", "major", {"path": "bad.sh", "lines": {"begin": 1, "end": 1}}),
        ("JC113 sbatch-time-format", "minor", {"path": "bad.sh", "lines": {"begin": 2, "end": 2}}),
        ("JC010 single-quoted-variable", "minor", {"path": "bad.sh", "lines": {"begin": 3, "end": 3}}),
        ("JC201 container-unknown-flag", "major", {"path": "bad.sh", "lines": {"begin": 4, "end": 4}}),
    ]
    assert all(set(i) == {"description", "check_name", "fingerprint", "severity", "location"} for i in issues)
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == 4 and all(len(f) == 32 for f in fingerprints)
    # stable: the same findings give the same fingerprints, even when lines move
    (scripts / "bad.sh").write_text("\n".join(BAD.split("\n")[:1] + ["# a new comment line"] + BAD.split("\n")[1:]))
    _, moved = output(capsys, "--format", "gitlab", "bad.sh")
    assert [i["fingerprint"] for i in json.loads(moved)] == fingerprints


def test_github_annotations_escape_their_properties(scripts, capsys):
    (scripts / "a,b:c.sh").write_text(BAD)
    _, out = output(capsys, "--format", "github", "a,b:c.sh")
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=a%2Cb%3Ac.sh,line=1,endLine=1,title=JC002 relative-shebang,col=3,endColumn=11::"
        "shebang interpreter `bin/bash` is not an absolute path: sbatch accepts the script, then the "
        'job fails at start with "execve(): bad interpreter(bin/bash): No such file or directory"; '
        "did you mean `/bin/bash`?"
    )
    assert lines[1].startswith("::warning file=a%2Cb%3Ac.sh,line=2,")
    assert len(lines) == 4


def test_checkstyle_parses(scripts, capsys):
    _, out = output(capsys, "--format", "checkstyle", "bad.sh", "good.sh")
    root = ElementTree.fromstring(out)
    files = root.findall("file")
    assert [f.get("name") for f in files] == ["bad.sh", "good.sh"]
    errors = files[0].findall("error")
    assert next((e.get("line"), e.get("column"), e.get("severity"), e.get("source")) for e in errors) == (
        "1",
        "3",
        "error",
        "jobcheck.JC002.relative-shebang",
    )
    assert files[1].findall("error") == []


def test_json_lines(scripts, capsys):
    _, out = output(capsys, "--format", "json-lines", "bad.sh")
    objects = [json.loads(line) for line in out.splitlines()]
    assert [o["code"] for o in objects] == ["JC002", "JC113", "JC010", "JC201"]
    assert set(objects[0]) == {
        "code",
        "name",
        "severity",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "fix",
    }


def test_statistics_and_output_file(scripts, capsys):
    code, out = output(capsys, "--statistics", "bad.sh", "good.sh")
    assert code == 1
    assert out.splitlines()[0].split() == ["1", "JC002", "relative-shebang", "[*]", "1", "fixable"]
    code, out = output(capsys, "--statistics", "--format", "json", "bad.sh")
    assert {"code": "JC113", "name": "sbatch-time-format", "count": 1, "fixable": 0} in json.loads(out)
    code, out = output(capsys, "--format", "sarif", "--output-file", "report.sarif", "bad.sh")
    assert out == "" and json.loads((scripts / "report.sarif").read_text())["version"] == "2.1.0"


def test_plain_text_is_what_rich_writes_without_colour(tmp_path, capsys, monkeypatch):
    """Without a terminal the text reporter skips rich; its text must be rich's, byte for byte."""
    from jobcheck.reporters import text

    script = tmp_path / "wide.sh"
    script.write_text("#!/bin/bash\n#SBATCH --job-name=訓練 --tiem=1:00:00\necho '\uff58' $HOME\n", encoding="utf-8")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    plain = output(capsys, str(script))[1]
    # rich itself, on a stream that is not a terminal (so still no escape codes)
    monkeypatch.setattr(text, "wants_colour", lambda stream, choice="auto": True)
    assert output(capsys, str(script))[1] == plain
    assert "2 | #SBATCH --job-name=訓練 --tiem=1:00:00\n  |                         ^^^^^^\n" in plain


def test_json_is_streamed_but_is_exactly_one_json_dumps():
    import io

    from jobcheck.engine.linter import FileResult
    from jobcheck.reporters._clean import printable
    from jobcheck.reporters.json_reporter import JsonReporter, finding_to_json

    from .helpers import lint

    texts = ["#!bin/bash\n#SBATCH --tiem=1\nexport A='$HOME/é'\n", "#!/bin/bash\n#SBATCH -t 5\nsrun x\n", ""]
    results = [lint(t, path="f%d.sh" % i) for i, t in enumerate(texts)] + [FileResult("gone.sh", error="no such file")]
    for chosen in (results, results[1:2], []):
        out = io.StringIO()
        JsonReporter(out).report(chosen, None)
        document = {
            "version": 1,
            "files": [
                {"path": printable(r.path), "parser": r.parser, "error": printable(r.error) if r.error else None}
                for r in chosen
            ],
            "findings": [finding_to_json(f, r.source) for r in chosen for f in r.findings],
        }
        assert out.getvalue() == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    assert sum(len(r.findings) for r in results) == 3  # JC002, JC103, JC010


def test_json_findings_with_several_edits_and_undecodable_bytes_are_exactly_json_dumps():
    import io

    from jobcheck.engine.linter import FileResult
    from jobcheck.model.source import Source
    from jobcheck.reporters.json_reporter import JsonReporter, finding_to_json
    from jobcheck.rule import Applicability, Edit, Finding, Fix, Severity

    source = Source.from_bytes(b"#!/bin/bash\necho '\xff caf\xc3\xa9'\n\techo \"x\"\n", "d\udcffir/job.sh")
    fix = Fix(
        Applicability.UNSAFE,
        'quote "it" \\ here',
        (Edit(30, 31, "\t\u2028\x01"), Edit(12, 16, ""), Edit(20, 20, "caf\u00e9\udcff")),
    )
    findings = [
        Finding(
            "JC010",
            "single-quoted-variable",
            Severity.WARNING,
            source.path,
            2,
            6,
            2,
            13,
            'msg \udcff "q" \u2028',
            fix,
            12,
            16,
        ),
        Finding("JC002", "shebang", Severity.ERROR, source.path, 1, 1, 1, 2, "m", Fix(Applicability.SAFE, "e", ())),
    ]
    result = FileResult(source.path, parser="bashlex", findings=findings, source=source)
    out = io.StringIO()
    JsonReporter(out).report([result], None)
    document = {
        "version": 1,
        "files": [{"path": "d\ufffdir/job.sh", "parser": "bashlex", "error": None}],
        "findings": [finding_to_json(f, source) for f in findings],
    }
    assert out.getvalue() == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    assert [e["content"] for e in document["findings"][0]["fix"]["edits"]] == ["", "caf\u00e9\ufffd", "\t\u2028\x01"]


def test_the_json_indenter_writes_what_json_dumps_writes():
    from jobcheck.reporters.json_reporter import indented

    samples = [
        {},
        [],
        {"a": []},
        {"k": {"x": [1, True, None, False, 'é\n"\\\t\u2028\x01']}, "n": -3},
        [{"fix": None, "edits": [{"line": 1, "content": ""}]}, 2.5, "s"],
        "plain",
        0,
        None,
    ]
    for sample in samples:
        assert indented(sample) == json.dumps(sample, indent=2, ensure_ascii=False)
        assert indented(sample, "\n    ") == json.dumps(sample, indent=2, ensure_ascii=False).replace("\n", "\n    ")


def test_printable_shows_each_undecodable_byte_as_one_replacement_character():
    from jobcheck.reporters._clean import printable

    assert printable("plain ascii: $X 'y'") == "plain ascii: $X 'y'"
    assert printable("caf\u00e9 \u4e2d") == "caf\u00e9 \u4e2d"
    assert printable("a\udcffb\udc80") == "a\ufffdb\ufffd"
