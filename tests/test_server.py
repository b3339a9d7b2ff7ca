"""`jobcheck server` end to end: a real server process driven over JSON-RPC by pytest-lsp's
client (with VS Code's capabilities): diagnostics, code actions applied to the text, hover,
completion, configuration reload."""

from __future__ import annotations

import asyncio
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

pytestmark = pytest.mark.slow  # each test starts `jobcheck server` and talks to it over JSON-RPC

JOB = (
    "#!/bin/bash\n"
    "#SBATCH --time=1-12\n"
    "#SBATCH --mem=4000\n"
    "#SBATCH --gres=gpu:2\n"
    "#PBS -l walltime=3600\n"
    "export DATA='$HOME/data'\n"
    "apptainer exec --writeable-tmpfs --nv image.sif python train.py\n"
    "#SBATCH --mail-type=FOO\n"
)
# (code, 0-based line, start character, end character) of every finding in JOB
JOB_DIAGNOSTICS = [
    ("JC125", 4, 0, 21),
    ("JC135", 4, 17, 21),
    ("JC010", 5, 12, 24),
    ("JC201", 6, 15, 32),
    ("JC101", 7, 0, 23),
]
WAIT = 30


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "jobcheck", "server"]))
async def client(lsp_client: LanguageClient, request):
    root = request.getfixturevalue("tmp_path")

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params):  # the server asks to watch configuration files
        lsp_client.registrations = [r.register_options for r in params.registrations]

    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="jobs")],
        )
    )
    lsp_client.root = root
    yield
    await lsp_client.shutdown_session()


async def published(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    """Wait for the next diagnostics of `uri` (call right after the message that causes them)."""
    while True:
        params = await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), WAIT)
        if params.uri == uri:
            return list(params.diagnostics)


def summary(diagnostics) -> list[tuple]:
    return [(d.code, d.range.start.line, d.range.start.character, d.range.end.character) for d in diagnostics]


async def open_job(client: LanguageClient, text: str = JOB, name: str = "job.sh", language: str = "shellscript"):
    path = client.root / name
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        )
    )
    return uri, await published(client, uri)


def apply(text: str, edits: list[types.TextEdit]) -> str:
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position):
        return starts[position.line] + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def change(client: LanguageClient, uri: str, text: str, version: int) -> list[types.Diagnostic]:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    return await published(client, uri)


async def actions_at(client: LanguageClient, uri: str, line: int, diagnostics, only=None):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=line, character=0), end=types.Position(line=line, character=0)),
            context=types.CodeActionContext(
                diagnostics=[d for d in diagnostics if d.range.start.line == line], only=only
            ),
        )
    )


@pytest.mark.asyncio
async def test_diagnostics_on_open_have_code_severity_range_and_fix(client: LanguageClient):
    _uri, diagnostics = await open_job(client)
    assert summary(diagnostics) == JOB_DIAGNOSTICS
    by_code = {d.code: d for d in diagnostics}
    assert by_code["JC201"].severity == types.DiagnosticSeverity.Error
    assert by_code["JC010"].severity == types.DiagnosticSeverity.Warning
    assert by_code["JC201"].source == "jobcheck"
    assert by_code["JC201"].message == (
        'unknown flag `--writeable-tmpfs` for `apptainer exec`: apptainer stops with "unknown flag: '
        '--writeable-tmpfs"; did you mean `--writable-tmpfs`? [fix: use `--writable-tmpfs`]'
    )
    assert by_code["JC101"].message.endswith("[fix, unsafe: move it into the header]")


@pytest.mark.asyncio
async def test_safe_quick_fix_applied_clears_its_diagnostic(client: LanguageClient):
    uri, diagnostics = await open_job(client)
    actions = await actions_at(client, uri, 6, diagnostics)
    fix = next(a for a in actions if a.title.startswith("JC201"))
    assert fix.title == "JC201: use `--writable-tmpfs`"
    assert fix.is_preferred is True and fix.kind == types.CodeActionKind.QuickFix
    assert [d.code for d in fix.diagnostics] == ["JC201"]
    fixed = apply(JOB, fix.edit.changes[uri])
    assert fixed.split("\n")[6] == "apptainer exec --writable-tmpfs --nv image.sif python train.py"
    after = await change(client, uri, fixed, 2)
    assert summary(after) == [d for d in JOB_DIAGNOSTICS if d[0] != "JC201"]


@pytest.mark.asyncio
async def test_unsafe_fix_is_labelled_and_not_preferred(client: LanguageClient):
    uri, diagnostics = await open_job(client)
    actions = await actions_at(client, uri, 7, diagnostics)
    titles = [a.title for a in actions]
    assert titles == [
        "JC101: move it into the header (unsafe fix: check the result)",
        "Disable JC101 (directive-after-command) for this line",
        "jobcheck: fix all safe problems (3)",
    ]
    assert actions[0].is_preferred is False


@pytest.mark.asyncio
async def test_fix_all_safe_problems(client: LanguageClient):
    uri, diagnostics = await open_job(client)
    actions = await actions_at(client, uri, 0, diagnostics, only=[types.CodeActionKind.SourceFixAll])
    assert [a.title for a in actions] == ["jobcheck: fix all safe problems (3)"]
    assert actions[0].kind == "source.fixAll.jobcheck"
    fixed = apply(JOB, actions[0].edit.changes[uri])
    assert fixed == JOB.replace("walltime=3600", "walltime=01:00:00").replace("'$HOME/data'", '"$HOME/data"').replace(
        "--writeable-tmpfs", "--writable-tmpfs"
    )
    after = await change(client, uri, fixed, 2)
    assert [(d.code, d.range.start.line) for d in after] == [("JC125", 4), ("JC101", 7)]


@pytest.mark.asyncio
async def test_disable_rule_for_a_directive_line_and_a_command_line(client: LanguageClient):
    uri, diagnostics = await open_job(client)
    actions = await actions_at(client, uri, 4, diagnostics)
    disable = next(a for a in actions if a.title == "Disable JC135 (translated-time-misread) for this line")
    text = apply(JOB, disable.edit.changes[uri])
    # PBS's qsub refuses a trailing comment on a #PBS line: the suppression goes on the line above
    assert text.split("\n")[4:6] == ["# jobcheck: disable-next-line=JC135", "#PBS -l walltime=3600"]
    after = await change(client, uri, text, 2)
    assert [(d.code, d.range.start.line) for d in after] == [("JC125", 5), ("JC010", 6), ("JC201", 7), ("JC101", 8)]
    actions = await actions_at(client, uri, 6, after)
    disable = next(a for a in actions if a.title.startswith("Disable JC010"))
    text = apply(text, disable.edit.changes[uri])
    assert text.split("\n")[6] == "export DATA='$HOME/data'  # jobcheck: disable=JC010"
    after = await change(client, uri, text, 3)
    assert [d.code for d in after] == ["JC125", "JC201", "JC101"]


async def hover_text(client: LanguageClient, uri: str, line: int, character: int) -> str:
    result = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character)
        )
    )
    return result.contents.value if result is not None else ""


@pytest.mark.asyncio
async def test_hover_says_what_the_scheduler_gets(client: LanguageClient):
    uri, _ = await open_job(client)
    time = await hover_text(client, uri, 1, 17)
    assert time.startswith("**sbatch `--time` (`-t`)**: time limit")
    assert "`--time=1-12` is 1 day 12 hours: Slurm stores `1-12:00:00`." in time
    assert "Available in every Slurm release jobcheck knows (22.05 on)." in time
    assert "`--mem=4000`: 4000 MB (no unit: megabytes) per node." in await hover_text(client, uri, 2, 15)
    assert "`--gres=gpu:2`: 2 gpu per node." in await hover_text(client, uri, 3, 16)
    pbs = await hover_text(client, uri, 4, 18)
    assert "sbatch translates this into `--time=3600`. `--time=3600` is 3600 minutes: Slurm stores `2-12:00:00`." in pbs
    assert "**JC135** (translated-time-misread)" in pbs
    late = await hover_text(client, uri, 7, 12)
    assert "**Ignored**: this line comes after the first command, and sbatch reads no directive after it." in late
    nv = await hover_text(client, uri, 6, 35)
    assert nv.startswith("**apptainer exec `--nv`**: enable Nvidia support")
    assert "Apptainer: takes no value; since <= v1.0.0." in nv
    assert await hover_text(client, uri, 5, 2) == ""


async def completion_labels(client: LanguageClient, text: str, line: int, name: str = "c.sh") -> dict:
    uri, _ = await open_job(client, text, name)
    character = len(text.split("\n")[line])
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character)
        )
    )
    return {item.label: item for item in (result.items if result is not None else [])}


@pytest.mark.asyncio
async def test_completion_of_sbatch_options(client: LanguageClient):
    items = await completion_labels(client, "#!/bin/bash\n#SBATCH --gp\n", 1)
    assert sorted(items) == [
        "--gpu-bind",
        "--gpu-freq",
        "--gpus",
        "--gpus-per-node",
        "--gpus-per-socket",
        "--gpus-per-task",
    ]
    gpus = items["--gpus"]
    assert gpus.detail == "GPUs for the whole job ([type:]count)"
    assert gpus.text_edit.new_text == "gpus="
    assert (gpus.text_edit.range.start.character, gpus.text_edit.range.end.character) == (10, 12)


@pytest.mark.asyncio
async def test_completion_of_pbs_lsf_and_grid_engine_options(client: LanguageClient):
    pbs = await completion_labels(client, "#!/bin/bash\n#PBS -N x\n#PBS -\n", 2, "p.sh")
    assert len(pbs) == 41 and {"-l", "-N", "-J", "-W", "-t"} <= set(pbs)
    assert pbs["-l"].text_edit.new_text == "-l "
    assert pbs["-l"].documentation.value.startswith("**PBS qsub `-l`**\n\nValue: resource=value")
    lsf = await completion_labels(client, "#!/bin/bash\n#BSUB -W 10\n#BSUB -R\n", 2, "l.sh")
    assert sorted(lsf) == ["-R"]
    sge = await completion_labels(client, "#!/bin/bash\n#$ -cwd\n#$ -p\n", 2, "s.sh")
    assert sorted(sge) == ["-p", "-pe"]


@pytest.mark.asyncio
async def test_completion_of_apptainer_flags(client: LanguageClient):
    text = "#!/bin/bash\n#SBATCH -N 1\napptainer exec --nv --bind /a:/b --writ\n"
    items = await completion_labels(client, text, 2)
    assert sorted(items) == ["--writable", "--writable-tmpfs"]
    assert items["--writable-tmpfs"].text_edit.new_text == "writable-tmpfs"
    after_image = await completion_labels(client, "#!/bin/bash\napptainer exec img.sif --writ\n", 1, "d.sh")
    assert after_image == {}  # after the image the words are the program's, not apptainer's


@pytest.mark.asyncio
async def test_configuration_file_change_is_picked_up(client: LanguageClient):
    uri, diagnostics = await open_job(client)
    assert "JC201" in [d.code for d in diagnostics]
    config = client.root / ".jobcheck.toml"
    config.write_text('ignore = ["JC201", "single-quoted-variable"]\n')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]
        )
    )
    after = await published(client, uri)
    assert [d.code for d in after] == ["JC125", "JC135", "JC101"]
    config.write_text('ignore = ["JC2O1"]\n')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    broken = await published(client, uri)
    assert [(d.code, d.range.start.line) for d in broken] == [("configuration", 0)]
    assert "`ignore` names `JC2O1`, which is no rule code, prefix or name; did you mean `JC201`?" in broken[0].message


@pytest.mark.asyncio
async def test_client_settings_act_like_command_line_options(client: LanguageClient):
    uri, _ = await open_job(client)
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"jobcheck": {"select": ["JC1"], "ignore": ["JC125"]}})
    )
    after = await published(client, uri)
    assert [d.code for d in after] == ["JC135", "JC101"]


@pytest.mark.asyncio
async def test_documents_that_are_no_job_scripts_get_no_diagnostics(client: LanguageClient):
    path = client.root / "notes.txt"
    path.write_text("export A='$HOME'\n")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=path.as_uri(), language_id="plaintext", version=1, text=path.read_text()
            )
        )
    )
    # a job script opened afterwards is answered; the text file before it never was
    _uri, diagnostics = await open_job(client)
    assert summary(diagnostics) == JOB_DIAGNOSTICS
    assert path.as_uri() not in client.diagnostics


@pytest.mark.asyncio
async def test_edits_in_quick_succession_are_checked_once_at_the_end(client: LanguageClient):
    uri, _ = await open_job(client)
    text = JOB
    for version in range(2, 7):  # five keystrokes, each restarting the pause before a check
        text = text.replace("#SBATCH --mem=4000", "#SBATCH --mem=4000" + "0")
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
    params = await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), WAIT)
    assert (params.uri, params.version) == (uri, 6)
    assert summary(params.diagnostics) == JOB_DIAGNOSTICS


@pytest.mark.asyncio
async def test_saving_checks_at_once(client: LanguageClient):
    uri, _ = await open_job(client)
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert summary(await published(client, uri)) == JOB_DIAGNOSTICS
