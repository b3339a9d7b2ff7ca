"""Cheap, linear measures of how deeply text nests, taken before a parser sees it.

libcst's native parser crashes the process (a segmentation fault, not an exception) on Python
nested about 1,300 levels deep, and takes seconds per thousand chained operators; no real code
comes near either. These scans bound the input first: code beyond the bounds is reported as
unparseable and the rest of the file is checked.
"""

from __future__ import annotations

from ..patterns import lazy

# CPython's own limit on nested brackets is 200 ("too many nested parentheses"): nothing that
# runs is refused by this bound.
MAX_PYTHON_BRACKETS = 200
# Operators chained in one logical line (`1+1+...`): each is one more level of libcst's tree.
MAX_PYTHON_OPERATORS = 1000

_PYTHON_TOKEN_RE = lazy(r"[\[({]|[\])}]|\\\r?\n|\r?\n|[-+*/%&|^~<>=@.]|\b(?:not|and|or|if|lambda|await)\b")
_BRACKETS_RE = lazy(r"[\[\]{}]")


def bracket_depth(text: str) -> int:
    """The deepest nesting of [ and { in `text`, strings included (an upper bound)."""
    depth = deepest = 0
    for match in _BRACKETS_RE.finditer(text):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(0, depth - 1)
    return deepest


def python_too_deep(code: str) -> str | None:
    """Why `code` must not be handed to a native Python parser, or None. Strings and comments are
    not told apart (an upper bound: real code stays far below the limits all the same)."""
    depth = deepest = operators = most = 0
    for match in _PYTHON_TOKEN_RE.finditer(code):
        token = match.group()
        if token in "[({":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "])}":
            depth = max(0, depth - 1)
        elif token.endswith("\n"):
            if depth == 0 and not token.startswith("\\"):
                operators = 0  # a new logical line
        else:
            operators += 1
            most = max(most, operators)
    if deepest > MAX_PYTHON_BRACKETS:
        return "brackets nested %d deep (Python allows %d)" % (deepest, MAX_PYTHON_BRACKETS)
    if most > MAX_PYTHON_OPERATORS:
        return "over %d operators chained in one expression" % MAX_PYTHON_OPERATORS
    return None
