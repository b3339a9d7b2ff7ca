"""Grid Engine `#$` lines, read the way qsub (Son of Grid Engine 8.1.9) reads them.

Facts from a real one-host cell (see the schedulers report): `#$` is read only in column 1 and
anywhere in the file (there is no stop rule); the first `#` after the prefix ends the
directive even inside quotes; quotes group words; there is no line continuation. Options are
whole words (`-hold_jid`, `-cwd`); `-pe` takes two values.
"""

from __future__ import annotations

import re

from ..knowledge import scheduler_options
from ..model import Directive, DirectiveOption, DirectiveToken
from ..patterns import lazy

PREFIX = "#$"
# qsub's options, from the option table (jobcheck/knowledge/sge_options.json, SoGE 8.1.9).
TWO_VALUES = frozenset({"-pe"})  # `-pe NAME SLOTS`: the table's one option whose value is two words
WITH_VALUE = frozenset(flag for flag, row in scheduler_options("sge").items()
                       if row["arg"] == "required" and flag not in TWO_VALUES)
WITHOUT_VALUE = frozenset(flag for flag, row in scheduler_options("sge").items() if row["arg"] == "none")
OPTIONS = WITH_VALUE | WITHOUT_VALUE | TWO_VALUES
# Lines that look meant as `#$` but are not read: indented, or a space after '#'.
NEAR_MISS_RE = lazy(r"^(?:[ \t]+#[ \t]*\$|#[ \t]+\$)[ \t]*-", re.MULTILINE)


def scan(text: str) -> list[Directive]:
    directives = []
    pos = 0
    line_no = 0
    n = len(text)
    while pos <= n:
        line_no += 1
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        if text.startswith(PREFIX, pos):
            content_end = end - 1 if text.endswith("\r", pos, end) else end
            hash_at = text.find("#", pos + len(PREFIX), content_end)
            stop = content_end if hash_at < 0 else hash_at
            tokens, error = _tokens(text, pos + len(PREFIX), stop)
            directives.append(Directive("sge", PREFIX, line_no, pos, content_end, tuple(tokens),
                                        tuple(_options(tokens)), True, error, hash_at if hash_at >= 0 else None))
        if nl < 0:
            break
        pos = nl + 1
    return directives


def near_misses(text: str) -> list[tuple[int, int]]:
    """(start, end) of lines that look like `#$` directives but are not read."""
    out = []
    for m in NEAR_MISS_RE.finditer(text):
        end = text.find("\n", m.start())
        out.append((m.start(), len(text) if end < 0 else end))
    return out


def _tokens(text: str, start: int, end: int) -> tuple[list[DirectiveToken], str | None]:
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
                    unclosed = "".join(value) + text[i + 1:end]
                    tokens.append(DirectiveToken(text[word_start:end], unclosed, word_start, end))
                    return tokens, "unmatched %s" % c
                value.append(text[i + 1:close])
                i = close + 1
            else:
                value.append(c)
                i += 1
        tokens.append(DirectiveToken(text[word_start:i], "".join(value), word_start, i))
    return tokens, None


def _options(tokens: list[DirectiveToken]) -> list[DirectiveOption]:
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
        values = tokens[i:i + needed]
        i += len(values)
        if len(values) < needed:
            options.append(DirectiveOption(word, word[1:], None, tok.start, tok.end, kind="missing-value"))
            continue
        options.append(DirectiveOption(word, word[1:], " ".join(v.value for v in values), tok.start, values[-1].end,
                                       values[0].start, values[-1].end))
    return options
