"""The command line end to end: exit codes, formats, --diff, --fix and how files are written."""

from __future__ import annotations

import codecs
import json
import os
import stat
import subprocess
import sys

import jsonschema
import pytest

from jobcheck.cli.command import main

from .helpers import FIXTURES

BAD = "#!bin/bash\n#SBATCH --time=10\nexport DATA='$HOME/data'\n"
BAD_FIXED = '#!/bin/bash\n#SBATCH --time=10\nexport DATA="$HOME/data"\n'
GOOD = "#!/bin/bash\n#SBATCH --time=10\nsrun hostname\n"

# The --format json contract (README, "Output formats", JSON), as a schema.
EDIT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["line", "column", "end_line", "end_column", "content"],
    "properties": {
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1},
        "end_line": {"type": "integer", "minimum": 1},
        "end_column": {"type": "integer", "minimum": 1},
        "content": {"type": "string"},
    },
}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "files", "findings"],
    "properties": {
        "version": {"const": 1},
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["path", "parser", "error"],
                "properties": {
                    "path": {"type": "string"},
                    "parser": {"enum": ["bashlex", "tree-sitter", "libcst", "none"]},
                    "error": {"type": ["string", "null"]},
                },
            },
        },
        "findings": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [
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
                ],
                "properties": {
                    "code": {"type": "string", "pattern": "^[A-Z]+[0-9]+$"},
                    "name": {"type": "string"},
                    "severity": {"enum": ["error", "warning", "info"]},
                    "path": {"type": "string"},
                    "line": {"type": "integer", "minimum": 1},
                    "column": {"type": "integer", "minimum": 1},
                    "end_line": {"type": "integer", "minimum": 1},
                    "end_column": {"type": "integer", "minimum": 1},
                    "message": {"type": "string"},
                    "fix": {
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["applicability", "message", "edits"],
                                "properties": {
                                    "applicability": {"enum": ["safe", "unsafe"]},
                                    "message": {"type": "string"},
                                    "edits": {"type": "array", "items": EDIT, "minItems": 1},
                                },
                            },
                        ]
                    },
                },
            },
        },
    },
}


def write(tmp_path, name, content, mode=None):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    if mode is not None:
        os.chmod(path, mode)
    return path


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_codes(tmp_path, capsys):
    good = write(tmp_path, "good.sh", GOOD)
    bad = write(tmp_path, "bad.sh", BAD)
    assert run(capsys, good)[0] == 0
    assert run(capsys, bad)[0] == 1
    code, out, _ = run(capsys, "--format", "concise", tmp_path / "missing.sh", bad)
    assert code == 2
    assert "missing.sh: error: no such file" in out
    assert "bad.sh:1:3: JC002" in out  # the other file was still checked
    with pytest.raises(SystemExit) as exc:
        main(["--format", "nonsense", str(good)])
    assert exc.value.code == 2


def test_json_contract(tmp_path, capsys):
    bad = write(tmp_path, "bad.sh", BAD)
    code, out, _ = run(capsys, "--format", "json", bad)
    doc = json.loads(out)
    jsonschema.validate(doc, SCHEMA)
    assert code == 1
    assert doc["files"] == [{"path": str(bad), "parser": "bashlex", "error": None}]
    assert [(f["code"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in doc["findings"]] == [
        ("JC002", 1, 3, 1, 11),
        ("JC010", 3, 13, 3, 25),
    ]
    assert doc["findings"][1]["fix"] == {
        "applicability": "safe",
        "message": "use double quotes",
        "edits": [{"line": 3, "column": 13, "end_line": 3, "end_column": 25, "content": '"$HOME/data"'}],
    }


def test_json_for_unreadable_and_binary_files(tmp_path, capsys):
    binary = write(tmp_path, "a.out", b"\x7fELF\x00\x01\x02")
    code, out, _ = run(capsys, "--format", "json", binary, tmp_path / "gone.sh")
    doc = json.loads(out)
    jsonschema.validate(doc, SCHEMA)
    assert code == 2
    assert doc["files"] == [
        {"path": str(binary), "parser": "none", "error": "not a text file: NUL byte at line 1, column 5"},
        {"path": str(tmp_path / "gone.sh"), "parser": "none", "error": "no such file"},
    ]
    assert [(f["code"], f["line"], f["column"]) for f in doc["findings"]] == [("JC003", 1, 5)]


def test_text_report_has_code_frame_and_fix(tmp_path, capsys):
    bad = write(tmp_path, "bad.sh", BAD)
    _, out, _ = run(capsys, bad)
    assert out.splitlines()[:5] == [
        "%s:1:3: JC002 [*] shebang interpreter `bin/bash` is not an absolute path: sbatch accepts the script, "
        'then the job fails at start with "execve(): bad interpreter(bin/bash): No such file or directory"; '
        "did you mean `/bin/bash`?" % bad,
        "  |",
        "1 | #!bin/bash",
        "  |   ^^^^^^^^",
        "  = fix: use `/bin/bash`",
    ]
    assert out.splitlines()[-1] == "Found 2 problems in 1 file (2 fixable with `jobcheck --fix`)."
    assert "\x1b[" not in out  # not a terminal: no colour


def test_diff_writes_nothing(tmp_path, capsys):
    bad = write(tmp_path, "bad.sh", BAD)
    before = os.stat(bad)
    code, out, _err = run(capsys, "--diff", bad)
    assert code == 1
    assert bad.read_text() == BAD
    assert os.stat(bad).st_mtime_ns == before.st_mtime_ns
    assert out == (
        "--- a/{p}\n+++ b/{p}\n@@ -1,3 +1,3 @@\n-#!bin/bash\n+#!/bin/bash\n #SBATCH --time=10\n"
        "-export DATA='$HOME/data'\n+export DATA=\"$HOME/data\"\n"
    ).format(p=str(bad).lstrip("/"))
    assert run(capsys, "--diff", write(tmp_path, "good.sh", GOOD))[0] == 0


def test_fix_rewrites_in_place_and_reaches_a_fixpoint(tmp_path, capsys):
    bad = write(tmp_path, "bad.sh", BAD, mode=0o750)
    code, out, _ = run(capsys, "--fix", bad)
    assert code == 0
    assert bad.read_text() == BAD_FIXED
    assert stat.S_IMODE(os.stat(bad).st_mode) == 0o750
    assert out.strip() == "Fixed 2 problems; none remain in 1 file."
    code, out, _ = run(capsys, "--fix", bad)
    assert code == 0 and bad.read_text() == BAD_FIXED
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".jobcheck")]  # no temp file left behind


def test_unsafe_fixes_need_the_flag(tmp_path, capsys):
    script = write(tmp_path, "x.sh", "#!bash\n#SBATCH -t 5\nX='$HOME/$(date)'\n")
    code, _, _ = run(capsys, "--fix", script)
    assert code == 1
    assert script.read_text() == "#!bash\n#SBATCH -t 5\nX='$HOME/$(date)'\n"
    code, _, _ = run(capsys, "--fix", "--unsafe-fixes", script)
    assert code == 0
    assert script.read_text() == '#!/bin/bash\n#SBATCH -t 5\nX="$HOME/\\$(date)"\n'


def test_fix_keeps_bom_crlf_and_undecodable_bytes(tmp_path, capsys):
    raw = codecs.BOM_UTF8 + b"#!bin/bash\r\n# caf\xe9\r\nexport X='$HOME'\r\n"
    script = write(tmp_path, "x.sh", raw)
    run(capsys, "--fix", "--select", "JC002,JC010", script)
    assert script.read_bytes() == codecs.BOM_UTF8 + b'#!/bin/bash\r\n# caf\xe9\r\nexport X="$HOME"\r\n'


def test_fix_writes_through_a_symlink(tmp_path, capsys):
    target = write(tmp_path, "real.sh", BAD)
    link = tmp_path / "link.sh"
    link.symlink_to(target)
    run(capsys, "--fix", link)
    assert link.is_symlink()
    assert target.read_text() == BAD_FIXED


def test_select_and_ignore(tmp_path, capsys):
    bad = write(tmp_path, "bad.sh", BAD)
    _, out, _ = run(capsys, "--format", "concise", "--select", "JC0", "--ignore", "JC002", bad)
    assert [line.split()[1] for line in out.splitlines()[:-1]] == ["JC010"]
    _, out, _ = run(capsys, "--format", "concise", "--select", "relative-shebang", bad)
    assert [line.split()[1] for line in out.splitlines()[:-1]] == ["JC002"]


def test_folder_walk_finds_job_scripts(tmp_path, capsys):
    write(tmp_path, "a.sh", BAD)
    write(tmp_path, "train.slurm", BAD)
    write(tmp_path, "submit", BAD)  # no extension, but #SBATCH inside
    write(tmp_path, "notes.txt", "#SBATCH --time=10 sets the time\n")  # not a job script
    write(tmp_path, "README", "just text\n")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "hook.sh", BAD)  # version-control folders are skipped
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b.sbatch", GOOD)
    (tmp_path / "loop").symlink_to(tmp_path)  # a link loop is not followed
    code, out, _ = run(capsys, "--format", "json", tmp_path)
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert paths == [str(tmp_path / n) for n in ("a.sh", "submit", "train.slurm", "sub/b.sbatch")]
    assert code == 1


def test_folder_walk_finds_job_scripts_by_content_whatever_the_extension(tmp_path, capsys):
    write(tmp_path, "run.sl", BAD)  # an extension jobcheck does not know: read by content
    write(tmp_path, "job.cmd", "#!/bin/bash\necho hi\n")
    write(tmp_path, "model.scr", "set x 1\n")  # neither a directive nor a shebang
    write(tmp_path, "guide.md", BAD)  # documentation: only with --docs
    write(tmp_path, "plot.R", "#!/usr/bin/env Rscript\n#SBATCH --time=10\nplot(1)\n")  # not a language jobcheck reads
    write(tmp_path, "data.csv", "#SBATCH,1\n")  # data: a directive-looking line is not enough
    write(tmp_path, "run.txt", BAD)  # ... but a shell shebang is (job scripts saved as .txt)
    _code, out, _ = run(capsys, "--format", "json", tmp_path)
    assert [f["path"] for f in json.loads(out)["files"]] == [
        str(tmp_path / n) for n in ("job.cmd", "run.sl", "run.txt")
    ]


def test_explain_and_list_rules(capsys):
    code, out, _ = run(capsys, "--explain", "JC002")
    assert code == 0
    assert out.startswith("# JC002 (relative-shebang)\n")
    assert "## Why is this bad?" in out and "## Fix safety" in out
    assert run(capsys, "--explain", "relative-shebang")[1] == out
    code, _, err = run(capsys, "--explain", "JC999")
    assert code == 2 and "no rule 'JC999'" in err
    code, out, _ = run(capsys, "--list-rules")
    rows = [line.split()[:5] for line in out.splitlines()[1:]]
    assert [r[0] for r in rows] == ["JC001", "JC002", "JC004", "JC010", "JC011", "JC012"] + [
        "JC%03d" % n for n in range(13, 19)
    ] + ["JC%d" % n for n in range(101, 129)] + [
        "JC130",
        "JC131",
        "JC132",
        "JC133",
        "JC134",
        "JC135",
        "JC136",
        "JC137",
        "JC138",
        "JC139",
    ] + ["JC%d" % n for n in range(201, 226)] + ["JC%d" % n for n in range(301, 317)] + [
        "JC%d" % n for n in range(401, 406)
    ] + ["JC%d" % n for n in range(501, 532)] + ["JC%d" % n for n in range(601, 621)] + [
        "JC%d" % n for n in range(701, 719)
    ] + ["JC%d" % n for n in range(801, 813)]
    assert {r[4] for r in rows} == {"builtin"}
    assert [line.split()[0] for line in out.splitlines() if "(opt-in)" in line] == [
        "JC011",
        "JC012",
        "JC128",
        "JC216",
        "JC302",
        "JC308",
        "JC523",
        "JC716",
        "JC803",
    ]


def _jobcheck(*args, stdin=None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "jobcheck", *map(str, args)], input=stdin, capture_output=True, env=env, timeout=120
    )


@pytest.mark.slow
def test_python_dash_m_and_stdin():
    proc = _jobcheck("--format", "concise", "--stdin-filename", "piped.sh", "-", stdin=BAD.encode())
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines()[0].startswith("piped.sh:1:3: JC002 [*]")
    proc = _jobcheck("--fix", "-", stdin=BAD.encode())
    assert proc.stdout.decode() == BAD_FIXED
    assert proc.returncode == 0


@pytest.mark.slow
def test_the_example_in_the_readme_runs():
    proc = _jobcheck("--format", "concise", FIXTURES / "examples" / "train-llm.sh")
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines()[-1] == "Found 10 problems in 1 file (9 fixable with `jobcheck --fix`)."


@pytest.mark.slow
def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path):
    pty = pytest.importorskip("pty")
    bad = write(tmp_path, "bad.sh", BAD)

    def on_terminal(extra_env):
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
        env.update(extra_env, TERM="xterm-256color")
        pid, fd = pty.fork()
        if pid == 0:
            os.execvpe(sys.executable, [sys.executable, "-m", "jobcheck", str(bad)], env)
        chunks = []
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.waitpid(pid, 0)
        return b"".join(chunks).decode()

    assert "\x1b[" in on_terminal({})
    assert "\x1b[" not in on_terminal({"NO_COLOR": "1"})


def test_read_only_file_is_an_error_and_the_others_are_still_fixed(tmp_path, capsys):
    locked = write(tmp_path, "locked.sh", BAD, mode=0o444)
    open_ = write(tmp_path, "open.sh", BAD)
    code, out, _ = run(capsys, "--fix", "--format", "concise", locked, open_)
    assert code == 2
    assert "%s: error: cannot write the fixes: the file is read-only (no write permission bits)" % locked in out
    assert locked.read_text() == BAD and open_.read_text() == BAD_FIXED


def test_diff_on_a_folder_is_a_patch_git_apply_accepts(tmp_path, capsys, monkeypatch):
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "jobs").mkdir()
    write(tmp_path / "jobs", "a.sh", BAD)
    write(tmp_path / "jobs", "b.sh", "#!bin/bash\r\n#SBATCH -t 5\r\nsrun x\r\n")
    write(tmp_path / "jobs", "c.sh", GOOD)
    code, patch, _ = run(capsys, "--isolated", "--diff", "jobs")
    assert code == 1
    assert (tmp_path / "jobs" / "a.sh").read_text() == BAD
    (tmp_path / "fixes.patch").write_text(patch)
    subprocess.run(["git", "init", "-q"], check=True)
    check = subprocess.run(["git", "apply", "--check", "-v", "fixes.patch"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    subprocess.run(["git", "apply", "fixes.patch"], check=True)
    assert (tmp_path / "jobs" / "a.sh").read_text() == BAD_FIXED
    assert run(capsys, "--isolated", "--diff", "jobs/a.sh")[0] == 0


def test_show_fixes_lists_what_was_fixed(tmp_path, capsys):
    bad = write(tmp_path, "bad.sh", BAD)
    code, _, err = run(capsys, "--isolated", "--fix", "--show-fixes", bad)
    assert code == 0
    assert err.splitlines() == [
        "fixed %s:1:3: JC002 use `/bin/bash`" % bad,
        "fixed %s:3:13: JC010 use double quotes" % bad,
    ]


@pytest.mark.slow
def test_a_one_file_run_imports_only_what_it_needs(tmp_path):
    """Start-up time: rich (text on a terminal), libcst (Python code), pathspec (.gitignore and
    exclude patterns), tomllib (configuration), multiprocessing (workers) load only when used;
    importlib.metadata/.resources (and email) never: jobcheck/plugins/entry_points.py reads entry_points.txt."""
    import subprocess
    import sys

    script = tmp_path / "job.sh"
    script.write_text("#!/bin/bash\n#SBATCH --time=5\nsrun hostname\n")
    probe = (
        "import sys; from jobcheck.cli import main; main(['--no-cache', '--isolated', %r]); "
        "print(sorted(m for m in ('rich', 'libcst', 'pathspec', 'tomllib', 'multiprocessing', "
        "'importlib.metadata', 'importlib.resources', 'email') "
        "if m in sys.modules), file=sys.stderr)" % str(script)
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_help_text_fits_the_terminal_width():
    """The parser is built with fixed-width formatters (no terminal query); help still wraps
    to the terminal's width."""
    env = dict(os.environ, COLUMNS="60")
    narrow = subprocess.run([sys.executable, "-m", "jobcheck", "--help"], capture_output=True, text=True, env=env)
    env["COLUMNS"] = "160"
    wide = subprocess.run([sys.executable, "-m", "jobcheck", "--help"], capture_output=True, text=True, env=env)
    assert narrow.returncode == wide.returncode == 0
    # Words wrap at the width (a choices list like `{text,concise,...}` is one word and cannot).
    assert [line for line in narrow.stdout.splitlines() if len(line) > 60 and "{" not in line] == []
    assert len(narrow.stdout.splitlines()) > 1.3 * len(wide.stdout.splitlines())
