"""Jupyter notebooks: `%%bash`, `%%sh`, `%%script bash` and `%%writefile job.sh` cells, `!sbatch ...`
lines of Python cells, and the fenced blocks of Markdown cells.

A notebook is JSON, and its code lives inside JSON strings. The file is read with a small
scanner that keeps where each string starts, so every character of a cell maps to the
characters of the file that hold it (an escape like `\\n` or `\\u00e9` is one character of the
cell): findings carry the file's own line and column, and fixes are written back as JSON text
into exactly those characters.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
from collections.abc import Callable

from ..model.source import SourceExcerpt
from ..patterns import lazy
from .blocks import make_block
from .mapping import Block, Line, Mapped

WHITESPACE = lazy(r"[ \t\n\r]*")
NUMBER = lazy(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
LITERALS = {"true": True, "false": False, "null": None}
SHELL_MAGIC = lazy(r"^%%(?:bash|sh|script\s+(?:ba|z|k|da)?sh)\b")
WRITEFILE_MAGIC = lazy(r"^%%writefile(?:\s+(?:-a|--append))?\s+(\S+)")
SHELL_ESCAPE = lazy(r"^[ \t]*!(?!=)")
# json's own string scanner (C or pure Python), which reports where the string ends; typeshed
# does not list it.
scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


class NotebookError(ValueError):
    """Not a notebook: not JSON, or no list of cells."""


class Spanned(str):
    """A JSON string that knows where its opening quote is in the file."""

    start: int


def notebook_blocks(text: str) -> tuple[list[Block], list[Mapped | None]]:
    """The blocks to check, and each cell's text with its offsets (for positions in cells)."""
    try:
        value, end = _value(text, 0)
    except (IndexError, ValueError, RecursionError) as exc:
        raise NotebookError("not a notebook: the file is not valid JSON (%s)" % exc) from None
    if _skip_space(text, end) != len(text) or not isinstance(value, dict) or not isinstance(value.get("cells"), list):
        raise NotebookError("not a notebook: no list of cells")
    blocks: list[Block] = []
    cells: list[Mapped | None] = []  # None: a cell with no text (kept: cells are found by index)
    for index, cell in enumerate(value["cells"]):
        mapped = _cell_text(text, cell.get("source") if isinstance(cell, dict) else None)
        cells.append(mapped)
        if mapped is None or not mapped.text.strip():
            continue
        kind = cell.get("cell_type")
        if kind == "markdown":
            from .markdown import markdown_blocks

            blocks.extend(markdown_blocks(mapped, cell=index))
        elif kind == "code":
            block = _code_cell(mapped, index)
            if block is not None:
                blocks.append(block)
    return blocks, cells


def _code_cell(cell: Mapped, index: int) -> Block | None:
    lines = cell.lines()
    end = cell.offsets[len(cell.text)]
    first = lines[0].text
    written = WRITEFILE_MAGIC.match(first)
    if SHELL_MAGIC.match(first) or written:
        language = "python" if written and written.group(1).lower().endswith(".py") else "shell"
        return make_block("", [Line.of(line) for line in lines[1:]], end, "", index, language)
    if not any(SHELL_ESCAPE.match(line.text) for line in lines):
        return None
    escaped = []
    for line in lines:
        bang = SHELL_ESCAPE.match(line.text)
        if bang is None:
            escaped.append(Line.blank(line.offsets[0]))
        else:
            escaped.append(Line(line.text[bang.end() :], line.offsets[bang.end() :], "", True))
    block = make_block("sh", escaped, end, "", index)
    if block is not None:
        block.job = False  # `!` lines are typed commands, whatever they look like
    return block


def _cell_text(text: str, source) -> Mapped | None:
    parts = [source] if isinstance(source, Spanned) else source if isinstance(source, list) else None
    if parts is None or not all(isinstance(part, Spanned) for part in parts):
        return None
    chars: list[str] = []
    offsets: list[int] = []
    end = 0
    for part in parts:
        part_offsets, end = _string_offsets(text, part.start)
        if len(part_offsets) != len(part):
            return None  # a string this scanner reads differently than json does: say nothing
        chars.append(part)
        offsets.extend(part_offsets)
    offsets.append(end)
    return Mapped("".join(chars), offsets)


def _string_offsets(text: str, quote: int) -> tuple[list[int], int]:
    """File offset of each character of the JSON string whose opening quote is at `quote`, and of
    its closing quote."""
    offsets = []
    i = quote + 1
    while text[i] != '"':
        offsets.append(i)
        if text[i] != "\\":
            i += 1
        elif text[i + 1] != "u":
            i += 2
        else:
            code = int(text[i + 2 : i + 6], 16)
            low = text[i + 8 : i + 12] if text[i + 6 : i + 8] == "\\u" else ""
            pair = 0xD800 <= code <= 0xDBFF and low and 0xDC00 <= int(low, 16) <= 0xDFFF
            i += 12 if pair else 6
    return offsets, i


def _skip_space(text: str, i: int) -> int:
    """The offset of the first character at or after i that is not JSON white space."""
    space = WHITESPACE.match(text, i)
    return space.end() if space else i  # it always matches (possibly nothing)


def _value(text: str, i: int):
    i = _skip_space(text, i)
    char = text[i]
    if char == '"':
        value, end = scanstring(text, i + 1, True)
        spanned = Spanned(value)
        spanned.start = i
        return spanned, end
    if char in "{[":
        closing = "}" if char == "{" else "]"
        items: list = []
        i = _skip_space(text, i + 1)
        if text[i] == closing:
            return ({} if char == "{" else []), i + 1
        while True:
            if char == "{":
                key, i = _value(text, i)
                i = _skip_space(text, i)
                if not isinstance(key, str) or text[i] != ":":
                    raise ValueError("expected a key and ':' at offset %d" % i)
                item, i = _value(text, i + 1)
                items.append((str(key), item))
            else:
                item, i = _value(text, i)
                items.append(item)
            i = _skip_space(text, i)
            if text[i] == closing:
                return (dict(items) if char == "{" else items), i + 1
            if text[i] != ",":
                raise ValueError("expected ',' or '%s' at offset %d" % (closing, i))
            i += 1
    for word, literal in LITERALS.items():
        if text.startswith(word, i):
            return literal, i + len(word)
    number = NUMBER.match(text, i)
    if number is None or number.end() == i:
        raise ValueError("unexpected %r at offset %d" % (char, i))
    return json.loads(number.group()), number.end()


class NotebookExcerpt(SourceExcerpt):
    """What the reporters read of a notebook: the file's lines and positions (JSON, SARIF and
    the other machine formats point into the .ipynb file itself), and for people each finding
    as `cell N:LINE:COLUMN` with the cell's own line."""

    __slots__ = ("_cells",)

    def __init__(self, source, findings, cells: list[Mapped | None]) -> None:
        super().__init__(source, findings)
        self._cells: dict[tuple[int, int], tuple[str, str, int, int]] = {}
        for finding in findings:
            shown = _in_cell(cells, finding.start, finding.end)
            if shown is not None:
                self._cells[(finding.start, finding.end)] = shown

    def display(self, finding) -> tuple[str, str, int, int] | None:
        """(`cell N:LINE:COLUMN`, the cell line, column, end column) or None (not in a cell)."""
        return self._cells.get((finding.start, finding.end))


def _in_cell(cells: list[Mapped | None], start: int, end: int) -> tuple[str, str, int, int] | None:
    for number, cell in enumerate(cells, 1):
        if cell is None or not cell.offsets or not cell.offsets[0] <= start <= cell.offsets[-1]:
            continue
        index = min(bisect.bisect_left(cell.offsets, start), len(cell.text))
        stop = max(index, min(bisect.bisect_left(cell.offsets, end), len(cell.text)))
        line_start = cell.text.rfind("\n", 0, index) + 1
        line_end = cell.text.find("\n", index)
        line_end = len(cell.text) if line_end < 0 else line_end
        line = cell.text.count("\n", 0, index) + 1
        column = index - line_start + 1
        end_column = min(stop, line_end) - line_start + 1
        return "cell %d:%d:%d" % (number, line, column), cell.text[line_start:line_end], column, end_column
    return None


def cell_place(cells: list[Mapped | None], offset: int) -> str:
    """`line L of cell N` for a file offset inside a cell (a message naming another line)."""
    shown = _in_cell(cells, offset, offset)
    if shown is None:
        return "offset %d" % offset
    number, line, _column = shown[0][len("cell ") :].split(":")
    return "line %s of cell %s" % (line, number)
