"""How sbatch splits and reads an `#SBATCH` line: its tokenizer and getopt_long pairing.

Shared by the `#SBATCH` front end (which builds the model's Directive objects with them) and by
rules that read a comment line the way sbatch would (a near miss of a directive).
"""

from __future__ import annotations

from ..knowledge import LongOption
from ..model.script import DirectiveOption, DirectiveToken

BLANKS = " \t\r\v\f"


def tokenize(
    text: str, start: int, end: int, escaped_space: bool = True
) -> tuple[list[DirectiveToken], str | None, int | None]:
    """Split one directive line into words. Before Slurm 24.05 (`escaped_space=False`) a
    backslash before a blank does not escape it: the word ends there."""
    tokens: list[DirectiveToken] = []
    i = start
    while i < end:
        while i < end and text[i] in BLANKS:
            i += 1
        if i < end and text[i] == "#":
            return tokens, None, i
        if i >= end:
            break
        word_start = i
        value: list[str] = []
        while i < end and text[i] not in BLANKS:
            c = text[i]
            if c == "#":
                break
            if c in "'\"":
                close = text.find(c, i + 1, end)
                if close < 0:
                    tokens.append(
                        DirectiveToken(text[word_start:end], "".join(value) + text[i + 1 : end], word_start, end)
                    )
                    return tokens, "unmatched %s" % c, None
                value.append(text[i + 1 : close])
                i = close + 1
            elif c == "\\" and i + 1 < end:
                if text[i + 1] in BLANKS and not escaped_space:
                    i += 1
                    break
                value.append(text[i + 1])
                i += 2
            elif c == "\\":
                i += 1  # a backslash that ends the line escapes nothing: sbatch drops it (checked on 22.05)
            else:
                value.append(c)
                i += 1
        if text[word_start:i] == "\\":
            continue  # only that backslash: no word at all
        tokens.append(
            DirectiveToken(text[word_start:i], "".join(value), word_start, i, cut_by_hash=i < end and text[i] == "#")
        )
        if i < end and text[i] == "#":
            return tokens, None, i
    return tokens, None, None


def resolve_long(spelled: str, longs: dict[str, LongOption]) -> tuple[LongOption | None, tuple[str, ...]]:
    """getopt_long: an exact name, else a unique prefix; returns (option, ambiguous candidates)."""
    if spelled in longs:
        return longs[spelled], ()
    matches = sorted(name for name in longs if name.startswith(spelled))
    if len(matches) == 1:
        return longs[matches[0]], ()
    return None, tuple(matches)


def pair_options(
    tokens: list[DirectiveToken], longs: dict[str, LongOption], shorts: dict[str, LongOption]
) -> list[DirectiveOption]:
    options: list[DirectiveOption] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        word = tok.value
        i += 1
        if word.startswith("--") and len(word) > 2:
            spelled, eq, attached = word[2:].partition("=")
            option, candidates = resolve_long(spelled, longs)
            if option is None:
                kind = "ambiguous" if candidates else "unknown"
                options.append(
                    DirectiveOption(
                        "--" + spelled,
                        None,
                        attached if eq else None,
                        tok.start,
                        tok.end,
                        kind=kind,
                        candidates=candidates,
                    )
                )
                continue
            value, vstart, vend, end = None, None, None, tok.end
            kind = "option"
            if eq:
                value = attached
                offset = tok.text.find("=")
                vstart, vend = tok.start + offset + 1, tok.end
            elif option.arg == "required":
                if i < len(tokens):
                    value, vstart, vend, end = tokens[i].value, tokens[i].start, tokens[i].end, tokens[i].end
                    i += 1
                else:
                    kind = "missing-value"
            options.append(DirectiveOption("--" + spelled, option.name, value, tok.start, end, vstart, vend, kind=kind))
        elif word.startswith("-") and len(word) > 1 and word != "--":
            j = 1
            while j < len(word):
                letter = word[j]
                option = shorts.get(letter)
                if option is None:
                    options.append(DirectiveOption("-" + letter, None, None, tok.start, tok.end, kind="unknown"))
                    break
                rest = word[j + 1 :]
                if option.arg == "none":
                    options.append(DirectiveOption("-" + letter, option.name, None, tok.start, tok.end))
                    j += 1
                    continue
                if rest:
                    offset = len(tok.text) - len(rest) if tok.text.endswith(rest) else j + 1
                    options.append(
                        DirectiveOption(
                            "-" + letter, option.name, rest, tok.start, tok.end, tok.start + offset, tok.end
                        )
                    )
                elif option.arg == "required" and i < len(tokens):
                    nxt = tokens[i]
                    i += 1
                    options.append(
                        DirectiveOption("-" + letter, option.name, nxt.value, tok.start, nxt.end, nxt.start, nxt.end)
                    )
                elif option.arg == "required":
                    options.append(
                        DirectiveOption("-" + letter, option.name, None, tok.start, tok.end, kind="missing-value")
                    )
                else:
                    options.append(DirectiveOption("-" + letter, option.name, None, tok.start, tok.end))
                break
        elif word.lower() in ("hetjob", "packjob"):
            options.append(DirectiveOption(word, None, None, tok.start, tok.end, kind="separator"))
        else:
            options.append(DirectiveOption(word, None, None, tok.start, tok.end, kind="positional"))
    return options
