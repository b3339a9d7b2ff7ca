"""Source: the bytes of one file, decoded faithfully, with an offset <-> line/column index.

This is the only module that touches encodings. Everything downstream works on `Source.text`
(a `str`) and character offsets into it; `Source.encode()` gives back the original bytes for
any text that was not edited, byte for byte.

Decoding rules:
- a UTF-8 BOM is stripped from the text and remembered;
- a UTF-16 BOM (LE or BE) selects UTF-16;
- otherwise UTF-8 with `surrogateescape`, so a latin-1 or otherwise invalid byte becomes one
  lone surrogate character and is written back unchanged;
- a NUL byte (outside UTF-16) marks the file as not text: it is not parsed.
"""

from __future__ import annotations

import bisect
import codecs
import os
from dataclasses import dataclass, field
from typing import NamedTuple

UTF8_BOM = codecs.BOM_UTF8
UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class Stamp(NamedTuple):
    """What a file was when it was read: compared again just before a fix replaces it."""

    size: int
    mtime_ns: int
    # The bytes as read (the Source's own `raw`, not a copy): compared byte for byte, which is
    # exact, and costs nothing until a fix is written (a digest was computed for every file).
    content: bytes

    @classmethod
    def of(cls, info: os.stat_result, data: bytes) -> Stamp:
        return cls(info.st_size, info.st_mtime_ns, data)


class Position(NamedTuple):
    """1-based line and column, counted in characters."""

    line: int
    column: int


@dataclass
class Source:
    """A file's bytes and its decoded text, with the encoding, BOM and line endings to write it back."""

    path: str
    raw: bytes
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    newline: str = "\n"
    binary_offset: int | None = None  # offset of the first NUL byte, if any
    stamp: Stamp | None = None  # the file as read (None for stdin and edits)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def from_bytes(cls, raw: bytes, path: str = "-") -> Source:
        bom = b""
        encoding = "utf-8"
        for mark, name in UTF16_BOMS:
            if raw.startswith(mark):
                bom, encoding = mark, name
                break
        else:
            if raw.startswith(UTF8_BOM):
                bom = UTF8_BOM
        body = raw[len(bom) :]
        binary_offset = None
        if encoding == "utf-8":
            nul = body.find(b"\x00")
            if nul >= 0:
                binary_offset = nul
            text = body.decode("utf-8", "surrogateescape")
        else:
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError:
                # A UTF-16 BOM on bytes that are not UTF-16: keep them faithfully as UTF-8 text.
                bom, encoding = b"", "utf-8"
                text = raw.decode("utf-8", "surrogateescape")
                nul = raw.find(b"\x00")
                binary_offset = nul if nul >= 0 else None
        newline = "\r\n" if "\r\n" in text else "\n"
        return cls(
            path=path, raw=raw, text=text, encoding=encoding, bom=bom, newline=newline, binary_offset=binary_offset
        )

    @classmethod
    def from_text(cls, text: str, path: str = "-") -> Source:
        return cls.from_bytes(text.encode("utf-8", "surrogateescape"), path)

    @property
    def is_binary(self) -> bool:
        return self.binary_offset is not None

    def encode(self, text: str | None = None) -> bytes:
        """The bytes of `text` (default: this source's text) in this file's encoding and BOM."""
        text = self.text if text is None else text
        if self.encoding == "utf-8":
            return self.bom + text.encode("utf-8", "surrogateescape")
        return self.bom + text.encode(self.encoding)

    def derive(self, text: str) -> Source:
        """A Source for edited text that keeps this file's path, encoding, BOM and line endings."""
        return Source.from_bytes(self.encode(text), self.path)

    # ---- offsets <-> positions -------------------------------------------------------------

    @property
    def line_starts(self) -> list[int]:
        if not self._line_starts:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        line_index = bisect.bisect_right(self.line_starts, offset) - 1
        return Position(line_index + 1, offset - self.line_starts[line_index] + 1)

    def offset(self, line: int, column: int) -> int:
        return self.line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    @property
    def line_count(self) -> int:
        return len(self.line_starts)


class SourceExcerpt:
    """What the reporters read of a checked file, and no more: the lines findings point at and
    the positions of fix edits. A run over thousands of files keeps one of these per file
    instead of its whole text (and workers send it back instead of the file)."""

    __slots__ = ("_lines", "_positions", "line_count", "path")

    def __init__(self, source: Source, findings) -> None:
        self.path = source.path
        self.line_count = source.line_count
        self._lines: dict[int, str] = {}
        self._positions: dict[int, Position] = {}
        for finding in findings:
            if 1 <= finding.line <= self.line_count:
                self._lines[finding.line] = source.line_text(finding.line)
            if finding.fix is not None:
                for edit in finding.fix.edits:
                    for offset in (edit.start, edit.end):
                        self._positions[offset] = source.position(offset)

    def line_text(self, line: int) -> str:
        return self._lines[line]

    def position(self, offset: int) -> Position:
        return self._positions[offset]
