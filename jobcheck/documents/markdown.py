"""Markdown guides: fenced code blocks (``` and ~~~, at any indentation, inside list items and block
quotes) found by markdown-it-py, which follows CommonMark and gives each block's lines."""

from __future__ import annotations

from .blocks import make_block
from .mapping import Block, Line, Mapped


def markdown_blocks(document: Mapped, cell: int | None = None) -> list[Block]:
    from markdown_it import MarkdownIt

    lines = document.lines()
    blocks = []
    for token in MarkdownIt("commonmark").parse(document.text):
        if token.type != "fence" or token.map is None:
            continue
        content = token.content.split("\n")
        if content and content[-1] == "":
            content.pop()
        first = token.map[0] + 1
        block_lines: list[Line] = []
        for k, wanted in enumerate(content):
            if first + k >= len(lines):
                break
            line = _content_line(lines[first + k], wanted)
            if line is None:
                block_lines = []
                break  # markdown-it changed the line (a tab split by the indentation): say nothing
            block_lines.append(line)
        if not block_lines:
            continue
        closing = first + len(content)
        end, end_prefix = _end(lines, closing, document)
        block = make_block(token.info, block_lines, end, end_prefix, cell)
        if block is not None:
            blocks.append(block)
    return blocks


def _content_line(doc_line: Mapped, wanted: str) -> Line | None:
    text = doc_line.text
    if not text.endswith(wanted):
        wanted = wanted.lstrip(" \t")
        if not text.endswith(wanted):
            return None
    column = len(text) - len(wanted)
    return Line(wanted, doc_line.offsets[column:], text[:column])


def _end(lines: list[Mapped], closing: int, document: Mapped) -> tuple[int, str]:
    """Where text appended to the block goes: after the closing fence line's indentation (or at
    the end of the document for a fence that is never closed)."""
    if closing >= len(lines):
        return document.offsets[len(document.text)], ""
    fence = lines[closing].text
    indent = len(fence) - len(fence.lstrip(" \t>"))
    return lines[closing].offsets[indent], fence[:indent]
