"""tree-sitter-bash front end: parses everything bashlex cannot, with error recovery.

tree-sitter reports byte offsets; they are turned into character offsets here so the model is
the same as bashlex's. The walk is iterative, so deep nesting cannot overflow Python's stack.
"""

from __future__ import annotations

import bisect
import operator
import os
import re
from itertools import accumulate
from typing import Any

from .raw_commands import RawCommand

_parser = None
# Node kind names by kind id. `node.type` builds a new string on every call, which was a third
# of the time this module spends on a large script; the id looks up the same name here.
_NAMES: dict[int, str] = {}
ERROR_KIND_ID = 0xFFFF  # tree-sitter's built-in ERROR symbol, outside the grammar's own ids


def _get_parser():
    global _parser
    if _parser is None:
        import tree_sitter

        language = tree_sitter.Language(_bash_grammar())
        _NAMES.update((i, language.node_kind_for_id(i) or "") for i in range(language.node_kind_count))
        _NAMES[ERROR_KIND_ID] = "ERROR"
        _parser = tree_sitter.Parser(language)
    return _parser


def _bash_grammar() -> Any:
    """tree-sitter-bash's compiled grammar (a capsule). Loaded from the package's `_binding`
    extension directly: the package's `__init__` imports importlib.resources (with pathlib,
    tempfile, zipfile, urllib behind it) for a highlighting query jobcheck never reads, which
    cost a small file's run more than the parse itself. Any other layout: the normal import."""
    import importlib.machinery
    import importlib.util

    spec = importlib.util.find_spec("tree_sitter_bash")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(folder, "_binding" + suffix)
            if os.path.isfile(path):
                binding_spec = importlib.util.spec_from_file_location("tree_sitter_bash._binding", path)
                if binding_spec is not None and binding_spec.loader is not None:
                    binding = importlib.util.module_from_spec(binding_spec)
                    binding_spec.loader.exec_module(binding)
                    return binding.language()
    import tree_sitter_bash

    return tree_sitter_bash.language()


def _kind(node) -> str:
    return _NAMES[node.kind_id]


def _utf8_len(ch: str) -> int:
    cp = ord(ch)
    if cp < 0x80:
        return 1
    if cp < 0x800:
        return 2
    if 0xD800 <= cp <= 0xDFFF:
        return 1  # a surrogate-escaped byte
    if cp < 0x10000:
        return 3
    return 4


def _offsets(text: str, data: bytes):
    """The function from a byte offset to a character offset (the identity for ASCII text)."""
    if len(text) == len(data):
        return operator.index
    char_starts = [0] + list(accumulate(_utf8_len(c) for c in text))
    return lambda byte: bisect.bisect_right(char_starts, byte) - 1


WORD_TYPES = frozenset(
    {
        "word",
        "string",
        "raw_string",
        "ansi_c_string",
        "translated_string",
        "concatenation",
        "simple_expansion",
        "expansion",
        "command_substitution",
        "process_substitution",
        "number",
        "arithmetic_expansion",
        "array",
        "brace_expression",
    }
)
SUBSTITUTIONS = frozenset({"command_substitution", "process_substitution"})
SKIPPED = frozenset({"heredoc_body", "comment"})
COMMANDS = frozenset({"command", "declaration_command", "unset_command"})
REDIRECTS = frozenset({"file_redirect", "herestring_redirect"})
STATEMENT, SCAN = 0, 1


def parse(text: str) -> tuple[list[RawCommand], bool]:
    """Returns the raw commands and whether the tree has syntax errors."""
    data = text.encode("utf-8", "surrogateescape")
    tree = _get_parser().parse(data)
    return _convert(tree.root_node, data, _offsets(text, data)), tree.root_node.has_error


def _convert(root, data: bytes, at) -> list[RawCommand]:
    names = _NAMES
    out: list[RawCommand] = []
    stack: list[tuple[Any, int, int, str | None]] = [(root, STATEMENT, 0, None)]  # node, mode, depth, function
    pop, push = stack.pop, stack.append
    while stack:
        node, mode, depth, function = pop()
        kind = names[node.kind_id]
        if kind in SKIPPED:
            continue
        if kind in SUBSTITUTIONS:
            _push_children(stack, node, STATEMENT, depth + 1, function)
            continue
        if mode == SCAN:
            _push_children(stack, node, SCAN, depth, function)
            continue
        if kind in COMMANDS:  # the most common statement first
            out.append(_command(node, data, at, depth, function, stack, out))
            continue
        if kind == "function_definition":
            name_node = node.child_by_field_name("name")
            name = _text(data, name_node) if name_node is not None else None
            body = node.child_by_field_name("body")
            if body is not None:
                push((body, STATEMENT, depth, name))
            continue
        if kind == "redirected_statement":
            body = node.child_by_field_name("body")
            if body is not None and _kind(body) in COMMANDS:
                raw = _command(body, data, at, depth, function, stack, out)
                for child in node.children:
                    if child.id != body.id:
                        _redirect(child, data, at, raw, depth, function, stack)
                out.append(raw)
            else:
                _push_children(stack, node, STATEMENT, depth, function)
            continue
        if kind == "variable_assignment":
            raw = RawCommand(at(node.start_byte), at(node.end_byte), depth=depth, function=function)
            raw.prefix.append(_span(node, at))
            out.append(raw)
            _scan(stack, node, data, depth, function)
            continue
        if kind == "variable_assignments":
            raw = RawCommand(at(node.start_byte), at(node.end_byte), depth=depth, function=function)
            for child in node.named_children:
                if _kind(child) == "variable_assignment":
                    raw.prefix.append(_span(child, at))
            out.append(raw)
            _scan(stack, node, data, depth, function)
            continue
        if kind == "test_command":
            out.append(_test_command(node, at, depth, function))
            _scan(stack, node, data, depth, function)
            continue
        _push_children(stack, node, STATEMENT, depth, function)
    return out


def _push_children(stack, node, mode, depth, function) -> None:
    # Leaves (`;`, `fi`, `$`, a plain word) hold no command: they are not walked.
    stack.extend([(child, mode, depth, function) for child in reversed(node.children) if child.child_count])


# Text that can start a command inside a word: only a subtree holding one needs walking.
SUBSTITUTION_START_RE = re.compile(rb"[$<>]\(|`")


def _scan(stack, node, data: bytes, depth, function) -> None:
    """Walk `node` for commands nested in it, unless its text cannot hold any (most words)."""
    if SUBSTITUTION_START_RE.search(data, node.start_byte, node.end_byte):
        stack.append((node, SCAN, depth, function))


def _text(data: bytes, node) -> str:
    return data[node.start_byte : node.end_byte].decode("utf-8", "surrogateescape")


def _span(node, at) -> tuple[int, int]:
    if at is operator.index:
        return node.byte_range  # ASCII text: byte and character offsets agree
    start, end = node.byte_range
    return at(start), at(end)


def _command(node, data, at, depth, function, stack, out) -> RawCommand:
    """Appends to `out` any assignment statement split off the front; returns the command."""
    raw = RawCommand(at(node.start_byte), at(node.end_byte), depth=depth, function=function)
    names = _NAMES
    declaration = names[node.kind_id] != "command"
    # One search of the whole command instead of one per word: most hold no substitution at all.
    nested = SUBSTITUTION_START_RE.search(data, node.start_byte, node.end_byte) is not None
    ascii_text = at is operator.index
    words = raw.words
    previous_end = node.start_byte
    for index, child in enumerate(node.children):
        kind = names[child.kind_id]
        if kind == "command_name" and raw.prefix and _newline_between(data, previous_end, child.start_byte):
            # tree-sitter-bash glues `A=1 B=2<newline>cmd` into one command; bash runs two statements.
            out.append(raw)
            raw = RawCommand(at(child.start_byte), at(node.end_byte), depth=depth, function=function)
            words = raw.words
        previous_end = child.end_byte
        if (declaration and index == 0) or kind == "command_name":  # export / local / declare / unset ...
            words.append(child.byte_range if ascii_text else (at(child.start_byte), at(child.end_byte)))
        elif kind == "variable_assignment":
            (words if declaration or words else raw.prefix).append(_span(child, at))
        elif kind in REDIRECTS:
            _redirect(child, data, at, raw, depth, function, stack)
            continue
        elif child.is_named and kind != "comment":  # a word, an expansion, a string ...
            words.append(child.byte_range if ascii_text else (at(child.start_byte), at(child.end_byte)))
        if nested:
            _scan(stack, child, data, depth, function)
    return raw


def _newline_between(data: bytes, start: int, end: int) -> bool:
    return b"\n" in data[start:end].replace(b"\\\n", b"")


def _redirect(node, data, at, raw: RawCommand, depth, function, stack) -> None:
    kind = _kind(node)
    if kind == "heredoc_redirect":
        op = "<<"
        delimiter = body_start = None
        for child in node.children:
            child_kind = _kind(child)
            if child_kind in ("<<", "<<-"):
                op = child_kind
            elif child_kind == "heredoc_start":
                delimiter = child
            elif child_kind in ("heredoc_body", "heredoc_end") and body_start is None:
                body_start = at(child.start_byte)
            elif child_kind in REDIRECTS:
                _redirect(child, data, at, raw, depth, function, stack)
        if delimiter is not None:
            if body_start is None:  # unterminated and empty: the body would start on the next line
                nl = data.find(b"\n", delimiter.end_byte)
                body_start = at(len(data) if nl < 0 else nl + 1)
            raw.heredocs.append((op, _span(delimiter, at), body_start))
        return
    if kind not in REDIRECTS:
        return
    destination = node.child_by_field_name("destination")
    if destination is None:
        named = [c for c in node.named_children if _kind(c) != "file_descriptor"]
        destination = named[-1] if named else None
    if destination is None:
        return
    op = data[node.start_byte : destination.start_byte].decode("utf-8", "surrogateescape").strip()
    target = _text(data, destination)
    if op.endswith("&") and (target.isdigit() or target == "-"):
        return  # fd duplication (2>&1): no word to check
    raw.redirects.append((op, _span(destination, at), at(node.start_byte), at(node.end_byte)))
    stack.append((destination, SCAN, depth, function))


def _test_command(node, at, depth, function) -> RawCommand:
    """[ ... ] / [[ ... ]]: argv is the brackets and every operand and operator in order."""
    raw = RawCommand(at(node.start_byte), at(node.end_byte), depth=depth, function=function)
    stack = [node]
    tokens = []
    while stack:
        current = stack.pop()
        if current is not node and (_kind(current) in WORD_TYPES or current.child_count == 0):
            tokens.append(_span(current, at))
            continue
        stack.extend(reversed(current.children))
    raw.words.extend(tokens)
    return raw
