"""--format text: findings grouped by file, each with the source line, a caret and the fix.

Colour comes from rich and only on a terminal (FORCE_COLOR forces it); NO_COLOR turns it off.
Without colour, rich is not even imported (it is a third of a one-file run's start-up): the
same text is written directly.
"""

from __future__ import annotations

import os
import unicodedata

from ..rule import Applicability
from ._clean import printable

SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}


def wants_colour(stream, choice: str = "auto") -> bool:
    """--color always / never decide; auto: NO_COLOR, FORCE_COLOR, else whether it is a terminal."""
    if choice in ("always", "never"):
        return choice == "always"
    if os.environ.get("NO_COLOR"):  # no-color.org: no escape codes at all, not even bold
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def cell_width(text: str) -> int:
    """Terminal cells `text` takes: wide (CJK) characters two, combining marks none."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _wrapped(message: str, head: str, width: int | None) -> tuple[str, list[str]]:
    """The message's part on the first line (after `head`) and its continuation lines, broken
    at spaces to fit `width` (None: one line)."""
    if width is None or len(head) + len(message) <= width:
        return message, []
    import textwrap

    lines = textwrap.wrap(
        head + message, width, subsequent_indent="    ", break_long_words=False, break_on_hyphens=False
    )
    if not lines or not lines[0].startswith(head.rstrip()):
        return message, []
    return lines[0][len(head) :] if len(lines[0]) >= len(head) else "", lines[1:]


class PlainConsole:
    """The few Console calls the reporter makes, writing text without styles."""

    width = None  # a file or a pipe: one line per finding, never wrapped (grep, editors)

    def __init__(self, stream):
        self.stream = stream

    def print(self, *segments) -> None:
        self.stream.write("".join([text for text, _style in segments]) + "\n")


class RichConsole:
    def __init__(self, stream, forced: bool = False):
        from rich.console import Console  # only for colour on a terminal

        self.console = Console(
            file=stream, highlight=False, soft_wrap=True, emoji=False, force_terminal=True if forced else None
        )
        self.width = self.console.width if self.console.is_terminal else None

    def print(self, *segments) -> None:
        from rich.text import Text

        self.console.print(Text.assemble(*segments) if segments else "")


class TextReporter:
    def __init__(self, stream, unsafe_fixes: bool = False, color: str = "auto", **_):
        self.console = RichConsole(stream, color == "always") if wants_colour(stream, color) else PlainConsole(stream)
        self.unsafe_fixes = unsafe_fixes

    def report(self, results, summary) -> None:
        out = self.console
        for result in results:
            if result.error:
                out.print(
                    (printable(result.path), "bold"),
                    (": ", ""),
                    ("error", "bold red"),
                    (": ", ""),
                    (printable(result.error), ""),
                )
            for finding in result.findings:
                self._finding(finding, result.source)
        out.print((summary.line(), "bold"))

    def _finding(self, f, source) -> None:
        out = self.console
        applies = f.fix is not None and (f.fix.applicability == Applicability.SAFE or self.unsafe_fixes)
        # A notebook's finding is shown in its cell (`cell 3:2:5`); elsewhere at the file's line.
        in_cell = source.display(f) if hasattr(source, "display") else None
        where = printable("%s:%s:" % (f.path, in_cell[0]) if in_cell else "%s:%d:%d:" % (f.path, f.line, f.column))
        marker = "[*] " if applies else ""
        first, rest = _wrapped(printable(f.message), "%s %s %s" % (where, f.code, marker), out.width)
        out.print(
            (where, "bold"),
            (" ", ""),
            (f.code, SEVERITY_STYLE[f.severity.value]),
            (" ", ""),
            (marker, "cyan"),
            (first, ""),
        )
        for line in rest:
            out.print((line, ""))
        if in_cell:
            self._frame(f, in_cell[0].rsplit(":", 2)[1], in_cell[1], in_cell[2], in_cell[3])
        elif source is not None and 1 <= f.line <= source.line_count:
            line_text = source.line_text(f.line)
            self._frame(
                f, str(f.line), line_text, f.column, f.end_column if f.end_line == f.line else len(line_text) + 1
            )
        if f.fix is not None:
            label = "fix" if f.fix.applicability == Applicability.SAFE else "unsafe fix"
            # the `=` sits under the gutter's `|`, whatever the width of the line number
            out.print(
                ("%s = " % (" " * len(str(f.line))), ""), (label, "cyan"), (": ", ""), (printable(f.fix.message), "")
            )
        out.print()

    def _frame(self, f, gutter: str, line_text: str, column: int, end_column: int) -> None:
        line_text = printable(line_text).replace("\t", " ")
        pad = " " * len(gutter)
        # Wide characters (CJK) take two terminal cells: measure in cells, not characters.
        indent = cell_width(line_text[: column - 1])
        width = max(1, cell_width(line_text[column - 1 : end_column - 1]))
        self.console.print(("%s |" % pad, "blue"))
        self.console.print(("%s | " % gutter, "blue"), (line_text, ""))
        self.console.print(("%s | " % pad, "blue"), (" " * indent + "^" * width, SEVERITY_STYLE[f.severity.value]))
