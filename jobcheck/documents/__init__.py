"""Guides as jobcheck reads them: the code blocks of Markdown, reStructuredText and Jupyter
notebook documents, checked as the job scripts and command sessions they show.

    check_document(linter, source)   -> FileResult in the document's own lines and columns
    document_parses(linter, source)  -> whether every block still parses (the fixer's last check)

The text outside the code blocks is never checked and never changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model.source import Source
from .kinds import DOCUMENT_EXTENSIONS, document_kind, is_document

if TYPE_CHECKING:
    from ..engine.linter import FileResult, Linter
    from .mapping import Block


def blocks_of(source: Source) -> tuple[list[Block], list | None]:
    """The document's blocks to check, and (notebooks) each cell's text with its offsets."""
    from .mapping import Mapped

    kind = document_kind(source.path)
    if kind == "notebook":
        from .notebook import notebook_blocks

        return notebook_blocks(source.text)
    if kind == "rst":
        from .rst import rst_blocks

        return rst_blocks(Mapped.whole(source.text)), None
    from .markdown import markdown_blocks

    return markdown_blocks(Mapped.whole(source.text)), None


def check_document(linter: Linter, source: Source) -> FileResult:
    # Here, not at the top: every run reads .kinds (which files are guides), and the engine
    # would load with it even for runs that check no guide.
    from ..engine.linter import FileResult
    from .check import check_blocks

    if source.is_binary:
        return FileResult(source.path, error="not a text file: it contains a NUL byte")
    try:
        blocks, cells = blocks_of(source)
    except ValueError as exc:  # a notebook that is not JSON
        return FileResult(source.path, error=str(exc))
    except Exception as exc:  # a parser's own bug must not stop the run (the other files are checked)
        return FileResult(
            source.path, error="could not read the document's code blocks: %s: %s" % (type(exc).__name__, exc)
        )
    if cells is None:
        return check_blocks(linter, source, blocks)
    from .notebook import NotebookExcerpt, cell_place

    result = check_blocks(linter, source, blocks, escape_json=True, where=lambda offset: cell_place(cells, offset))
    result.source = NotebookExcerpt(source, result.findings, cells)
    return result


def document_parses(linter: Linter, source: Source) -> bool:
    from .mapping import VirtualSource

    if source.is_binary:
        return False
    try:
        blocks, _ = blocks_of(source)
    except Exception:
        return False
    runs = [VirtualSource.join([block]) for block in blocks if block.job]
    session = [block for block in blocks if not block.job]
    if session:
        runs.append(VirtualSource.join(session))
    return all(linter.parses(Source.from_text(run.text, source.path)) for run in runs)


__all__ = ["DOCUMENT_EXTENSIONS", "check_document", "document_kind", "document_parses", "is_document"]
