"""The span a fix deletes to take flags out of a container command line."""

from __future__ import annotations


def removal_span(text: str, start: int, end: int) -> tuple[int, int]:
    """What to delete to take words out of a command line: the words and the blanks before them,
    or their whole line when they stand alone on a `\\`-continued line."""
    line_start = text.rfind("\n", 0, start) + 1
    rest = text[end : text.find("\n", end) + 1 if text.find("\n", end) >= 0 else len(text)]
    if not text[line_start:start].strip() and rest.strip() == "\\" and line_start > 0:
        return line_start, end + len(rest)
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i, end
