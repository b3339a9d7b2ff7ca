"""`#BSUB` lines, read the way LSF's bsub reads a job script given on standard input.

From openlava's parser (`cmd.sub.c`) and IBM's bsub reference: optional white space, `#`,
optional white space, `BSUB` (upper case), white space, and the rest must start with `-` (else
the line is ignored); words split at white space with quotes grouping; a word starting with `#`
ends the line; a line ending in `\\` goes on with the next one; there is no stop rule (IBM's own
example puts a `#BSUB` line after the commands). Options are whole words (`-oo`, `-gpu`, `-cwd`).
"""

from __future__ import annotations

import re

from ..knowledge import scheduler_options
from ..model import Directive, DirectiveOption, DirectiveToken
from ..patterns import lazy
from .pbs_header import continued_end, line_end, tokenize

PREFIX = "#BSUB"
LINE_RE = lazy(r"(?<![ \t])[ \t]*#[ \t]*BSUB(?=[ \t])")
# Lines meant as #BSUB that no LSF reads: another case (`#bsub`, `#Bsub`).
WRONG_CASE_RE = lazy(r"^[ \t]*#[ \t]*(?!BSUB)(?i:bsub)[ \t]+-", re.MULTILINE)


def option_table() -> dict[str, dict]:
    return scheduler_options("lsf")


def scan(text: str) -> list[Directive]:
    table = option_table()
    directives = []
    pos = 0
    line_no = 0
    header = True
    n = len(text)
    while pos < n:
        line_no += 1
        end = line_end(text, pos)
        m = LINE_RE.match(text, pos, end)
        if m is not None and text[m.end():end].lstrip(" \t").startswith("-"):
            stop, lines = continued_end(text, pos, end)
            tokens, error = tokenize(text, m.end(), stop)
            comment = next((t.start for t in tokens if t.text.startswith("#")), None)
            if comment is not None:
                tokens, error = tokenize(text, m.end(), comment)
            content_end = stop - 1 if text.endswith("\r", pos, stop) else stop
            directives.append(Directive("lsf", PREFIX, line_no, pos, content_end, tuple(tokens),
                                        tuple(pair_options(tokens, table)), header, error, comment))
            line_no += lines
            end = stop
        elif header and _is_command(text, pos, end):
            header = False
        pos = end + 1
    return directives


def _is_command(text: str, pos: int, end: int) -> bool:
    stripped = text[pos:end].strip()
    return bool(stripped) and not stripped.startswith("#")


def wrong_case(text: str) -> list[tuple[int, int]]:
    out = []
    for m in WRONG_CASE_RE.finditer(text):
        out.append((m.start(), line_end(text, m.start())))
    return out


def pair_options(tokens: list[DirectiveToken], table: dict[str, dict]) -> list[DirectiveOption]:
    options: list[DirectiveOption] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        word = tok.value
        i += 1
        if not word.startswith("-") or word == "-":
            options.append(DirectiveOption(word, None, None, tok.start, tok.end, kind="positional"))
            continue
        known = table.get(word)
        if known is None:
            attached = _attached(word, table)
            if attached is None:
                options.append(DirectiveOption(word, None, None, tok.start, tok.end, kind="unknown"))
            else:
                flag = attached
                vstart = tok.start + len(flag) if tok.text == word else None
                options.append(DirectiveOption(flag, flag[1:], word[len(flag):], tok.start, tok.end, vstart,
                                               tok.end if vstart is not None else None))
            continue
        if known["arg"] == "none":
            options.append(DirectiveOption(word, word[1:], None, tok.start, tok.end))
        elif i < len(tokens):
            value = tokens[i]
            i += 1
            options.append(DirectiveOption(word, word[1:], value.value, tok.start, value.end, value.start, value.end))
        else:
            options.append(DirectiveOption(word, word[1:], None, tok.start, tok.end, kind="missing-value"))
    return options


def _attached(word: str, table: dict[str, dict]) -> str | None:
    """The flag of `-n4` / `-W1:00` (a value written against its flag), when the rest is a number."""
    for k in range(len(word) - 1, 1, -1):
        flag = word[:k]
        if flag in table and table[flag]["arg"] != "none" and word[k].isdigit():
            return flag
    return None
