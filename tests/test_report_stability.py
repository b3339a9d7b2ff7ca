"""Reports stay well-formed and stable (issue 22, item 15): XML with control characters is still
XML, and a path's URI and fingerprint do not depend on how the path was typed."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from jobcheck.cli.command import main

CONTROL = "#!bin/ba\x01sh\n#SBATCH --ti\x07me=10\n"


@pytest.mark.parametrize("fmt", ["junit", "checkstyle"])
def test_control_characters_in_messages_and_names_keep_the_xml_valid(tmp_path, monkeypatch, capsys, fmt):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ctl\x02.sh").write_text(CONTROL)
    assert main(["--no-cache", "--format", fmt, "ctl\x02.sh"]) == 1
    out = capsys.readouterr().out
    root = etree.fromstring(out.encode("utf-8"))
    if fmt == "checkstyle":
        [file] = root.findall("file")
        assert file.get("name") == "ctl\\x02.sh"
        messages = [e.get("message") for e in file.findall("error")]
    else:
        [suite] = root.findall("testsuite")
        assert suite.get("name") == "ctl\\x02.sh"
        messages = [f.get("message") for f in suite.iter("failure")]
    assert messages[0].startswith("shebang interpreter `bin/ba\\x01sh` is not an absolute path")
    assert messages[1].startswith("`--ti\\x07me` is not an sbatch option")


def _report(capsys, fmt, path):
    main(["--no-cache", "--format", fmt, path])
    return capsys.readouterr().out


def test_sarif_uri_and_gitlab_fingerprint_do_not_depend_on_how_the_path_is_typed(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.sh").write_text("#!bin/bash\n")
    spellings = ["bad.sh", "./bad.sh", str(tmp_path / "bad.sh"), "./sub/../bad.sh"]
    (tmp_path / "sub").mkdir()
    sarif = [json.loads(_report(capsys, "sarif", p))["runs"][0]["results"][0] for p in spellings]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif} == {"bad.sh"}
    assert len({r["partialFingerprints"]["jobcheck/v1"] for r in sarif}) == 1
    gitlab = [json.loads(_report(capsys, "gitlab", p))[0] for p in spellings]
    assert {(g["fingerprint"], g["location"]["path"]) for g in gitlab} == {(gitlab[0]["fingerprint"], "bad.sh")}


@pytest.mark.parametrize("fmt", ["sarif", "github", "gitlab", "junit", "checkstyle", "json-lines"])
def test_statistics_with_a_format_it_cannot_print_is_refused(tmp_path, capsys, fmt):
    (tmp_path / "bad.sh").write_text("#!bin/bash\n")
    assert main(["--no-cache", "--statistics", "--format", fmt, str(tmp_path / "bad.sh")]) == 2
    assert capsys.readouterr().err == (
        "jobcheck: error: --statistics prints text, concise or json, not --format %s\n" % fmt
    )
