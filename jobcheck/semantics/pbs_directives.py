"""How PBS Pro/OpenPBS and Torque's qsub read a `#PBS` line: the option table, line
continuation, the tokenizer, getopt pairing, and where qsub stops reading the header.

Shared by the `#PBS` front end (which builds the model's Directive objects with them) and by
the LSF front end (bsub splits words and continues lines the same way).
"""

from __future__ import annotations

from ..knowledge import scheduler_options
from ..model.script import DirectiveOption, DirectiveToken

BLANKS = " \t"


def option_table() -> dict[str, dict]:
    return scheduler_options("pbs")


def header_end(text: str) -> int:
    """Offset of the first executable line (where qsub stops reading `#PBS` lines)."""
    pos = 0
    while pos < len(text):
        end = line_end(text, pos)
        first = pos
        while first < end and text[first] in BLANKS:
            first += 1
        if executable(text, first, end):
            return pos
        pos = end + 1
    return len(text)


def line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def executable(text: str, first: int, end: int) -> bool:
    return first < end and text[first] not in "#:\r"


def continued_end(text: str, pos: int, end: int) -> tuple[int, int]:
    """End of a directive that may go on over lines ending in `\\`, and how many extra lines."""
    lines = 0
    while True:
        content = text[pos:end].rstrip(" \t\r")
        if not content.endswith("\\") or end >= len(text):
            return end, lines
        pos = end + 1
        end = line_end(text, pos)
        lines += 1


def tokenize(text: str, start: int, end: int) -> tuple[list[DirectiveToken], str | None]:
    tokens: list[DirectiveToken] = []
    i = start
    while i < end:
        while i < end and (text[i] in BLANKS + "\r\n" or (text[i] == "\\" and _only_blanks_to_eol(text, i + 1, end))):
            i += 1
        if i >= end:
            break
        word_start = i
        value: list[str] = []
        while i < end and text[i] not in BLANKS + "\r\n":
            c = text[i]
            if c in "'\"":
                close = text.find(c, i + 1, end)
                if close < 0:
                    tokens.append(DirectiveToken(text[word_start:end].rstrip("\r"), "".join(value), word_start, end))
                    return tokens, "unmatched %s" % c
                value.append(text[i + 1 : close])
                i = close + 1
            elif c == "\\" and i + 1 < end:
                if _only_blanks_to_eol(text, i + 1, end):
                    # a continued line: qsub joins the next line on directly, mid-word
                    nl = text.find("\n", i + 1, end)
                    if nl < 0:
                        break
                    i = nl + 1
                    continue
                value.append(text[i + 1])
                i += 2
            else:
                value.append(c)
                i += 1
        tokens.append(DirectiveToken(text[word_start:i], "".join(value), word_start, i))
    return tokens, None


def _only_blanks_to_eol(text: str, i: int, end: int) -> bool:
    while i < end and text[i] in " \t\r":
        i += 1
    return i >= end or text[i] == "\n"


def pair_options(tokens: list[DirectiveToken], table: dict[str, dict]) -> list[DirectiveOption]:
    """getopt over one directive's words: `-N name`, `-Nname`, `-hV`; a word that is not an option
    where one is expected is 'positional' (qsub: "directive error")."""
    options: list[DirectiveOption] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        word = tok.value
        i += 1
        if not word.startswith("-") or word == "-":
            options.append(DirectiveOption(word, None, None, tok.start, tok.end, kind="positional"))
            continue
        j = 1
        while j < len(word):
            flag = "-" + word[j]
            known = table.get(flag)
            if known is None:
                spelled = word if j == 1 else flag
                options.append(DirectiveOption(spelled, None, None, tok.start, tok.end, kind="unknown"))
                break
            if known["arg"] == "none":
                options.append(DirectiveOption(flag, flag[1:], None, tok.start, tok.end))
                j += 1
                continue
            attached = word[j + 1 :]
            if attached:
                # the value starts inside this word; its offset is only exact when the word has no quotes
                vstart = tok.start + j + 1 if tok.text == word else None
                options.append(
                    DirectiveOption(
                        flag, flag[1:], attached, tok.start, tok.end, vstart, tok.end if vstart is not None else None
                    )
                )
            elif i < len(tokens):
                value = tokens[i]
                i += 1
                options.append(
                    DirectiveOption(flag, flag[1:], value.value, tok.start, value.end, value.start, value.end)
                )
            else:
                options.append(DirectiveOption(flag, flag[1:], None, tok.start, tok.end, kind="missing-value"))
            break
    return options
