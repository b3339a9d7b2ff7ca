"""How Grid Engine's qsub (Son of Grid Engine 8.1.9) reads a `#$` line: its options, tokenizer
and pairing, and the lines that look meant as `#$` but are not read.

Shared by the `#$` front end (which builds the model's Directive objects with them) and by rules.
"""

from __future__ import annotations

import re

from ..knowledge import scheduler_options
from ..model.script import DirectiveOption, DirectiveToken
from ..patterns import lazy

# qsub's options, from the option table (jobcheck/knowledge/sge_options.json, SoGE 8.1.9).
TWO_VALUES = frozenset({"-pe"})  # `-pe NAME SLOTS`: the table's one option whose value is two words
WITH_VALUE = frozenset(
    flag for flag, row in scheduler_options("sge").items() if row["arg"] == "required" and flag not in TWO_VALUES
)
WITHOUT_VALUE = frozenset(flag for flag, row in scheduler_options("sge").items() if row["arg"] == "none")
OPTIONS = WITH_VALUE | WITHOUT_VALUE | TWO_VALUES
# Lines that look meant as `#$` but are not read: indented, or a space after '#'.
NEAR_MISS_RE = lazy(r"^(?:[ \t]+#[ \t]*\$|#[ \t]+\$)[ \t]*-", re.MULTILINE)


def near_misses(text: str) -> list[tuple[int, int]]:
    """(start, end) of lines that look like `#$` directives but are not read."""
    out = []
    for m in NEAR_MISS_RE.finditer(text):
        end = text.find("\n", m.start())
        out.append((m.start(), len(text) if end < 0 else end))
    return out


def tokenize(text: str, start: int, end: int) -> tuple[list[DirectiveToken], str | None]:
    tokens = []
    i = start
    while i < end:
        while i < end and text[i] in " \t":
            i += 1
        if i >= end:
            break
        word_start = i
        value: list[str] = []
        while i < end and text[i] not in " \t":
            c = text[i]
            if c in "'\"":
                close = text.find(c, i + 1, end)
                if close < 0:
                    unclosed = "".join(value) + text[i + 1 : end]
                    tokens.append(DirectiveToken(text[word_start:end], unclosed, word_start, end))
                    return tokens, "unmatched %s" % c
                value.append(text[i + 1 : close])
                i = close + 1
            else:
                value.append(c)
                i += 1
        tokens.append(DirectiveToken(text[word_start:i], "".join(value), word_start, i))
    return tokens, None


def pair_options(tokens: list[DirectiveToken]) -> list[DirectiveOption]:
    options = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        word = tok.value
        i += 1
        if not word.startswith("-"):
            options.append(DirectiveOption(word, None, None, tok.start, tok.end, kind="positional"))
            continue
        if word not in OPTIONS:
            options.append(DirectiveOption(word, None, None, tok.start, tok.end, kind="unknown"))
            continue
        if word in WITHOUT_VALUE:
            options.append(DirectiveOption(word, word[1:], None, tok.start, tok.end))
            continue
        needed = 2 if word in TWO_VALUES else 1
        values = tokens[i : i + needed]
        i += len(values)
        if len(values) < needed:
            options.append(DirectiveOption(word, word[1:], None, tok.start, tok.end, kind="missing-value"))
            continue
        options.append(
            DirectiveOption(
                word,
                word[1:],
                " ".join(v.value for v in values),
                tok.start,
                values[-1].end,
                values[0].start,
                values[-1].end,
            )
        )
    return options
