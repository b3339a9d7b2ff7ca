"""Python in jobs: Python job scripts and inline Python, through the libcst front end."""

from __future__ import annotations

import subprocess
import sys

import pytest

from jobcheck.cli.command import main
from jobcheck.frontends import analyse, read_shebang, script_language
from jobcheck.model.source import Source

from .helpers import lint


def findings(text: str, path: str = "job.sh", **kwargs):
    return [(f.code, f.line, f.column, f.message) for f in lint(text, path=path, **kwargs).findings]


def test_misspelled_directive_in_a_python_job_gets_the_safe_fix_and_every_other_byte_stays(tmp_path, capsys):
    original = (
        "#!/usr/bin/env python3\n#SBATCH --job-name=café\n#SBATCH --memory=8G\n"
        '"""Embeddings."""\nimport os  # \xe9t\xe9\nprint(os.getcwd())  \n\n\n'
    ).encode()
    original = original.replace("# \xe9t\xe9".encode(), b"# \xe9t\xe9")  # latin-1 bytes in a comment
    script = tmp_path / "embed.py"
    script.write_bytes(original)
    main(["--no-cache", "--isolated", "--format", "concise", str(script)])
    assert (
        'embed.py:3:9: JC103 [*] `--memory` is not an sbatch option: sbatch stops with "unrecognized option '
        "'--memory=8G'\"; did you mean `--mem`?"
    ) in capsys.readouterr().out
    main(["--no-cache", "--isolated", "--fix", str(script)])
    capsys.readouterr()
    assert script.read_bytes() == original.replace(b"--memory=8G", b"--mem=8G")


def test_python_c_and_heredoc_errors_at_the_job_script_position():
    text = (
        '#!/bin/bash\n#SBATCH --time=5\npython -c "print(1"\n'
        "python - <<EOF\nimport os\nif os.getcwd() == \"$HOME\"\n    print('home')\nEOF\n"
    )
    assert findings(text, select=("JC401",)) == [
        ("JC401", 3, 17, "Python syntax error in the `python -c` code: '(' was never closed"),
        ("JC401", 6, 26, "Python syntax error in the Python heredoc: expected ':'"),
    ]


def test_shell_expansions_are_opaque_but_only_where_the_shell_expands():
    expanded = "#!/bin/bash\n#SBATCH -t 5\npython - <<EOF\nx = $N + ${M:-1} + $(date +%s) + `id -u`\nEOF\n"
    assert findings(expanded, select=("JC401",)) == []
    literal = "#!/bin/bash\n#SBATCH -t 5\npython - <<'EOF'\nx = $N\nEOF\n"
    assert findings(literal, select=("JC401",)) == [
        ("JC401", 4, 5, "Python syntax error in the Python heredoc: invalid syntax")
    ]
    double = '#!/bin/bash\n#SBATCH -t 5\npython -c "print(\\"$HOME\\", $((1+2)))"\n'
    assert findings(double, select=("JC401",)) == []


def test_inline_python_is_found_behind_launchers():
    text = (
        "#!/bin/bash\n#SBATCH -t 5\nsrun -n 2 python3 -u -c 'x ='\n"
        "apptainer exec img.sif python -c 'y ='\nconda run -n ml python -c 'z ='\n"
        "time env A=1 python3.11 -c 'w ='\n"
    )
    assert [(code, line) for code, line, _, _ in findings(text, select=("JC401",))] == [
        ("JC401", 3),
        ("JC401", 4),
        ("JC401", 5),
        ("JC401", 6),
    ]


def test_python_job_script_languages():
    for shebang in (
        "#!/usr/bin/env python3",
        "#!/usr/bin/env -S python3 -u",
        "#!/opt/conda/envs/x/bin/python3.11",
        "#!/usr/bin/python",
    ):
        assert script_language(read_shebang(shebang + "\n")) == "python", shebang
    script = analyse(Source.from_text("#!/usr/bin/env python3\n#SBATCH -t 5\nimport os\n"))
    assert script.parser == "libcst" and len(script.python) == 1 and script.python[0].syntax_error is None


def test_late_directive_in_a_python_job_names_the_first_statement():
    text = "#!/usr/bin/env python3\n#SBATCH -t 5\nimport os\n#SBATCH --mem=4G\n"
    assert findings(text, path="job.py", select=("JC101",)) == [
        ("JC101", 4, 1, "sbatch ignores this line: directives stop at line 3 (`import os`), the first statement")
    ]


def test_a_fix_that_would_break_the_python_is_rolled_back():
    from jobcheck.engine.fixer import fix_source

    from .helpers import linter

    engine = linter()
    source = Source.from_text("#!/usr/bin/env python3\n#SBATCH --memory=8G\nimport os\n")
    outcome = fix_source(source, lambda s: engine.check_source(s).findings, unsafe=True, parses=engine.parses)
    assert outcome.text == "#!/usr/bin/env python3\n#SBATCH --mem=8G\nimport os\n"
    assert engine.parses(source.derive(outcome.text))
    assert not engine.parses(Source.from_text("#!/usr/bin/env python3\nprint(1\n"))


@pytest.mark.parametrize(
    "text, imports_libcst",
    [
        ("#!/bin/bash\n#SBATCH -t 5\nsrun hostname\n", False),
        # code CPython parses: its own tree gives the facts
        ("#!/bin/bash\n#SBATCH -t 5\npython -c 'print(1)'\n", False),
        ("#!/usr/bin/env python3\n#SBATCH -t 5\nprint(1)\n", False),
        ("#!/bin/bash\n#SBATCH -t 5\npython -c 'import os; print(os.cpu_count())'\n", False),
        ("#!/usr/bin/env python3\n#SBATCH -t 5\nimport os\nprint(os.environ['HOME'])\n", False),
        # code it does not parse: libcst decides whether it is broken
        ("#!/bin/bash\n#SBATCH -t 5\npython -c 'print(1'\n", True),
    ],
)
@pytest.mark.slow
def test_libcst_is_imported_only_for_code_cpython_does_not_parse(tmp_path, text, imports_libcst):
    script = tmp_path / "job"
    script.write_text(text)
    probe = (
        "import sys; from jobcheck.cli import main; main(['--no-cache', '--isolated', %r]); "
        "print('libcst' in sys.modules, file=sys.stderr)" % str(script)
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stderr.strip().splitlines()[-1] == str(imports_libcst)


FACT_SAMPLES = [
    "import os\nx = os.environ['DATA']\ny = os.environ.get('A', 1)\nz = int(os.getenv('N'))\n",
    "from os import environ as env, getenv\nenv['é']\ngetenv('Ü', default='x')\nprint('ç', env.get('K'))\n",
    "import torch as t\nimport torch.cuda\nt.cuda.amp.autocast()\nx.cuda()\nm.to('cuda:1')\n"
    "torch.cuda.is_available()\nf(device='cuda')\nt.cuda.device_count()\n",
    "import multiprocessing as mp, os\nmp.Pool(4, maxtasksperchild=2)\nos.cpu_count()\n"
    "from concurrent.futures import ProcessPoolExecutor as P\nP(max_workers=8)\nf(*a, **k)\n",
    "from . import x\nfrom a import *\nimport os.path\nos.path.join(os.environ['A'], 'b')\n"
    "d = {'k': os.environ['X'] if c else os.getenv('Y')}\n",
    'def f():\n    """écrit"""\n    return os.environ[\n        \'MULTI\'\n    ]\nimport os\n',
    "x = os.environ['A'][0]\ny = os.environ[k]\nz = os.environ['A', 'B']\nw = os.environ['a':'b']\n",
]


@pytest.mark.slow
def test_facts_from_cpythons_tree_are_the_facts_libcst_finds():
    """The ast walk (all code this interpreter parses) and the libcst walk (the rest) agree
    on every fact and position, here and on every piece of Python in the fixtures."""
    import pathlib

    from jobcheck.frontends import python_frontend
    from jobcheck.frontends.python_sources import python_sources

    codes = list(FACT_SAMPLES)
    for path in sorted(pathlib.Path(__file__).parent.parent.glob("fixtures/**/*")):
        if not path.is_file() or path.suffix in (".expected", ".fixed", ".toml", ".json"):
            continue
        script = analyse(Source.from_bytes(path.read_bytes(), str(path)))
        if script.language == "python":
            codes.append(script.text)
        elif script.language == "shell":
            codes.extend(code for code, _, _, _ in python_sources(script))
    compared = 0
    for code in codes:
        if python_frontend._cpython_tree(code)[0] is None or not python_frontend.FACT_WORDS_RE.search(code):
            continue
        from_ast, from_libcst = python_frontend._facts(code), python_frontend._libcst_facts(code)
        assert from_libcst.syntax_error is None, code
        assert (from_ast.env_reads, from_ast.calls, from_ast.gpu_uses) == (
            from_libcst.env_reads,
            from_libcst.calls,
            from_libcst.gpu_uses,
        ), code
        compared += 1
    assert compared >= 30


def test_code_for_a_newer_python_is_not_called_broken():
    # a PEP 695 type alias and a 3.12 f-string: this interpreter's parser may reject them, libcst reads them
    from jobcheck.frontends import python_frontend

    code = "import os\ntype Path = str\nprint(f\"{os.environ['A']}\")\n"
    found = python_frontend._facts(code)
    assert found.syntax_error is None
    broken = python_frontend._facts("print((1)\n")
    assert broken.syntax_error is not None and broken.syntax_error.message == "'(' was never closed"
