"""The lines of a definition-file section."""

from __future__ import annotations


def _lines(text: str, start: int, end: int):
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        yield pos, text[pos:line_end].rstrip("\r")
        pos = line_end + 1
