"""Every rule's documented Example triggers it and its "Use instead" does not (as ShellCheck
checks its wiki's examples). The snippets are read from the docs `--explain` prints, written to
an empty folder and checked by the command line with the options the docs name ("With ...")."""

from __future__ import annotations

import json

import pytest

from jobcheck import plugins
from jobcheck.cli import main
from jobcheck.rule_examples import ExampleError, Examples, file_name, read_examples

pytestmark = pytest.mark.third_party_plugins  # the example site plugin's rules are checked too

# The installed rules: the built-in ones and the example site plugin's (CI installs it).
RULES = plugins.load().rules


def codes_reported(tmp_path, monkeypatch, capsys, rule, examples: Examples, content: bytes) -> list[str]:
    monkeypatch.chdir(tmp_path)
    for name, text in examples.files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    script = tmp_path / file_name(rule.languages)
    script.write_bytes(content)
    if examples.config:
        (tmp_path / "jobcheck.toml").write_text(
            "[options]\n" + "".join("%s = %s\n" % item for item in examples.config.items()), encoding="utf-8"
        )
        where = ["--config", "jobcheck.toml"]
    else:
        where = ["--isolated"]
    capsys.readouterr()
    status = main([*where, "--no-cache", "--select", rule.code, "--format", "json", *examples.arguments, script.name])
    out, err = capsys.readouterr()
    assert status in (0, 1), "%s: jobcheck exited %d: %s" % (rule.code, status, err)
    return [f["code"] for f in json.loads(out)["findings"]]


def examples_of(rule) -> Examples:
    try:
        return read_examples(rule.docs())
    except ExampleError as exc:
        pytest.fail("%s (%s): %s" % (rule.code, rule.name, exc))


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_example_triggers_the_rule(rule, tmp_path, monkeypatch, capsys):
    examples = examples_of(rule)
    found = codes_reported(tmp_path, monkeypatch, capsys, rule, examples, examples.example_bytes())
    assert rule.code in found, "%s's Example is not reported:\n%s" % (rule.code, examples.example)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_use_instead_does_not_trigger_the_rule(rule, tmp_path, monkeypatch, capsys):
    examples = examples_of(rule)
    found = codes_reported(tmp_path, monkeypatch, capsys, rule, examples, examples.use_instead.encode("utf-8"))
    assert rule.code not in found, "%s's Use instead is reported:\n%s" % (rule.code, examples.use_instead)


def test_the_example_plugin_is_checked_too():
    assert {"XS001", "XS002"} <= {r.code for r in RULES}


EXAMPLE_DOCS = """
## What it does
Something.

## Example
With `--profile cluster.toml`, where cluster.toml holds:

    [partitions.gpu]
    nodes = ["gn01"]

With CRLF line endings, `--slurm-version 21.08` and `max-array-size = 1001`:

    #!/bin/bash
    #SBATCH --partition=gpus

Use instead:

    #!/bin/bash
    #SBATCH --partition=gpu

More prose.

## Fix safety
No fix.
"""


def test_read_examples_reads_every_form_of_the_convention():
    found = read_examples(EXAMPLE_DOCS)
    assert found.files == {"cluster.toml": '[partitions.gpu]\nnodes = ["gn01"]\n'}
    assert found.example == "#!/bin/bash\n#SBATCH --partition=gpus\n"
    assert found.use_instead == "#!/bin/bash\n#SBATCH --partition=gpu\n"
    assert found.arguments == ["--profile", "cluster.toml", "--slurm-version", "21.08"]
    assert found.config == {"max-array-size": "1001"}
    assert found.crlf and found.example_bytes() == b"#!/bin/bash\r\n#SBATCH --partition=gpus\r\n"


@pytest.mark.parametrize(
    "docs, problem",
    [
        ("## What it does\nx\n", "no `## Example` section"),
        ("## Example\n    echo\n\n## Fix safety\n", "no paragraph starting with `Use instead`"),
        ("## Example\nA script.\n\nUse instead:\n\n    echo\n", "no Example snippet"),
        ("## Example\n    echo\n\nUse instead: something else.\n", "no snippet (indented four spaces) after"),
        ("## Example\nWith care:\n\n    echo\n\nUse instead:\n\n    true\n", "a `With` paragraph that names no"),
        ("## Example\nWith `--profile c.toml`:\n\n    echo\n\nUse instead:\n\n    true\n", "needs its file"),
    ],
)
def test_read_examples_names_what_is_missing(docs, problem):
    with pytest.raises(ExampleError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        read_examples(docs)
