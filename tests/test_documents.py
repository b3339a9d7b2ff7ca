"""Guides: the code blocks of Markdown, reStructuredText and notebook documents, checked as the
job scripts and sessions they show, with findings and fixes in the document's own coordinates."""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobcheck.cli.command import main
from jobcheck.documents import check_document
from jobcheck.documents.mapping import Block, Line, VirtualSource
from jobcheck.model.source import Source
from jobcheck.rule import Edit

from .helpers import FIXTURES, linter

GUIDES = FIXTURES / "documents"


def check(text: str, path: str = "guide.md", **settings):
    return check_document(linter(**settings), Source.from_text(text, path)).findings


def places(findings) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.column, f.code, f.severity.value) for f in findings]


# ---- the example guide (the pattern of a real Markdown guide) --------------------------------

GUIDE_FINDINGS = [
    (23, 10, "JC201", "error"),  # `>     --fakerot` in the console block: the prompt-less continuation line
    (35, 34, "JC220", "error"),  # docker://trainer:2.1 in a block quote, built by the earlier block's docker build
    (40, 38, "JC006", "info"),  # <REGISTRY_HOST>
    (46, 3, "JC002", "error"),  # #!bin/bash
    (48, 19, "JC006", "info"),  # <YOUR_ACCOUNT>
    (49, 21, "JC006", "info"),  # a non-ASCII partition name
    (52, 13, "JC010", "warning"),  # '$HOME/datasets'
    (54, 11, "JC202", "error"),  # --env $DATA:$DATA
    (55, 5, "JC201", "error"),  # --writeable-tmpfs
]


def test_example_guide_gives_each_defect_at_its_document_line_and_nothing_on_front_matter_or_prose(capsys):
    status = main(["--docs", "--no-cache", "--format", "json", str(GUIDES / "guide.md")])
    report = json.loads(capsys.readouterr().out)
    assert status == 1
    assert [(f["line"], f["column"], f["code"], f["severity"]) for f in report["findings"]] == GUIDE_FINDINGS
    assert report["files"] == [{"path": str(GUIDES / "guide.md"), "parser": "bashlex", "error": None}]
    cross_block = report["findings"][1]
    assert cross_block["message"].endswith("use `docker-daemon://trainer:2.1`")
    assert cross_block["fix"]["edits"] == [
        {"line": 35, "column": 34, "end_line": 35, "end_column": 43, "content": "docker-daemon://"}
    ]
    assert (cross_block["end_line"], cross_block["end_column"]) == (35, 54)


def test_example_guide_text_output_shows_the_document_line(capsys):
    main(["--no-cache", str(GUIDES / "guide.md")])
    out = capsys.readouterr().out
    assert "guide.md:55:5: JC201 [*] unknown flag `--writeable-tmpfs`" in out
    assert "55 |     --writeable-tmpfs \\\n   |     ^^^^^^^^^^^^^^^^^\n" in out


def test_fix_edits_only_the_code_blocks_and_keeps_the_rest_byte_identical(tmp_path):
    guide = tmp_path / "guide.md"
    shutil.copy(GUIDES / "guide.md", guide)
    assert main(["--fix", "--no-cache", str(guide)]) == 1  # placeholders and the unsafe JC220 fix remain
    assert guide.read_bytes() == (GUIDES / "guide.fixed.md").read_bytes()
    assert main(["--fix", "--no-cache", str(guide)]) == 1
    assert guide.read_bytes() == (GUIDES / "guide.fixed.md").read_bytes()  # a fixpoint


def test_crlf_guide_keeps_its_line_endings_and_gets_the_same_findings(tmp_path):
    text = (GUIDES / "guide.md").read_text(encoding="utf-8")
    guide = tmp_path / "guide.md"
    guide.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    findings = check(guide.read_bytes().decode("utf-8"))
    assert places(findings) == GUIDE_FINDINGS  # the \r of the document is no CRLF in the job (no JC004)
    main(["--fix", "--no-cache", str(guide)])
    fixed = (GUIDES / "guide.fixed.md").read_text(encoding="utf-8")
    assert guide.read_bytes() == fixed.replace("\n", "\r\n").encode("utf-8")


# ---- Markdown blocks ----------------------------------------------------------------------


def test_console_output_lines_are_not_commands_and_prompts_are_stripped():
    text = (
        "```console\n"
        "$ apptainer --version\n"
        "apptainer exec --writeable-tmpfs x.sif true\n"  # output: never read
        "user@login01:~$ apptainer exec --fakerot x.sif true\n"
        "```\n"
    )
    assert [(f.line, f.column, f.end_column, f.code) for f in check(text)] == [(4, 32, 41, "JC201")]


def test_a_shell_block_of_prompts_after_a_comment_is_a_console_session():
    text = "```bash\n# submit it\n$ sbatch --tiem=10 job.sh\n$ apptainer exec --fakerot x.sif true\n```\n"
    assert [(f.line, f.column, f.code) for f in check(text)] == [(4, 18, "JC201")]


def test_blocks_without_commands_jobcheck_reads_and_other_languages_are_left_alone():
    text = (
        "```bash\nexport X='$HOME'\n```\n\n"  # no job, no command jobcheck reads
        "```dockerfile\nRUN apptainer exec --writeable-tmpfs x.sif true\n```\n\n"
        "    #!/bin/bash\n    export Y='$HOME'\n"
    )  # an indented code block: no fence, no language
    assert check(text) == []


def test_a_definition_file_block_is_checked_as_one():
    text = (
        "Recipe:\n\n```singularity\nBootstrap: docker\nFrom: docker://ubuntu:22.04\n\n%post\n"
        "    apt-get install -y curl\n```\n"
    )
    assert [(f.line, f.column, f.code) for f in check(text)] == [(5, 7, "JC513"), (8, 5, "JC515")]


def test_job_block_in_a_list_item_maps_columns_through_the_indentation():
    text = "1. Save as job.sh:\n\n   ```bash\n   #!/bin/bash\n   #SBATCH --time=10\n   export D='$HOME/d'\n   ```\n"
    assert places(check(text)) == [(6, 13, "JC010", "warning")]


def test_suppression_comment_inside_a_block_works_and_an_unused_one_is_reported_at_its_document_line():
    text = (
        "# Guide\n\n```bash\n#!/bin/bash\n#SBATCH --time=10\n"
        "export D='$HOME/d'  # jobcheck: disable=JC010 -- shown literally on purpose\n"
        "echo hi  # jobcheck: disable=JC201\n```\n"
    )
    findings = check(text, report_unused_suppressions=True)
    assert [(f.line, f.column, f.code) for f in findings] == [(7, 10, "JC005")]


def test_a_session_block_ending_in_a_backslash_does_not_run_on_into_the_next_block():
    text = "```sh\ndocker build -t a:1 . \\\n```\n\n```sh\napptainer build a.sif docker://a:1\n```\n"
    assert [(f.line, f.column, f.code) for f in check(text)] == [(6, 23, "JC220")]


def test_python_job_block():
    text = (
        "Text\n\n```python\n#!/usr/bin/env python3\n#SBATCH --time=10\nimport os\n"
        'cpus = int(os.environ["SLURM_CPUS_PER_TAKS"])\n```\n'
    )
    assert [(f.line, f.column, f.code) for f in check(text)] == [(7, 12, "JC403"), (7, 23, "JC402")]


def test_standard_input_named_as_a_document(monkeypatch, capsys):
    import io
    import sys

    text = "```bash\n#!bin/bash\n#SBATCH --time=10\n```\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["--format", "concise", "--stdin-filename", "guide.md", "-"]) == 1
    assert capsys.readouterr().out.startswith("guide.md:2:3: JC002")


def test_a_message_naming_another_line_names_the_document_line():
    text = (
        "Intro\n\n```bash\n#!/bin/bash\n#SBATCH --time=10\nDATA='$HOME/data'\n"
        "apptainer exec --bind $DATA:/data img.sif true\n```\n"
    )
    found = [f for f in check(text) if f.code == "JC309"]
    assert [(f.line, f.column) for f in found] == [(7, 23)]
    assert "(set in single quotes on line 6)" in found[0].message


def test_placeholders_are_reported_once_at_info_and_not_by_the_rules():
    text = (
        "```bash\n#!/bin/bash\n#SBATCH --account=<YOUR_ACCOUNT>\n#SBATCH --time=10\n"
        "srun --account=<YOUR_ACCOUNT> hostname\n```\n"
    )
    findings = check(text)
    assert [(f.line, f.column, f.end_column, f.code, f.severity.value) for f in findings] == [
        (3, 19, 33, "JC006", "info")
    ]
    assert findings[0].message.startswith("`<YOUR_ACCOUNT>` is a placeholder (used 2 times in this document)")
    assert check(text, ignore=("guide-placeholder",)) == []


def test_a_placeholder_in_a_later_session_block_hides_the_findings_on_it_and_no_other():
    # `oras://<REGISTRY>/x` reads as an oras:// reference without a registry host (JC223); the
    # placeholder stands for the host, so only the placeholder is reported. `--nvv` right before
    # another placeholder is a finding of its own.
    text = (
        "```sh\ndocker build -t a:1 .\n```\n\n```sh\napptainer build a.sif docker-daemon://a:1\n```\n\n"
        "```sh\napptainer push a.sif oras://<REGISTRY>/x:1\napptainer exec --nvv <IMAGE> true\n```\n"
    )
    assert [(f.line, f.column, f.code) for f in check(text)] == [
        (10, 29, "JC006"),
        (11, 16, "JC201"),
        (11, 22, "JC006"),
    ]


def test_directive_placeholders_and_the_rules_placeholder_findings_become_guide_placeholders():
    text = (
        "```bash\n#!/bin/bash\n#SBATCH --ntasks-per-node <#sockets * s>\n#SBATCH --time=10\n```\n\n"
        '```bash\n#!/bin/bash\n#PBS -A XXXXXXXX\n#PBS -l walltime=01:00:00\ncd "$PBS_O_WORKDIR"\n```\n'
    )
    findings = check(text)
    assert [(f.line, f.column, f.end_column, f.code, f.severity.value) for f in findings] == [
        (3, 27, 41, "JC006", "info"),
        (9, 9, 17, "JC006", "info"),
    ]
    assert [f.message.split("`")[1] for f in findings] == ["<#sockets * s>", "XXXXXXXX"]


def test_a_block_of_directives_without_a_shebang_is_part_of_a_job_not_a_whole_one():
    # Guides show the directives of a job on their own ("put this in your script"); JC001 is for
    # a whole job. A blank line before `#!` is still reported: the block is the whole job.
    assert check("```bash\n#SBATCH -A myproject\n#SBATCH --time=10\n```\n") == []
    whole = check("```bash\n\n#!/bin/bash\n#SBATCH --time=10\n```\n")
    assert [(f.line, f.column, f.code) for f in whole] == [(2, 1, "JC001")]


def test_a_session_of_typed_commands_gets_no_batch_job_rules():
    # "never set in this script: unless exported before sbatch" (JC311) is about a job's
    # environment; in a terminal session the reader's own variables are there.
    command = "apptainer exec --bind $SCRATCHY:/s img.sif true\n"
    assert check("```shell\n" + command + "```\n") == []
    # (JC311 speaks only where the job gets no environment from the submitting shell)
    job = check("```shell\n#!/bin/bash\n#SBATCH --time=10\n#SBATCH --export=NONE\n" + command + "```\n")
    assert [(f.line, f.column, f.code) for f in job] == [(5, 23, "JC311")]


def test_no_edit_reaches_an_output_line_a_placeholder_or_the_prose_between_blocks():
    def line(text, start, editable=True, replaced=()):
        return Line(text, range(start, start + len(text) + 1), "", editable, replaced)

    first = Block("shell", [line("docker build -t a:1 .", 10)], end=40)
    second = Block("shell", [line("output", 50, editable=False), line("run _X_", 60, replaced=((4, 7),))], end=80)
    virtual = VirtualSource.join([first, second])
    assert virtual.text == "docker build -t a:1 .\n\noutput\nrun _X_\n"
    assert virtual.edit(Edit(0, 6, "podman")) == Edit(10, 16, "podman")
    assert virtual.edit(Edit(21, 23, "")) is None  # the break between the blocks (prose)
    assert virtual.edit(Edit(23, 25, "xx")) is None  # an output line
    assert virtual.edit(Edit(34, 37, "Y")) is None  # a placeholder
    assert virtual.edit(Edit(30, 33, "ran")) == Edit(60, 63, "ran")


# ---- reStructuredText ---------------------------------------------------------------------


def test_restructuredtext_code_blocks_and_job_literal_blocks(tmp_path):
    findings = check((GUIDES / "guide.rst").read_text(encoding="utf-8"), "guide.rst")
    assert places(findings) == [(20, 33, "JC220", "error"), (26, 16, "JC010", "warning"), (27, 20, "JC201", "error")]
    guide = tmp_path / "guide.rst"
    shutil.copy(GUIDES / "guide.rst", guide)
    main(["--fix", "--no-cache", str(guide)])
    before = (GUIDES / "guide.rst").read_text(encoding="utf-8")
    assert guide.read_text(encoding="utf-8") == before.replace("OUT='$HOME/out'", 'OUT="$HOME/out"').replace(
        "--writeable-tmpfs", "--writable-tmpfs"
    )


# ---- notebooks ----------------------------------------------------------------------------


def test_notebook_positions_are_cells_in_text_and_the_file_in_json(capsys):
    notebook = str(GUIDES / "analysis.ipynb")
    assert main(["--no-cache", "--format", "concise", notebook]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" [*]")[0].split(" `")[0] for line in lines[:3]] == [
        notebook + ":cell 2:5:12: JC010",
        notebook + ":cell 2:6:35: JC201",
        notebook + ":cell 3:2:26: JC220",
    ]
    main(["--no-cache", "--format", "json", notebook])
    report = json.loads(capsys.readouterr().out)
    assert [(f["line"], f["column"], f["end_column"], f["code"]) for f in report["findings"]] == [
        (26, 17, 29, "JC010"),
        (27, 42, 59, "JC201"),
        (38, 31, 47, "JC220"),
    ]


def test_notebook_fix_writes_json_escaped_text_into_the_cells_only(tmp_path):
    notebook = tmp_path / "analysis.ipynb"
    shutil.copy(GUIDES / "analysis.ipynb", notebook)
    main(["--fix", "--unsafe-fixes", "--no-cache", str(notebook)])
    before = json.loads((GUIDES / "analysis.ipynb").read_text(encoding="utf-8"))
    after = json.loads(notebook.read_text(encoding="utf-8"))
    assert after["cells"][1]["source"][4:] == [
        'export LOG="$HOME/logs"\n',
        'echo "start: été"; apptainer exec --writable-tmpfs net.sif python run.py',
    ]
    assert after["cells"][2]["source"][1] == "!apptainer build net.sif docker-daemon://net:1.0\n"
    for cell in (0, 3):
        assert after["cells"][cell] == before["cells"][cell]
    original = (GUIDES / "analysis.ipynb").read_text(encoding="utf-8").splitlines()
    fixed = notebook.read_text(encoding="utf-8").splitlines()
    changed = [i + 1 for i, (a, b) in enumerate(zip(original, fixed, strict=True)) if a != b]
    assert changed == [26, 27, 38]


def test_a_notebook_that_is_not_json_is_an_error_not_a_crash(tmp_path, capsys):
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [', encoding="utf-8")
    assert main(["--no-cache", str(broken)]) == 2
    assert "broken.ipynb: error: not a notebook: the file is not valid JSON" in capsys.readouterr().out


# ---- discovery ----------------------------------------------------------------------------


def _docs_tree(tmp_path):
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "run.sh").write_text("#!/bin/bash\n#SBATCH --time=10\nsrun true\n")
    (tmp_path / "guide.md").write_text("```bash\n#!bin/bash\n#SBATCH --time=10\n```\n")
    return tmp_path


def test_folder_walks_take_documents_only_when_asked(tmp_path, capsys, monkeypatch):
    tree = _docs_tree(tmp_path)
    monkeypatch.chdir(tree)
    assert main(["--no-cache", "--format", "concise", "."]) == 0
    assert "guide.md" not in capsys.readouterr().out
    assert main(["--no-cache", "--docs", "--format", "concise", "."]) == 1
    assert "./guide.md:2:3: JC002" in capsys.readouterr().out
    (tree / ".jobcheck.toml").write_text("include-docs = true\n")
    assert main(["--no-cache", "--format", "concise", "."]) == 1
    assert "./guide.md:2:3: JC002" in capsys.readouterr().out


def test_hooks_keep_documents_only_with_docs(tmp_path, capsys, monkeypatch):
    tree = _docs_tree(tmp_path)
    monkeypatch.chdir(tree)
    assert main(["--no-cache", "--only-job-scripts", "--format", "concise", "guide.md"]) == 0
    assert "JC002" not in capsys.readouterr().out
    assert main(["--no-cache", "--docs", "--only-job-scripts", "--format", "concise", "guide.md"]) == 1
    assert "guide.md:2:3: JC002" in capsys.readouterr().out


def test_the_docs_pre_commit_hook_is_declared():
    hooks = (FIXTURES.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    entry = hooks.split("- id: jobcheck-docs\n", 1)[1]
    assert "entry: jobcheck --docs --only-job-scripts --force-exclude --no-progress\n" in entry
    assert "types_or: [markdown, rst, jupyter]\n" in entry


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_docs_hook_for_real_checks_guides_and_the_job_hook_leaves_them(tmp_path):
    import os
    import subprocess
    import sys

    pytest.importorskip("pre_commit")
    if not (FIXTURES.parent / ".git").exists():
        pytest.skip("the checkout is not a git repository, which pre-commit try-repo needs")
    env = dict(
        os.environ,
        PRE_COMMIT_HOME=str(tmp_path / "cache"),
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@x",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@x",
    )
    repo = tmp_path / "docs"
    repo.mkdir()

    def run(*args):
        return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, timeout=600)

    run("git", "init", "-q")
    shutil.copy(GUIDES / "guide.md", repo / "guide.md")
    (repo / "notes.txt").write_text("```bash\n#!bin/bash\n```\n")  # not a document: left alone
    run("git", "add", ".")
    try_repo = [sys.executable, "-m", "pre_commit", "try-repo", str(FIXTURES.parent)]
    docs = run(*try_repo, "jobcheck-docs", "--all-files")
    assert docs.returncode == 1, docs.stdout + docs.stderr
    assert "guide.md:46:3: JC002" in docs.stdout
    assert "notes.txt" not in docs.stdout
    jobs = run(*try_repo, "jobcheck", "--all-files")
    assert jobs.returncode == 0, jobs.stdout + jobs.stderr


# ---- any document: never a crash, the prose never changes --------------------------------

PIECES = [
    "```bash\n",
    "```\n",
    "~~~sh\n",
    "~~~\n",
    "   ```console\n",
    "$ ",
    "> ",
    "#!bin/bash\n",
    "#SBATCH --time=1\n",
    "export A='$HOME'\n",
    "apptainer exec --writeable-tmpfs x.sif true \\\n",
    "docker build -t a:1 .\n",
    "apptainer build a.sif docker://a:1\n",
    "\t",
    "    ",
    "<NAME>",
    "パス",
    "\r\n",
    "\n",
    "1. ",
    "* ",
    "::\n\n",
    ".. code-block:: bash\n\n",
    "   ",
    '"',
    "'",
    "cat <<EOF\n",
    "EOF\n",
    "\\",
    "# jobcheck: disable=JC010\n",
    "%%writefile job.sh\n",
    "Bootstrap: docker\n",
    "PROSE line\n",
]


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from(["g.md", "g.rst", "g.ipynb"]))
def test_any_document_is_checked_and_fixed_without_touching_its_prose(pieces, name):
    from jobcheck.documents import document_parses
    from jobcheck.engine.fixer import fix_source

    text = "".join(pieces)
    if name == "g.ipynb":
        cells = [{"cell_type": kind, "metadata": {}, "source": text.splitlines(True)} for kind in ("markdown", "code")]
        text = json.dumps({"cells": cells, "nbformat": 4}, indent=1, ensure_ascii=len(pieces) % 2 == 0)
    engine = linter()
    source = Source.from_text(text, name)
    check_document(engine, source)
    fixed = fix_source(
        source, lambda s: check_document(engine, s).findings, True, parses=lambda s: document_parses(engine, s)
    ).text
    if name == "g.ipynb":
        document = json.loads(fixed)
        assert [cell["cell_type"] for cell in document["cells"]] == ["markdown", "code"]
        fixed = "".join("".join(cell["source"]) for cell in document["cells"])
        text = "".join(pieces) * 2
    assert [line for line in fixed.splitlines() if "PROSE" in line] == [
        line for line in text.splitlines() if "PROSE" in line
    ]
