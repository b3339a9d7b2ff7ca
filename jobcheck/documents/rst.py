"""reStructuredText guides: `.. code-block:: bash`, `.. code:: bash`, `.. sourcecode::` blocks, and
`::` literal blocks that are job scripts, found by docutils' own parser.

docutils gives each block's text but no reliable line for blocks nested in lists or
directives, so each block is found in the document after the previous one: its lines, under
one common indentation, in order.
"""

from __future__ import annotations

from .blocks import make_block
from .mapping import Block, Line, Mapped


def rst_blocks(document: Mapped) -> list[Block]:
    lines = document.lines()
    blocks = []
    cursor = 0
    for info, text, literal_only in _literal_blocks(document.text):
        wanted = text.split("\n")
        found = _find(lines, wanted, cursor)
        if found is None:
            continue
        first, indent = found
        cursor = first + len(wanted)
        block_lines = [
            Line(line.text[indent:], line.offsets[indent:], line.text[:indent])
            if len(line.text) >= indent
            else Line("", line.offsets[-1:], line.text)
            for line in lines[first:cursor]
        ]
        end = lines[cursor - 1].offsets[-1]
        block = make_block(info, block_lines, end, "", None)
        if block is not None and (block.job or not literal_only):
            block.appendable = False
            blocks.append(block)
    return blocks


def _literal_blocks(text: str):
    """(language, text, is a plain `::` block) for each literal block, in document order."""
    import docutils.nodes
    import docutils.utils
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser

    parser = Parser()
    settings = get_default_settings(Parser)
    settings.report_level = settings.halt_level = 5  # unknown roles and directives (Sphinx's) are no concern here
    settings.warning_stream = False
    settings.syntax_highlight = "none"
    settings.file_insertion_enabled = settings.raw_enabled = False  # read nothing but this text
    document = docutils.utils.new_document("<guide>", settings)
    parser.parse(text, document)
    for node in document.findall(docutils.nodes.literal_block):
        if _inside_message(node):
            continue
        classes: list[str] = node.get("classes", [])
        language = classes[classes.index("code") + 1] if "code" in classes[:-1] else ""
        body = node.rawsource if "code" in classes else node.astext()
        if body.strip():
            yield language, body.rstrip("\n"), "code" not in classes


def _inside_message(node) -> bool:
    import docutils.nodes

    while node is not None:
        if isinstance(node, docutils.nodes.system_message):
            return True
        node = node.parent
    return False


def _find(lines: list[Mapped], wanted: list[str], start: int) -> tuple[int, int] | None:
    """The first line and the indentation at which `wanted` stands, from line `start` on."""
    head = wanted[0]
    for first in range(start, len(lines) - len(wanted) + 1):
        text = lines[first].text
        if not text.endswith(head) or text[: len(text) - len(head)].strip(" "):
            continue
        indent = len(text) - len(head)
        if all(_same(lines[first + k].text, line, indent) for k, line in enumerate(wanted)):
            return first, indent
    return None


def _same(text: str, wanted: str, indent: int) -> bool:
    if not wanted.strip():
        return not text.strip()
    return text[:indent].strip(" ") == "" and text[indent:] == wanted
