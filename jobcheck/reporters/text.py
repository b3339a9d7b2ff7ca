"""--format text: findings grouped by file, each with the source line, a caret and the fix.

Colour comes from rich and only on a terminal (FORCE_COLOR forces it); NO_COLOR turns it off.
"""

from __future__ import annotations

import os

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ..rule import Applicability
from ._clean import printable

SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}


class TextReporter:
    def __init__(self, stream, unsafe_fixes: bool = False, **_):
        # NO_COLOR (no-color.org): no escape codes at all, not even bold.
        plain = bool(os.environ.get("NO_COLOR"))
        self.console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False,
                               color_system=None if plain else "auto")
        self.unsafe_fixes = unsafe_fixes

    def report(self, results, summary) -> None:
        out = self.console
        for result in results:
            if result.error:
                out.print(Text.assemble((printable(result.path), "bold"), ": ", ("error", "bold red"), ": ",
                                        printable(result.error)))
            for finding in result.findings:
                self._finding(finding, result.source)
        out.print(Text(summary.line(), style="bold"))

    def _finding(self, f, source) -> None:
        out = self.console
        applies = f.fix is not None and (f.fix.applicability == Applicability.SAFE or self.unsafe_fixes)
        header = Text.assemble(
            (printable("%s:%d:%d:" % (f.path, f.line, f.column)), "bold"), " ",
            (f.code, SEVERITY_STYLE[f.severity.value]), " ",
            ("[*] " if applies else "", "cyan"),
            printable(f.message),
        )
        out.print(header)
        if source is not None and 1 <= f.line <= source.line_count:
            self._frame(f, source)
        if f.fix is not None:
            label = "fix" if f.fix.applicability == Applicability.SAFE else "unsafe fix"
            out.print(Text.assemble("   = ", (label, "cyan"), ": ", printable(f.fix.message)))
        out.print()

    def _frame(self, f, source) -> None:
        line_text = printable(source.line_text(f.line)).replace("\t", " ")
        gutter = str(f.line)
        pad = " " * len(gutter)
        end_column = f.end_column if f.end_line == f.line else len(line_text) + 1
        # Wide characters (CJK) take two terminal cells: measure in cells, not characters.
        indent = cell_len(line_text[:f.column - 1])
        width = max(1, cell_len(line_text[f.column - 1:end_column - 1]))
        self.console.print(Text("%s |" % pad, style="blue"))
        self.console.print(Text.assemble(("%s | " % gutter, "blue"), line_text))
        self.console.print(Text.assemble(("%s | " % pad, "blue"),
                                         (" " * indent + "^" * width, SEVERITY_STYLE[f.severity.value])))
