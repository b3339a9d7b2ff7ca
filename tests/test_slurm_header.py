"""The #SBATCH scanner against what real sbatch 22.05.8 did with the same lines
(case ids from the project's Slurm research: f = where scanning stops, d = quoting)."""

from __future__ import annotations

from jobcheck.frontends.slurm_header import scan


def options(text, release=None):
    directives, _ = scan(text, release)
    return [(o.spelled, o.name, o.value, o.kind) for d in directives for o in d.options]


def test_f1_directive_after_first_command_is_outside_the_header():
    text = "#!/bin/bash\n#SBATCH -J f1early\necho hi\n#SBATCH --time=7\n"
    directives, header_end = scan(text)
    assert [(d.line, d.in_header) for d in directives] == [(2, True), (4, False)]
    assert header_end == text.index("echo")


def test_f8_f16_blank_and_comment_lines_do_not_stop_the_header():
    text = "#!/bin/bash\n\n# comment\n   \t\n   # indented comment\n#SBATCH --time=5\n"
    directives, header_end = scan(text)
    assert [d.in_header for d in directives] == [True]
    assert header_end == len(text)


def test_f2_f3_f4_f20_near_misses_are_not_directives():
    text = "#!/bin/bash\n# SBATCH -J a\n  #SBATCH -J b\n#sbatch -J c\n##SBATCH -J d\n"
    assert scan(text)[0] == []


def test_f12_f13_prefix_match_and_tab():
    assert options("#SBATCH--time=5\n#SBATCH\t--job-name=t\n") == [
        ("--time", "time", "5", "option"),
        ("--job-name", "job-name", "t", "option"),
    ]


def test_f19_text_glued_to_the_prefix_is_a_stray_word():
    assert options("#SBATCHX --job-name=x\n") == [
        ("X", None, None, "positional"),
        ("--job-name", "job-name", "x", "option"),
    ]


def test_p5_slurm_prefix_is_read_too():
    directives, _ = scan("#SLURM --job-name=p5\n")
    assert [(d.prefix, o.name, o.value) for d in directives for o in d.options] == [("#SLURM", "job-name", "p5")]


def test_f18_bare_prefix_has_no_options():
    directives, _ = scan("#SBATCH\n")
    assert directives[0].options == ()


def test_f5_single_dash_long_option_is_a_short_option_with_a_value():
    assert options("#SBATCH -time=10\n") == [("-t", "time", "ime=10", "option")]


def test_f6_f23_value_forms():
    assert options("#SBATCH --time 10\n#SBATCH -t 5\n#SBATCH -t5\n") == [
        ("--time", "time", "10", "option"),
        ("-t", "time", "5", "option"),
        ("-t", "time", "5", "option"),
    ]


def test_f14_several_short_options_on_one_line():
    assert options("#SBATCH -N1 -n2 -c1\n") == [
        ("-N", "nodes", "1", "option"),
        ("-n", "ntasks", "2", "option"),
        ("-c", "cpus-per-task", "1", "option"),
    ]


def test_f10_missing_value():
    assert options("#SBATCH -J\n") == [("-J", "job-name", None, "missing-value")]


def test_f17_stray_word():
    assert options("#SBATCH --time=5 hello\n") == [
        ("--time", "time", "5", "option"),
        ("hello", None, None, "positional"),
    ]


def test_f21_ambiguous_and_f21b_unique_abbreviations():
    directives, _ = scan("#SBATCH --tim=5\n#SBATCH --job-n=f21b --partit=gpu\n")
    first = directives[0].options[0]
    assert (first.kind, first.candidates) == ("ambiguous", ("time", "time-min"))
    assert [(o.name, o.value) for o in directives[1].options] == [("job-name", "f21b"), ("partition", "gpu")]


def test_g1_unknown_option():
    assert options("#SBATCH --ntasks-per-nodes=1\n") == [("--ntasks-per-nodes", None, "1", "unknown")]


def test_d_quoting_and_comments():
    text = (
        "#SBATCH --cpus-per-task=1         # comment text\n"
        "#SBATCH --job-name=a#b\n"
        '#SBATCH --job-name="a # b"\n'
        "#SBATCH --job-name='a b'\n"
        '#SBATCH --job-name=pre"mid dle"post\n'
        "#SBATCH --job-name=d9 #--time=3\n"
    )
    assert [value for _, _, value, _ in options(text)] == ["1", "a", "a # b", "a b", "premid dlepost", "d9"]


def test_unmatched_quote_is_an_error():
    directives, _ = scan('#SBATCH --job-name="oops\n')
    assert directives[0].error == 'unmatched "'


def test_spans_point_at_the_value():
    text = "#SBATCH --output=$HOME/x.log\n"
    directives, _ = scan(text)
    option = directives[0].options[0]
    assert text[option.value_start : option.value_end] == "$HOME/x.log"
    assert text[option.start : option.end] == "--output=$HOME/x.log"


def test_option_tables_are_per_release():
    # --extra is new in 23.02; on 22.05 getopt_long takes it as an abbreviation of --extra-node-info
    assert options("#SBATCH --extra=x\n", release="22.05") == [("--extra", "extra-node-info", "x", "option")]
    assert options("#SBATCH --extra=x\n") == [("--extra", "extra", "x", "option")]


def test_hetjob_separator():
    assert options("#SBATCH -n1\n#SBATCH hetjob\n#SBATCH -n2\n") == [
        ("-n", "ntasks", "1", "option"),
        ("hetjob", None, None, "separator"),
        ("-n", "ntasks", "2", "option"),
    ]
