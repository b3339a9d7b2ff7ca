"""How LSF's bsub reads a `#BSUB` line: the option table, option pairing (`-n4` included), and
the lines in another case (`#bsub`) that no LSF reads. bsub splits words and continues lines the
way qsub does: `tokenize`, `line_end` and `continued_end` are PBS's, taken from here.

Shared by the `#BSUB` front end (which builds the model's Directive objects with them) and by
rules that re-read a line the way bsub would.
"""

from __future__ import annotations

import re

from ..knowledge import scheduler_options
from ..model.script import DirectiveOption, DirectiveToken
from ..patterns import lazy
from .pbs_directives import continued_end, line_end, tokenize  # noqa: F401 - bsub splits and continues lines as qsub

# Lines meant as #BSUB that no LSF reads: another case (`#bsub`, `#Bsub`).
WRONG_CASE_RE = lazy(r"^[ \t]*#[ \t]*(?!BSUB)(?i:bsub)[ \t]+-", re.MULTILINE)


def option_table() -> dict[str, dict]:
    return scheduler_options("lsf")


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
                options.append(
                    DirectiveOption(
                        flag,
                        flag[1:],
                        word[len(flag) :],
                        tok.start,
                        tok.end,
                        vstart,
                        tok.end if vstart is not None else None,
                    )
                )
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
