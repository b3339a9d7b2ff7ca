"""The `#SBATCH` header, read the way sbatch reads it (src/sbatch/opt.c), not the way bash would.

- The script is split on '\\n'. A line starting at column 0 with the exact bytes `#SBATCH`
  (or `#SLURM`) is a directive; any other line whose first non-blank character is `#`, and any
  blank line, is skipped; the first other line is a command and reading stops for good. (One
  exception for templates: a line that is only a placeholder, `{slurm.sbatch}`, is skipped too.)
  Directive lines after that point are still returned, with `in_header=False`: sbatch never
  sees them.
- A directive's words are split like get_argument(): blanks separate, '...' and "..." quote
  (and may sit inside a word), a backslash makes the next character literal, an unquoted `#`
  ends the line, an unmatched quote is an error.
- The words of all directive lines are one argv for getopt_long: `--time=5`, `--time 5`,
  `-t 5`, `-t5`, unique abbreviations of long options (`--job-n`), grouped short flags.
"""

from __future__ import annotations

import re

from ..knowledge import LongOption, OptionTable, release_key, sbatch_options
from ..model import Directive, DirectiveOption, DirectiveToken
from ..patterns import lazy

PREFIXES = ("#SBATCH", "#SLURM")
SPACE_ESCAPE_SINCE = "24.05"   # "Add support for '\\ ' space escape in #SBATCH options"
BLANKS = " \t\r\v\f"


def scan(text: str, release: str | None = None, table: OptionTable | None = None) -> tuple[list[Directive], int]:
    """All `#SBATCH`/`#SLURM` lines and the offset where sbatch stops reading the header."""
    table = table or sbatch_options()
    release = release or table.newest
    escaped_space = release_key(release) >= release_key(SPACE_ESCAPE_SINCE)
    longs = table.for_release(release)
    shorts = {o.short: o for o in longs.values() if o.short}
    directives: list[Directive] = []
    header_end = len(text)
    in_header = True
    template_closer = None    # inside a template tag that spans lines (`<%` ... `%>`)
    pos = 0
    line_no = 0
    n = len(text)
    while pos <= n:
        line_no += 1
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        line = text[pos:end]
        prefix = next((p for p in PREFIXES if line.startswith(p)), None)
        if prefix is not None:
            tokens, error, comment = tokenize(text, pos + len(prefix), end, escaped_space)
            options = pair_options(tokens, longs, shorts)
            content_end = end - 1 if line.endswith("\r") else end
            directives.append(Directive("slurm", prefix, line_no, pos, content_end, tuple(tokens),
                                        tuple(options), in_header, error, comment))
        elif in_header:
            stripped = line.lstrip(BLANKS)
            if template_closer is not None:
                if template_closer in stripped:
                    template_closer = None
            elif stripped.startswith(TEMPLATE_OPENERS) and not any(c in stripped for c in TEMPLATE_CLOSERS):
                template_closer = TEMPLATE_OPENERS_CLOSERS[stripped[:2]]
            elif stripped and not stripped.startswith("#") and not TEMPLATE_LINE_RE.match(stripped):
                in_header = False
                header_end = pos
        if nl < 0:
            break
        pos = nl + 1
        if not in_header:
            # Past the header only directive lines matter: jump from one to the next (a 10 MB
            # script has 300,000 lines and a handful of them).
            found = LATE_DIRECTIVE_RE.search(text, pos)
            if found is None:
                break
            line_no += text.count("\n", pos, found.start())
            pos = found.start()
    return directives, header_end


# A line that is nothing but a template placeholder or tag (`{slurm.sbatch}`, `{{ header }}`,
# `@@HEADER@@`, Jinja `{% if gpu %}`, ERB/brew `<%= x %>`, Python `%(header)s`): a tool replaces it
# before submission, with nothing or with more `#SBATCH` lines, so it does not end the header the
# way a command would. (sbatch itself, given the unfilled template, would stop there.)
TEMPLATE_LINE_RE = lazy(r"(?:\{\{[^{}\n]*\}\}|\{[A-Za-z_][\w.{}]*\}|@@?[A-Za-z_]\w*@@?|\{%[^\n]*%\}"
                              r"|<%[^\n]*%>|%\([A-Za-z_]\w*\)s)[ \t\r]*$")
# Template tags that may span lines: everything up to the closer is the template's code.
TEMPLATE_OPENERS_CLOSERS = {"<%": "%>", "{%": "%}"}
TEMPLATE_OPENERS = tuple(TEMPLATE_OPENERS_CLOSERS)
TEMPLATE_CLOSERS = tuple(TEMPLATE_OPENERS_CLOSERS.values())
LATE_DIRECTIVE_RE = lazy(r"^#(?:SBATCH|SLURM)", re.MULTILINE)


def tokenize(text: str, start: int, end: int,
             escaped_space: bool = True) -> tuple[list[DirectiveToken], str | None, int | None]:
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
                    tokens.append(DirectiveToken(text[word_start:end], "".join(value) + text[i + 1:end],
                                                 word_start, end))
                    return tokens, "unmatched %s" % c, None
                value.append(text[i + 1:close])
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
        tokens.append(DirectiveToken(text[word_start:i], "".join(value), word_start, i,
                                     cut_by_hash=i < end and text[i] == "#"))
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


def pair_options(tokens: list[DirectiveToken], longs: dict[str, LongOption],
                 shorts: dict[str, LongOption]) -> list[DirectiveOption]:
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
                options.append(DirectiveOption("--" + spelled, None, attached if eq else None, tok.start,
                                               tok.end, kind=kind, candidates=candidates))
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
            options.append(DirectiveOption("--" + spelled, option.name, value, tok.start, end, vstart, vend,
                                           kind=kind))
        elif word.startswith("-") and len(word) > 1 and word != "--":
            j = 1
            while j < len(word):
                letter = word[j]
                option = shorts.get(letter)
                if option is None:
                    options.append(DirectiveOption("-" + letter, None, None, tok.start, tok.end, kind="unknown"))
                    break
                rest = word[j + 1:]
                if option.arg == "none":
                    options.append(DirectiveOption("-" + letter, option.name, None, tok.start, tok.end))
                    j += 1
                    continue
                if rest:
                    offset = len(tok.text) - len(rest) if tok.text.endswith(rest) else j + 1
                    options.append(DirectiveOption("-" + letter, option.name, rest, tok.start, tok.end,
                                                   tok.start + offset, tok.end))
                elif option.arg == "required" and i < len(tokens):
                    nxt = tokens[i]
                    i += 1
                    options.append(DirectiveOption("-" + letter, option.name, nxt.value, tok.start, nxt.end,
                                                   nxt.start, nxt.end))
                elif option.arg == "required":
                    options.append(DirectiveOption("-" + letter, option.name, None, tok.start, tok.end,
                                                   kind="missing-value"))
                else:
                    options.append(DirectiveOption("-" + letter, option.name, None, tok.start, tok.end))
                break
        elif word.lower() in ("hetjob", "packjob"):
            options.append(DirectiveOption(word, None, None, tok.start, tok.end, kind="separator"))
        else:
            options.append(DirectiveOption(word, None, None, tok.start, tok.end, kind="positional"))
    return options
