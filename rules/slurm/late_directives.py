"""Findings and fixes for directives after the point where the scheduler stops reading (JC101, JC703, JC705)."""

from __future__ import annotations

from jobcheck import Diagnostic, Edit, Fix


def late_directives(script, directives, stop: int, message: str):
    """A finding for each directive the scheduler does not read (after `stop`, the offset where
    it stops reading; heredoc bodies left out), with the unsafe fix that moves the line to the
    end of the header. `message` gets the stop line's number and text as %(line)d, %(text)s."""
    late = [d for d in directives if not d.in_header and not script.in_other_script(d.start)]
    if not late:
        return
    header = [d for d in directives if d.in_header]
    stop_line = script.source.position(stop).line
    stop_text = script.source.line_text(stop_line).strip()
    if len(stop_text) > 40:
        stop_text = stop_text[:37] + "..."
    said = message % {"line": stop_line, "text": stop_text}
    insert_at = line_after(script.text, header[-1].end) if header else stop
    for d in late:
        line_end = line_after(script.text, d.end)
        line = script.text[d.start : line_end]
        if not line.endswith("\n"):
            line += script.source.newline
        yield Diagnostic(
            d.start,
            d.end,
            said,
            Fix.unsafe("move it into the header", Edit.insert(insert_at, line), Edit.delete(d.start, line_end)),
        )


def line_after(text: str, offset: int) -> int:
    """The offset just past the line break after `offset` (the end of the text if none)."""
    nl = text.find("\n", offset)
    return len(text) if nl < 0 else nl + 1
