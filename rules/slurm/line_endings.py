"""The CRLF line-endings finding and fix shared by every scheduler's CRLF rule."""

from __future__ import annotations

from jobcheck import Diagnostic, Edit, Fix


def crlf_finding(text: str, what: str, consequence: str):
    """The finding for a file with CRLF line endings (at its first one, fixing all), or None."""
    found = crlf_edits(text)
    if found is None:
        return None
    line_start, first, edits = found
    return Diagnostic(
        line_start,
        first,
        "%s has Windows line endings (\\r\\n) on %d line%s: %s"
        % (what, len(edits), "" if len(edits) == 1 else "s", consequence),
        Fix.safe("convert the line endings to \\n", *edits),
    )


def crlf_edits(text: str):
    """(start of the first CRLF line, offset of its \\r, edits deleting every \\r before \\n), or None."""
    first = text.find("\r\n")
    if first < 0:
        return None
    edits = []
    i = first
    while i >= 0:
        edits.append(Edit.delete(i, i + 1))
        i = text.find("\r\n", i + 2)
    return text.rfind("\n", 0, first) + 1, first, edits
