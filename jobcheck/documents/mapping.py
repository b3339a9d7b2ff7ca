"""Code taken out of a document, and the way back: every character of a block's text knows the
offset in the document it came from.

A document front end cuts a block into `Line`s (the text a shell or Python reader sees, without
the document's indentation, block-quote markers, prompts or JSON escapes) and `VirtualSource`
joins lines into the text the engine checks. Findings and fix edits come back through the same
offsets: a finding's range covers the characters it covered in the block, and an edit replaces
exactly the characters of the block it replaced, so everything outside the code stays
byte-identical.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ..model.source import Source
from ..rule import Edit


@dataclass
class Mapped:
    """Text with the document offset of each character, and of its end (len(text) + 1 offsets)."""

    text: str
    offsets: Sequence[int]

    @classmethod
    def whole(cls, text: str) -> Mapped:
        return cls(text, range(len(text) + 1))

    def cut(self, start: int, end: int) -> Mapped:
        return Mapped(self.text[start:end], self.offsets[start : end + 1])

    def lines(self) -> list[Mapped]:
        """The lines without their endings ("\\r\\n" or "\\n"); each one's last offset is where its
        line ending starts in the document."""
        found = []
        start = 0
        text = self.text
        while start <= len(text):
            end = text.find("\n", start)
            if end < 0:
                if start < len(text):
                    found.append(self.cut(start, len(text)))
                break
            stop = end - 1 if end > start and text[end - 1] == "\r" else end
            found.append(self.cut(start, stop))
            start = end + 1
        return found


@dataclass
class Line:
    """One line of a block as the checker reads it."""

    text: str
    offsets: Sequence[int]  # len(text) + 1: each character's document offset, then the line end's
    prefix: str = ""  # what the document puts before a line of this block (indentation, '> ')
    editable: bool = True  # False: an output line of a console block, a Python line of a notebook cell
    replaced: tuple[tuple[int, int], ...] = ()  # spans (in `text`) whose characters a placeholder stands in for
    original: str | None = None  # the text before placeholders were replaced

    @classmethod
    def of(cls, mapped: Mapped, prefix: str = "", editable: bool = True) -> Line:
        return cls(mapped.text, mapped.offsets, prefix, editable)

    @classmethod
    def blank(cls, at: int) -> Line:
        return cls("", (at,), "", False)


@dataclass
class Block:
    """A code block of a document: its lines and what it is."""

    language: str  # 'shell' or 'python'
    lines: list[Line]
    job: bool = False  # a job script, checked alone; else part of the document's session
    cell: int | None = None  # the notebook cell it is in (0-based), for positions
    end: int = 0  # document offset just after the block's last line (its closing fence)
    end_prefix: str = ""  # the prefix of the line at `end` (where text appended to the block goes)
    appendable: bool = True  # False: nothing marks where the block ends, so no fix may add text there


@dataclass
class VirtualSource:
    """The text the engine checks for one job block, or for a document's session of blocks."""

    text: str
    offsets: list[int]  # len(text) + 1
    editable: bytearray  # per character of `text` (and its end): may a fix change it?
    line_prefix: list[str]  # per line of `text`
    escape_json: bool = False  # a notebook: edit content goes inside a JSON string
    blocks: list[Block] = field(default_factory=list)
    placed: list[tuple[Line, int]] = field(default_factory=list)  # each block line and where it starts in `text`

    @classmethod
    def join(cls, blocks: list[Block], escape_json: bool = False) -> VirtualSource:
        parts: list[str] = []
        offsets: list[int] = []
        editable = bytearray()
        prefixes: list[str] = []
        placed: list[tuple[Line, int]] = []
        for number, block in enumerate(blocks):
            for line in block.lines:
                placed.append((line, len(offsets)))
                parts.append(line.text + "\n")
                offsets.extend(line.offsets)
                flags = bytearray([1 if line.editable else 0]) * (len(line.text) + 1)
                for start, end in line.replaced:
                    flags[start:end] = bytes(end - start)
                editable.extend(flags)
                prefixes.append(line.prefix)
            if number + 1 < len(blocks) and block.lines:
                # The prose between two blocks: a blank line no fix may touch, which also ends a
                # command whose last line ends in `\` (it must not run on into the next block).
                editable[-1] = 0
                parts.append("\n")
                offsets.append(block.lines[-1].offsets[-1])
                editable.append(0)
                prefixes.append("")
        last = blocks[-1] if blocks else None
        offsets.append(last.end if last is not None else 0)
        editable.append(1 if last is not None and last.appendable else 0)
        prefixes.append(last.end_prefix if last is not None else "")
        return cls("".join(parts), offsets, editable, prefixes, escape_json, list(blocks), placed)

    @cached_property
    def line_starts(self) -> list[int]:
        return Source.from_text(self.text).line_starts

    def to_document(self, offset: int) -> int:
        return self.offsets[max(0, min(offset, len(self.offsets) - 1))]

    def edit(self, edit: Edit) -> Edit | None:
        """The document edit for a block edit, or None when it would touch text that is not code
        (an output line, a placeholder, the Python of a notebook cell)."""
        if edit.end < edit.start or edit.end > len(self.text):
            return None
        # An insertion touches the character it is inserted before.
        touched = self.editable[edit.start : max(edit.end, edit.start + 1)]
        if 0 in touched:
            return None
        content = edit.content
        if "\n" in content:
            line = self.text.count("\n", 0, edit.start)
            content = content.replace("\n", "\n" + self.line_prefix[line])
        if self.escape_json:
            content = json.dumps(content, ensure_ascii=False)[1:-1]
        return Edit(self.to_document(edit.start), self.to_document(edit.end), content)
