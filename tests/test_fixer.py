"""The fix engine on its own: conflicts wait for the next pass, passes are bounded, a fix that
breaks the script is rolled back, and edits keep the file's line endings."""

from __future__ import annotations

from jobcheck.engine.fixer import MAX_PASSES, apply_edits, fix_source, non_overlapping
from jobcheck.model.source import Source
from jobcheck.rule import Edit, Finding, Fix, Severity


def finding(code, *edits, unsafe=False):
    fix = (Fix.unsafe if unsafe else Fix.safe)("fix " + code, *edits)
    return Finding(code, code.lower(), Severity.ERROR, "x", 1, 1, 1, 1, "m", fix)


def test_overlapping_fixes_keep_the_first_in_file_order():
    a = finding("A", Edit(0, 5, "x"))
    b = finding("B", Edit(3, 8, "y"))
    c = finding("C", Edit(8, 9, "z"))
    assert [f.code for f in non_overlapping([c, b, a])] == ["A", "C"]


def test_insertions_inside_a_replacement_conflict_but_at_one_point_keep_their_order():
    a = finding("A", Edit.insert(4, "x"))
    b = finding("B", Edit.insert(4, "y"))
    c = finding("C", Edit(2, 6, "z"))
    assert [f.code for f in non_overlapping([c, a])] == ["C"]
    assert [f.code for f in non_overlapping([a, b])] == ["A", "B"]
    assert apply_edits("0123456", [Edit.insert(4, "x"), Edit.insert(4, "y")]) == "0123xy456"


def test_a_fix_with_self_overlapping_edits_is_never_applied():
    bad = finding("A", Edit(0, 4, "x"), Edit(2, 6, "y"))
    assert non_overlapping([bad]) == []


def test_apply_edits_uses_the_files_line_endings():
    assert apply_edits("a\r\nb\r\n", [Edit.insert(3, "new\n")], "\r\n") == "a\r\nnew\r\nb\r\n"
    assert apply_edits("abcdef", [Edit(0, 1, "X"), Edit(4, 6, "")]) == "Xbcd"


def _counting_linter(target="b"):
    """Finds each occurrence of 'a' and fixes it to `target`, both fixes overlapping."""

    def lint(source):
        text = source.text
        return [
            finding("A%d" % i, Edit(i, min(i + 2, len(text)), target + text[i + 1 : i + 2]))
            for i, ch in enumerate(text)
            if ch == "a"
        ]

    return lint


def test_conflicting_fixes_are_applied_over_several_passes():
    outcome = fix_source(Source.from_text("aaa"), _counting_linter(), unsafe=False)
    assert outcome.text == "bbb"
    assert outcome.passes == 2 and outcome.converged


def test_passes_are_bounded_when_fixes_never_settle():
    def flip(source):
        text = source.text
        return [finding("F", Edit(0, len(text), "x" if text == "y" else "y"))]

    outcome = fix_source(Source.from_text("x"), flip, unsafe=False)
    assert outcome.passes == MAX_PASSES and not outcome.converged


def test_unsafe_fixes_only_with_the_flag():
    def lint(s):
        return [finding("U", Edit(0, 1, "z"), unsafe=True)] if s.text == "a" else []

    assert fix_source(Source.from_text("a"), lint, unsafe=False).text == "a"
    assert fix_source(Source.from_text("a"), lint, unsafe=True).text == "z"


def test_a_fix_that_breaks_parsing_is_rolled_back():
    source = Source.from_text("echo 'ok'\n")

    def lint(s):
        return [finding("Q", Edit(5, 6, '"'))] if s.text == source.text else []

    outcome = fix_source(source, lint, unsafe=False, parses=lambda s: s.text.count("'") % 2 == 0)
    assert outcome.text == source.text and outcome.applied == []
    assert outcome.rolled_back == ["Q at 1:1 (fix Q) was not applied: the result would no longer parse"]


def test_only_the_fix_that_adds_an_error_is_rolled_back():
    """Two fixes in one pass; the second would create a new error: the first is still applied."""

    def lint(source):
        found = []
        if "a" in source.text[:1]:
            found.append(finding("A", Edit(0, 1, "A")))
        if source.text[2:3] == "b":
            found.append(finding("B", Edit(2, 3, "X")))
        if "X" in source.text:
            found.append(Finding("E", "e", Severity.ERROR, "x", 1, 3, 1, 4, "X is an error"))
        return found

    outcome = fix_source(Source.from_text("a b"), lint, unsafe=False)
    assert outcome.text == "A b"
    assert [f.code for f in outcome.applied] == ["A"]
    assert outcome.rolled_back == ["B at 1:1 (fix B) was not applied: the result would have new errors (E)"]
