"""Which files are documents, by name (the walk and the run ask this before reading anything)."""

from __future__ import annotations

import os

MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown", ".mdown", ".mkd"})
RST_EXTENSIONS = frozenset({".rst", ".rest"})
NOTEBOOK_EXTENSIONS = frozenset({".ipynb"})
DOCUMENT_EXTENSIONS = MARKDOWN_EXTENSIONS | RST_EXTENSIONS | NOTEBOOK_EXTENSIONS


def document_kind(path: str) -> str | None:
    """'markdown', 'rst', 'notebook', or None for a file that is no document."""
    ext = os.path.splitext(path)[1].lower()
    if ext in MARKDOWN_EXTENSIONS:
        return "markdown"
    if ext in RST_EXTENSIONS:
        return "rst"
    if ext in NOTEBOOK_EXTENSIONS:
        return "notebook"
    return None


def is_document(path: str) -> bool:
    return document_kind(path) is not None
