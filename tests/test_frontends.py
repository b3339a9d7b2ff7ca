"""The shell front ends: the same model from bashlex and tree-sitter, and the fallback."""

from __future__ import annotations

import pytest

from jobcheck.frontends import analyse
from jobcheck.frontends.raw_commands import MAX_COMMAND_DEPTH
from jobcheck.frontends.shell import parse_shell
from jobcheck.model.source import Source

SNIPPETS = {
    "simple": "#!/bin/bash\nsrun -n 2 python train.py --lr 0.1\n",
    "prefix-assignments": "A=1 B='two words' cmd arg\n",
    "export-and-local": 'export A B=2 C=\'$D\'\nf() { local x="$1"; echo "$x"; }\n',
    "substitutions": 'X=$(hostname) Y=`date`\necho "$(basename "$(pwd)")" > "$X.log"\n',
    "pipes-and-lists": "cat a | grep b && echo ok || echo no; wait\n",
    "loops": 'for f in $(ls *.txt); do srun -n1 wc -l "$f" & done\nwhile read -r l; do echo $l; done < in.txt\n',
    "if": "if [ -f x ]; then echo yes; elif true; then :; else echo no; fi\n",
    "heredoc": "cat <<EOF > out.txt\nhello $HOME\nEOF\necho after\n",
    "heredoc-strip-tabs": "cat <<-END\n\tindented\n\tEND\necho after\n",
    "redirects": "cmd > out.log 2>&1\ncmd2 >> '$HOME/x' 2> err.log < in.txt\n",
    "continuation": "apptainer exec --nv \\\n    --bind /a:/b \\\n    img.sif python x.py\n",
    "function-keyword": 'function setup { mkdir -p "$SCRATCH/run"; }\nsetup\n',
    "non-ascii": "# 주석\nexport NAME='잡이름'\necho \"$NAME\"\n",
}


def model(text: str, parser: str):
    script = analyse(Source.from_text(text), parser=parser)
    return [
        (
            tuple((w.text, w.start, w.end) for w in c.words),
            tuple((a.name, a.value.text, a.declared_by, a.start, a.end) for a in c.assignments),
            tuple((r.op, r.target.text) for r in c.redirects),
            tuple((h.op, h.delimiter.text, h.body_start, h.body_end, h.terminated) for h in c.heredocs),
            c.start,
            c.end,
            c.depth,
            c.function,
        )
        for c in script.commands
    ]


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_bashlex_and_tree_sitter_build_the_same_model(name):
    text = SNIPPETS[name]
    assert analyse(Source.from_text(text)).parser == "bashlex"
    assert model(text, "bashlex") == model(text, "tree-sitter")


def test_model_details():
    script = analyse(Source.from_text(SNIPPETS["substitutions"]))
    commands = [[w.text for w in c.words] for c in script.commands]
    assert commands == [
        [],
        ["hostname"],
        ["date"],
        ["echo", '"$(basename "$(pwd)")"'],
        ["basename", '"$(pwd)"'],
        ["pwd"],
    ]
    assert [c.depth for c in script.commands] == [0, 1, 1, 0, 1, 2]
    assert [(r.op, r.target.text) for r in script.commands[3].redirects] == [(">", '"$X.log"')]


def test_heredoc_body_span():
    text = SNIPPETS["heredoc"]
    script = analyse(Source.from_text(text))
    (doc,) = script.heredocs
    assert text[doc.body_start : doc.body_end] == "hello $HOME\n"
    assert doc.tag == "EOF" and not doc.quoted and doc.terminated


def test_function_context():
    script = analyse(Source.from_text(SNIPPETS["export-and-local"]))
    assert [(c.basename, c.function) for c in script.commands] == [("export", None), ("local", "f"), ("echo", "f")]
    local = script.commands[1].assignments[0]
    assert (local.name, local.value.text, local.declared_by) == ("x", '"$1"', "local")


FALLBACK = {
    "double-brackets": ("[[ -d $X ]] && echo yes\n", ["[[", "-d", "$X", "]]"]),
    "case": ("case $1 in a) echo a;; *) echo b;; esac\n", ["echo", "a"]),
    "arithmetic": ("N=$(( 2 * 3 ))\necho $N\n", []),
    "array": ('arr=(a b c)\necho "${arr[@]}"\n', []),
    "time": ("time srun hostname\n", ["time", "srun", "hostname"]),
    "select": ("select x in a b; do echo $x; break; done\n", ["echo", "$x"]),
    "quoted-heredoc-tag": ("cat <<'EOF'\n$HOME stays\nEOF\n", ["cat"]),
}


@pytest.mark.parametrize("name", sorted(FALLBACK))
def test_tree_sitter_takes_over_where_bashlex_gives_up(name):
    text, first_command = FALLBACK[name]
    with pytest.raises(ValueError):
        parse_shell(text, "bashlex")
    script = analyse(Source.from_text(text))
    assert script.parser == "tree-sitter"
    assert script.parse_error  # why bashlex gave up is kept
    if first_command is not None:
        assert [w.text for w in script.commands[0].words] == first_command


def test_comment_only_needs_no_parser():
    script = analyse(Source.from_text("#!/bin/bash\n# nothing here\n\n#SBATCH -t 5\n"))
    assert (script.parser, script.parse_error, script.commands) == ("bashlex", None, [])


def test_quoted_heredoc_tag_body():
    script = analyse(Source.from_text(FALLBACK["quoted-heredoc-tag"][0]))
    (doc,) = script.heredocs
    assert doc.quoted and doc.tag == "EOF"
    assert script.text[doc.body_start : doc.body_end] == "$HOME stays\n"


@pytest.mark.parametrize("depth", [1000, 10000])
def test_deep_nesting_does_not_crash(depth):
    text = "#!/bin/bash\necho " + "$(echo " * depth + "x" + ")" * depth + "\n"
    script = analyse(Source.from_text(text))
    assert script.parser == "tree-sitter"
    # the outer levels are modelled; deeper ones would cost depth x length (raw.MAX_COMMAND_DEPTH)
    assert [c.depth for c in script.commands] == list(range(MAX_COMMAND_DEPTH + 1))


def test_unterminated_quote_and_heredoc_do_not_crash():
    for text in ("echo 'unterminated\n", "cat <<EOF\nno end\n", 'echo "$(\n', "if then fi }}}\n"):
        script = analyse(Source.from_text(text))
        assert script.parser == "tree-sitter"


def test_python_job_script_is_not_parsed_as_shell():
    script = analyse(Source.from_text("#!/usr/bin/env python3\n#SBATCH --time=5\nimport os\n"))
    assert script.language == "python" and script.parser == "libcst" and script.commands == []
    assert [d.line for d in script.directives] == [2]


def test_commands_inside_code_strings_are_parsed_with_file_offsets():
    text = "#!/bin/bash\nsrun bash -c 'apptainer exec img.sif ls; echo $0'\nsh -c \"cd /tmp && make\"\n"
    script = analyse(Source.from_text(text))
    embedded = [(c.depth, [w.text for w in c.words]) for c in script.commands if c.embedded]
    assert embedded == [
        (1, ["apptainer", "exec", "img.sif", "ls"]),
        (1, ["echo", "$0"]),
        (1, ["cd", "/tmp"]),
        (1, ["make"]),
    ]
    first = next(c for c in script.commands if c.embedded)
    assert text[first.start : first.end] == "apptainer exec img.sif ls"
    # a double-quoted string with backslashes does not map one to one onto the file: not parsed
    script = analyse(Source.from_text('bash -c "echo \\"hi\\""\n'))
    assert not any(c.embedded for c in script.commands)


def test_the_bashlex_time_limit_fires_again_when_its_exception_is_dropped():
    """An exception raised in a garbage-collector callback is printed and dropped by Python (the
    fuzz run hit this inside hypothesis); the limit must not be lost with it."""
    import signal

    import pytest

    from jobcheck.frontends.shell import _time_limit, _TimeLimit

    dropped = 0
    with pytest.raises(_TimeLimit), _time_limit(0.05):
        while True:
            try:
                while True:
                    pass
            except _TimeLimit:
                dropped += 1  # as if Python had dropped it: keep looping
                if dropped == 2:
                    raise
    assert dropped == 2
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_bashlex_parses_without_a_time_limit_outside_the_main_thread():
    """Signal handlers can only be set in the main thread: elsewhere (a server's worker thread)
    the parse runs without the limit instead of failing."""
    import threading

    from jobcheck.frontends.shell import parse_shell

    results = []
    worker = threading.Thread(target=lambda: results.append(parse_shell("echo hi\nsrun x\n")))
    worker.start()
    worker.join()
    [(raws, parser, reason)] = results
    assert (len(raws), parser, reason) == (2, "bashlex", None)
