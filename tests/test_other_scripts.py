"""Text that belongs to other scripts (generated or pasted): which directive lines are this job's."""

from __future__ import annotations

from jobcheck.frontends import analyse, other_scripts
from jobcheck.model.source import Source


def _script(text: str, **kwargs):
    return analyse(Source.from_bytes(text.encode(), path="job.sh"), **kwargs)


def test_scanned_heredocs_follow_bash_rules():
    text = "cat <<A <<-B\nx\nA\n\ty\n\tB\n# <<C\nz\nC\nq=$((1<<2))\ncat <<D\n<<E\nD\ncat <<NEVER\n"
    bodies = [text[start:end] for start, end in other_scripts.scanned_heredocs(text)]
    # two heredocs on one line follow each other; a commented `<<`, arithmetic, a `<<` inside a
    # body and a heredoc without its terminator are not bodies
    assert bodies == ["x\n", "\ty\n", "<<E\n"]


def test_python_strings_that_span_lines():
    text = 'A = """\n#SBATCH -p x\n"""\nB = "one line"\nC = f"""\n{A}\n"""\n'
    regions = other_scripts.python_regions(text)
    assert [text[start:end] for start, end in regions] == ['"""\n#SBATCH -p x\n"""', 'f"""\n{A}\n"""']


def test_late_directives_of_other_scripts_leave_the_model():
    text = (
        "#!/bin/bash\n#SBATCH --time=10\necho start\n"
        'X="#!/bin/bash\n#SBATCH -p in-a-string\n"\n'  # line 5: a multi-line string
        "#SLURM_JOB_ID=3\n"  # line 7: a commented-out assignment
        "#SBATCH --mem=4G\n"  # line 8: this job's, ignored by sbatch
        "#!/bin/bash\n#SBATCH -p pasted\n"
    )  # line 10: a pasted script
    script = _script(text)
    assert [(d.line, d.in_header) for d in script.directives] == [(2, True), (8, False)]
    assert script.in_other_script(text.index("#SBATCH -p in-a-string"))
    assert script.in_other_script(text.index("#SBATCH -p pasted"))
    assert not script.in_other_script(text.index("#SBATCH --mem"))


def test_heredocs_are_found_where_the_shell_parsers_fail():
    # an unbalanced `(` makes the parse fail; the heredoc is still recognised by the text scan
    text = "#!/bin/bash\n#SBATCH --time=10\nf() { echo ( ; }\ncat > child.sh <<EOF\n#SBATCH -p child\nEOF\n"
    script = _script(text, parser="tree-sitter")
    assert script.parse_error is not None
    assert [d.line for d in script.directives] == [2]


def test_auto_detection_counts_only_lines_with_options():
    # commented-out commands `#$VAR ...` are not Grid Engine directives; the #BSUB lines decide
    text = "#!/bin/bash\n#BSUB -n 4\n#BSUB -W 10\nrun\n#${JSRUN} -n 4 ./a\n#$EXE in\n#$EXE out\n"
    assert _script(text).scheduler == "lsf"
