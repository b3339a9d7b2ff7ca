"""bashlex front end: bash's own grammar, where bashlex can follow it.

bashlex raises on much of modern bash ([[ ]], case, $(( )), arrays, `time`, quoted heredoc
tags, comment-only files, ...); the caller then falls back to tree-sitter.
"""

from __future__ import annotations

from .bashlex_loader import import_bashlex
from .raw_commands import MAX_DEPTH, RawCommand, TooDeep

WORDLIKE = ("word", "assignment")


def parse(text: str) -> list[RawCommand]:
    trees = import_bashlex().parse(text)  # imported on first use: only runs that parse shell pay
    out: list[RawCommand] = []
    for tree in trees:
        _walk(tree, text, out, depth=0, function=None, nesting=0)
    return out


def _walk(node, text: str, out: list[RawCommand], depth: int, function: str | None, nesting: int) -> None:
    if nesting > MAX_DEPTH:
        raise TooDeep("nested more than %d levels" % MAX_DEPTH)
    kind = node.kind
    if kind == "command":
        _command(node, text, out, depth, function, nesting)
    elif kind == "function":
        name = node.name.word if getattr(node, "name", None) is not None else None
        _walk(node.body, text, out, depth, name, nesting + 1)
    elif kind in WORDLIKE:
        _substitutions(node, text, out, depth, function, nesting)
    elif kind in ("commandsubstitution", "processsubstitution"):
        _walk(node.command, text, out, depth + 1, function, nesting + 1)
    else:
        for child in _children(node):
            _walk(child, text, out, depth, function, nesting + 1)


def _children(node) -> list:
    kids = []
    for attr in ("parts", "list"):
        value = getattr(node, attr, None)
        if isinstance(value, list):
            kids.extend(value)
    return kids


def _substitutions(node, text, out, depth, function, nesting) -> None:
    """Commands nested inside a word: $( ), ` `, <( )."""
    for part in getattr(node, "parts", None) or []:
        if part.kind in ("commandsubstitution", "processsubstitution"):
            _walk(part.command, text, out, depth + 1, function, nesting + 1)
        else:
            _substitutions(part, text, out, depth, function, nesting + 1)


def _command(node, text, out, depth, function, nesting) -> None:
    raw = RawCommand(start=node.pos[0], end=node.pos[1], depth=depth, function=function)
    seen_word = False
    for part in node.parts:
        if part.kind == "assignment" and not seen_word:
            raw.prefix.append(part.pos)
            _substitutions(part, text, out, depth, function, nesting)
        elif part.kind in WORDLIKE:
            seen_word = True
            raw.words.append(part.pos)
            _substitutions(part, text, out, depth, function, nesting)
        elif part.kind == "redirect":
            _redirect(part, text, raw, out, depth, function, nesting)
    out.append(raw)


def _redirect(part, text, raw: RawCommand, out, depth, function, nesting) -> None:
    target = part.output
    if not hasattr(target, "pos"):
        return  # a file descriptor (2>&1): no word to check
    op = text[part.pos[0] : target.pos[0]].strip()
    heredoc = getattr(part, "heredoc", None)
    if op in ("<<", "<<-") and heredoc is not None:
        raw.heredocs.append((op, target.pos, heredoc.pos[0]))
        return
    raw.redirects.append((op, target.pos, part.pos[0], part.pos[1]))
    _substitutions(target, text, out, depth, function, nesting)
