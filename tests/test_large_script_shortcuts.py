"""The shortcuts that keep a large script's check linear (a command whose text cannot hold what a
rule looks for is not read word by word) leave the findings exactly as the full reading gives."""

from __future__ import annotations

from jobcheck import testing

HEADER = "#!/bin/bash\n#SBATCH --time=10\n"


def _where(findings) -> list[tuple[int, int, int, str]]:
    return [(f.line, f.column, f.end_column, f.message.split("`")[1]) for f in findings]


def test_every_kind_of_placeholder_is_found_in_the_commands_that_hold_one():
    # JC018 searches only the commands in which one of the placeholders' texts occurs
    text = HEADER + (
        "cd /path/to/project && ls\n"
        "conda activate your_env\n"
        "cp data.tar CHANGE_ME/\n"
        "sort <your input file> > out\n"
        "run --in <path to data> --dry\n"
        "x=$(cat path/to/your_list) ADD SCRIPT HERE\n"
        "echo /path/to/ignored\n"
        "your_dir=/scratch/me; cd $your_dir\n"
        "ls [your folder]; tool YOUR_TOKEN\n"
    )
    assert _where(testing.check(text, select=["JC018"])) == [
        (3, 4, 20, "/path/to/project"),
        (4, 16, 24, "your_env"),
        (5, 13, 22, "CHANGE_ME"),
        (6, 6, 23, "<your input file>"),
        (7, 10, 24, "<path to data>"),
        (8, 9, 26, "path/to/your_list"),
        (8, 28, 43, "ADD SCRIPT HERE"),
        (11, 4, 17, "[your folder]"),
        (11, 24, 34, "YOUR_TOKEN"),
    ]


def test_a_script_without_any_placeholder_text_has_no_placeholder_finding():
    assert testing.check(HEADER + "cd /scratch/run\nsrun ./app < input.txt\n", select=["JC018"]) == []


def test_foreign_scheduler_variables_in_prefix_assignments_declarations_and_words():
    # JC315 reads the words of only the commands with a `$` in their text
    text = HEADER + (
        "echo start\n"
        "OUT=$PBS_O_WORKDIR/out python run.py\n"
        "export JOB=${PBS_JOBID}\n"
        'srun ./app --in "$LSB_JOBID"\n'
        "echo $PBS_JOBID\n"
    )
    assert _where(testing.check(text, select=["JC315"])) == [
        (4, 5, 19, "$PBS_O_WORKDIR"),
        (5, 12, 24, "$PBS_JOBID"),
        (6, 18, 28, "$LSB_JOBID"),
    ]


ARRAY_READ = "python x.py --task $SLURM_ARRAY_TASK_ID\n"


def test_a_script_that_handles_a_run_without_array_is_told_nothing():
    # JC307's test for it is three searches (each fast on a large script), not one
    told = [(3, 20, "info")]
    cases = {
        ARRAY_READ: told,
        'if [ -z "$SLURM_ARRAY_TASK_ID" ]; then exit 1; fi\n' + ARRAY_READ: [],
        "python x.py --task ${SLURM_ARRAY_TASK_ID:-0}\n": [],
        ARRAY_READ + "[ -n x ] || sbatch --array=1-4 $0\n": [],
        ARRAY_READ + "echo sbatch is used here\n": told,
    }
    for body, expected in cases.items():
        found = testing.check(HEADER + body, select=["JC307"])
        assert [(f.line, f.column, f.severity.value) for f in found] == expected, body


def test_heredocs_and_late_directives_are_found_where_a_line_starts():
    from jobcheck.frontends.other_scripts import scanned_heredocs
    from jobcheck.frontends.slurm_header import scan

    text = "#!/bin/bash\ncat <<EOF\nx <<<y 1<<2\nEOF\necho #SBATCH --mem=1G\n#SBATCH --time=5\n"
    assert scanned_heredocs(text) == [(22, 34)]
    directives, _ = scan(text)
    assert [(d.line, d.start) for d in directives] == [(6, 60)]


def test_the_most_heredoc_operators_on_one_line_are_counted_on_the_lines_that_have_any():
    from jobcheck.frontends.shell import most_heredocs_on_a_line

    assert most_heredocs_on_a_line("") == 0
    assert most_heredocs_on_a_line("echo a\necho b\n") == 0
    assert most_heredocs_on_a_line("cat <<A <<B\nx\nA\ny\nB\ncat <<<'s' <<C\nC") == 2
    assert most_heredocs_on_a_line("<<<<\n<<") == 2  # two `<<` in `<<<<`: an upper bound, not a parse
    assert most_heredocs_on_a_line("no newline at the end << << <<") == 3
