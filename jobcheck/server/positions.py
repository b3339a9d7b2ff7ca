"""Offsets in jobcheck's text <-> LSP positions.

jobcheck counts lines by `\\n` and columns in characters (code points); an LSP client counts
columns in the position encoding agreed at start-up (UTF-16 code units unless the client offers
UTF-8 or UTF-32). Only a line with a character outside ASCII needs converting.
"""

from __future__ import annotations

from lsprotocol import types

from ..model.source import Source

UNITS = {
    "utf-8": lambda ch: len(ch.encode("utf-8", "surrogatepass")),
    "utf-16": lambda ch: 2 if ord(ch) > 0xFFFF else 1,
    "utf-32": lambda ch: 1,
}


class Positions:
    def __init__(self, source: Source, encoding: str = "utf-16"):
        self.source = source
        self.units = UNITS.get(str(encoding), UNITS["utf-16"])
        self.utf32 = str(encoding) == "utf-32"

    def position(self, offset: int) -> types.Position:
        where = self.source.position(offset)
        line = self.source.line_text(where.line) if where.line <= self.source.line_count else ""
        before = line[: where.column - 1]
        if self.utf32 or before.isascii():
            character = where.column - 1
        else:
            character = sum(self.units(ch) for ch in before) + max(0, where.column - 1 - len(before))
        return types.Position(line=where.line - 1, character=character)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        """The character offset of an LSP position (clamped to the text)."""
        if position.line >= self.source.line_count:
            return len(self.source.text)
        line = self.source.line_text(position.line + 1)
        if self.utf32 or line.isascii():
            column = min(position.character, len(line))
        else:
            column = counted = 0
            while column < len(line) and counted < position.character:
                counted += self.units(line[column])
                column += 1
        return self.source.line_starts[position.line] + column
