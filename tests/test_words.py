from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobcheck.model.script import Word
from jobcheck.model.words import ANSI_C, COMMAND, DOUBLE, LITERAL, PARAM, SINGLE, UNQUOTED, _lex_any, lex_word


def parts(text):
    return [(p.kind, p.quote, p.value, text[p.start : p.end]) for p in Word(text, 0, len(text)).parts]


def test_mixed_quoting():
    assert parts("""pre"$A b"'$C'${D:-x}""") == [
        (LITERAL, UNQUOTED, "pre", "pre"),
        (PARAM, DOUBLE, "A", "$A"),
        (LITERAL, DOUBLE, " b", " b"),
        (LITERAL, SINGLE, "$C", "'$C'"),
        (PARAM, UNQUOTED, "D", "${D:-x}"),
    ]


def test_quoted_regions_have_exact_spans():
    word = Word("x='$HOME/a'", 10, 21)
    (region,) = word.quoted_regions
    assert (region.quote, region.start, region.end, region.inner_start, region.inner_end) == (SINGLE, 12, 21, 13, 20)


def test_static_value_removes_quotes_and_escapes():
    assert Word(r"""a\ b'c d'"e\"f"$'\t'""", 0, 20).value == 'a bc de"f\t'


def test_expansions_make_a_word_dynamic():
    word = Word('"$X":/data', 0, 10)
    assert word.value is None
    assert word.literal_prefix == ""
    assert [p.value for p in word.params] == ["X"]


def test_command_substitution_and_backticks():
    text = '$(echo "a)b") `date` $((1+2))'
    kinds = [k for k, *_ in parts(text)]
    assert kinds == [COMMAND, LITERAL, COMMAND, LITERAL, "arith"]


def test_ansi_c_string():
    word = Word("$'a\\nb'", 0, 7)
    assert word.value == "a\nb"
    assert word.quoted_regions[0].quote == ANSI_C


def test_unterminated_single_quote_is_a_region_to_the_end():
    word = Word("'abc", 0, 4)
    (region,) = word.quoted_regions
    assert not region.terminated and region.end == 4


def test_special_parameters():
    assert [p.value for p in Word('$1$@"$#"${10}', 0, 13).params] == ["1", "@", "#", "10"]


# The lexer's shortcuts for the common shapes (plain, `$NAME` text, one '...' or "..." string of
# text and `$NAME`) must give exactly what the character-by-character lexer gives.
SHORTCUT_SHAPES = [
    "''",
    "'$HOME/data'",
    "'PY'",
    "'a'b",
    "'a''b'",
    '""',
    '"$f"',
    '"${f}"',
    '"$SLURM_SUBMIT_DIR/in/"',
    "\"<a> 'b' $A$B ${C}x\"",
    '"$"',
    '"a$ b"',
    '"$1"',
    '"${A:-x}"',
    '"$(hostname)"',
    '"a"b',
    '"a\\"b"',
    '"$A_"',
    "$A:$B",
    "x=$A",
]


@pytest.mark.parametrize("text", SHORTCUT_SHAPES)
def test_the_lexers_shortcuts_agree_with_the_full_lexer(text):
    assert lex_word(text, 7) == _lex_any(text, 7)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="'\"$ab_{}<>\\`( :", max_size=12))
def test_the_lexers_shortcuts_agree_with_the_full_lexer_on_any_word(text):
    assert lex_word(text, 3) == _lex_any(text, 3)
