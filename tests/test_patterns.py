"""jobcheck.patterns.lazy: the same answers as re.compile, compiled only when first used."""

from __future__ import annotations

import re

from jobcheck.patterns import lazy


def test_a_lazy_pattern_answers_like_the_compiled_one_and_compiles_once():
    text = "a1 b22 c333"
    pattern = lazy(r"([a-z])(\d+)")
    assert pattern._compiled is None  # nothing compiled at import
    expected = re.compile(r"([a-z])(\d+)")
    assert pattern.search(text).group(0) == expected.search(text).group(0) == "a1"
    compiled = pattern._compiled
    assert compiled is not None
    assert pattern.match(text, 3).group(2) == "22"
    assert pattern.fullmatch("d4") is not None and pattern.fullmatch("d4x") is None
    assert [m.group(1) for m in pattern.finditer(text)] == ["a", "b", "c"]
    assert pattern.findall(text) == expected.findall(text)
    assert pattern.sub(r"\2\1", text) == "1a 22b 333c"
    assert pattern.subn("", text) == ("  ", 3)
    assert pattern.split(text) == expected.split(text)
    assert (pattern.groups, dict(pattern.groupindex)) == (2, {})
    assert pattern._compiled is compiled  # compiled once, whatever was called
    # after the first call the instance's methods are the compiled pattern's own
    assert pattern.search == compiled.search


def test_flags_are_kept():
    assert lazy(r"^x$", re.MULTILINE).findall("a\nx\nb") == ["x"]
    assert lazy("abc", re.IGNORECASE).search("xABC") is not None
