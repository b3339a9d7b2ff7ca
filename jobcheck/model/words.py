"""Lexing one shell word's raw text into quoted regions and parts.

Both shell front ends hand over only the *span* of each word; the quoting structure is read
here, from the source text, so that bashlex and tree-sitter produce the very same model
(bashlex, for one, reports parameters inside single quotes as expansions).

A word such as  pre"$A b"'$C'${D:-x}  gives the parts
    literal 'pre' (unquoted), param A (in ""), literal ' b' (in ""), literal '$C' (in ''),
    param D (unquoted)
and the quoted regions  "$A b"  and  '$C'.
"""

from __future__ import annotations

from typing import NamedTuple

from ..patterns import lazy

NAME_RE = lazy(r"[A-Za-z_][A-Za-z0-9_]*")
DIGITS_RE = lazy(r"[0-9]+")
SPECIAL_PARAMS = set("@*#?$!-0123456789")

# Part kinds
LITERAL = "literal"
PARAM = "param"  # $NAME, ${...}
COMMAND = "command"  # $( ... ) or ` ... `
ARITH = "arith"  # $(( ... ))
PROCESS = "process"  # <( ... ) >( ... )

# Quote contexts
UNQUOTED = ""
SINGLE = "'"
DOUBLE = '"'
ANSI_C = "$'"


# The lexer makes about one Part per word of a script (a million for a 10 MB one): named tuples,
# immutable and made in one call (a frozen dataclass's __init__ sets each field through
# object.__setattr__, and Python 3.11 compiles six methods for each such class at import).


class Part(NamedTuple):
    """One piece of a word: a literal run or an expansion, with the quoting it sits in."""

    kind: str
    start: int  # absolute offsets in the source text
    end: int
    quote: str  # the quoting context the part sits in
    value: str = ""  # literal: the text after quote removal; param: the name ("" otherwise)


class QuotedRegion(NamedTuple):
    """A quoted stretch of a word, quotes included."""

    quote: str  # "'", '"' or "$'" (a $"..." locale string counts as '"')
    start: int  # offset of the opening quote
    end: int  # offset just past the closing quote (or end of word if unterminated)
    terminated: bool = True

    @property
    def inner_start(self) -> int:
        return self.start + (2 if self.quote == ANSI_C else 1)

    @property
    def inner_end(self) -> int:
        return self.end - 1 if self.terminated else self.end


def _match_paren(s: str, i: int, open_ch: str = "(", close_ch: str = ")") -> int:
    """Index just past the bracket that closes s[i] (s[i] == open_ch), quote-aware."""
    depth = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "'":
            j = s.find("'", i + 1)
            i = n if j < 0 else j + 1
            continue
        if c == '"':
            i = _skip_double(s, i)
            continue
        if c == "`":
            j = _skip_backtick(s, i)
            i = j
            continue
        if c == open_ch:
            depth += 1
        elif c == close_ch:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def _skip_double(s: str, i: int) -> int:
    """Index just past the '"' closing the string that starts at s[i]."""
    n = len(s)
    i += 1
    while i < n:
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == '"':
            return i + 1
        if c == "$" and i + 1 < n and s[i + 1] in "({":
            i = _match_paren(s, i + 1, s[i + 1], ")" if s[i + 1] == "(" else "}")
            continue
        if c == "`":
            i = _skip_backtick(s, i)
            continue
        i += 1
    return n


def _skip_backtick(s: str, i: int) -> int:
    n = len(s)
    i += 1
    while i < n:
        if s[i] == "\\":
            i += 2
            continue
        if s[i] == "`":
            return i + 1
        i += 1
    return n


def _dollar(s: str, i: int, base: int, quote: str, parts: list[Part]) -> int:
    """Lex an expansion at s[i] == '$'; returns the index after it. A lone '$' is literal."""
    n = len(s)
    nxt = s[i + 1] if i + 1 < n else ""
    if s.startswith("$((", i):
        end = _match_paren(s, i + 1)
        parts.append(Part(ARITH, base + i, base + end, quote))
        return end
    if nxt == "(":
        end = _match_paren(s, i + 1)
        parts.append(Part(COMMAND, base + i, base + end, quote))
        return end
    if nxt == "{":
        end = _match_paren(s, i + 1, "{", "}")
        inner = s[i + 2 : end - 1]
        inner = inner.lstrip("!#")
        m = NAME_RE.match(inner) or DIGITS_RE.match(inner)
        name = m.group(0) if m else (inner[:1] if inner[:1] in SPECIAL_PARAMS else "")
        parts.append(Part(PARAM, base + i, base + end, quote, name))
        return end
    m = NAME_RE.match(s, i + 1)
    if m:
        parts.append(Part(PARAM, base + i, base + m.end(), quote, m.group(0)))
        return m.end()
    if nxt and nxt in SPECIAL_PARAMS:
        parts.append(Part(PARAM, base + i, base + i + 2, quote, nxt))
        return i + 2
    parts.append(Part(LITERAL, base + i, base + i + 1, quote, "$"))
    return i + 1


PLAIN_RE = lazy(r"\A[^'\"\\$`<>]*\Z")  # \A: only ever matched whole (a search would be quadratic)


def is_plain(text: str) -> bool:
    """No quote, escape or expansion: the word's value is its text."""
    return PLAIN_RE.match(text) is not None


_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
# Each character belongs to one piece only (a literal character, or a `$NAME` taken to its last
# name character, or `${NAME}`), so a word that does not match fails in linear time; with a run
# of literals or a name that could be split, a long failing word would backtrack exponentially.
# (Possessive quantifiers would say the same, but Python 3.10 has none.)
SIMPLE_EXPANSIONS_RE = lazy(r"\A(?:[^'\"\\$`<>]|\$%s(?![A-Za-z0-9_])|\$\{%s\})+\Z" % (_NAME, _NAME))
# The same inside double quotes, the whole word quoted: `"$SLURM_SUBMIT_DIR/in/"`, `"$f"` (there
# `<` and `>` and `'` are plain characters; `"`, `\\`, `$` and backquotes are not).
SIMPLE_DOUBLE_QUOTED_RE = lazy(r'\A"(?:[^"\\$`]|\$%s(?![A-Za-z0-9_])|\$\{%s\})*"\Z' % (_NAME, _NAME))
_SIMPLE_PARAM_RE = lazy(r"\$(?:(%s)|\{(%s)\})" % (_NAME, _NAME))


def _lex_simple(
    text: str, base: int, start: int = 0, end: int | None = None, quote: str = UNQUOTED
) -> tuple[Part, ...]:
    """The parts of text[start:end], plain characters and `$NAME` / `${NAME}` only (a word that
    SIMPLE_EXPANSIONS_RE matches, or the inside of one SIMPLE_DOUBLE_QUOTED_RE matches), as the
    full lexer makes them."""
    end = len(text) if end is None else end
    parts = []
    position = start
    for match in _SIMPLE_PARAM_RE.finditer(text, start, end):
        found, after = match.span()
        if found > position:
            parts.append(Part(LITERAL, base + position, base + found, quote, text[position:found]))
        parts.append(Part(PARAM, base + found, base + after, quote, match.group(1) or match.group(2)))
        position = after
    if position < end:
        parts.append(Part(LITERAL, base + position, base + end, quote, text[position:end]))
    return tuple(parts)


def lex_word(text: str, base: int = 0) -> tuple[tuple[Part, ...], tuple[QuotedRegion, ...]]:
    """Split a word's raw text into parts and quoted regions; offsets are shifted by `base`."""
    if PLAIN_RE.match(text):  # most words: no quote, escape or expansion at all
        return ((Part(LITERAL, base, base + len(text), UNQUOTED, text),) if text else ()), ()
    if SIMPLE_EXPANSIONS_RE.match(text):  # next most: plain text and $NAME / ${NAME}, nothing else
        return _lex_simple(text, base), ()
    n = len(text)
    if text[0] == "'" and text.find("'", 1) == n - 1:  # 'one single-quoted string'
        return (Part(LITERAL, base, base + n, SINGLE, text[1:-1]),), (QuotedRegion(SINGLE, base, base + n),)
    if SIMPLE_DOUBLE_QUOTED_RE.match(text):  # "one double-quoted string of text and $NAME"
        return _lex_simple(text, base, 1, n - 1, DOUBLE), (QuotedRegion(DOUBLE, base, base + n),)
    return _lex_any(text, base)


def _lex_any(text: str, base: int) -> tuple[tuple[Part, ...], tuple[QuotedRegion, ...]]:
    """lex_word for any word: character by character, quotes, escapes and expansions of all kinds."""
    n = len(text)
    parts: list[Part] = []
    regions: list[QuotedRegion] = []
    literal: list[str] = []
    lit_start = 0
    lit_quote = UNQUOTED

    def flush(upto: int) -> None:
        nonlocal literal
        if literal:
            parts.append(Part(LITERAL, base + lit_start, base + upto, lit_quote, "".join(literal)))
            literal = []

    def add_literal(start: int, value: str, quote: str) -> None:
        nonlocal lit_start, lit_quote
        if literal and lit_quote != quote:
            flush(start)
        if not literal:
            lit_start, lit_quote = start, quote
        literal.append(value)

    i = 0
    while i < n:
        c = text[i]
        if c == "\\":
            if i + 1 < n and text[i + 1] == "\n":
                i += 2  # line continuation: removed
                continue
            add_literal(i, text[i + 1 : i + 2], UNQUOTED)
            i += 2
        elif c == "'":
            j = text.find("'", i + 1)
            terminated = j >= 0
            end = j + 1 if terminated else n
            regions.append(QuotedRegion(SINGLE, base + i, base + end, terminated))
            add_literal(i, text[i + 1 : (j if terminated else n)], SINGLE)
            flush(end)
            i = end
        elif c == "$" and i + 1 < n and text[i + 1] == "'":
            j = i + 2
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            terminated = j < n
            end = j + 1 if terminated else n
            regions.append(QuotedRegion(ANSI_C, base + i, base + end, terminated))
            add_literal(i, _ansi_c_value(text[i + 2 : (j if terminated else n)]), ANSI_C)
            flush(end)
            i = end
        elif c == '"' or (c == "$" and i + 1 < n and text[i + 1] == '"'):
            flush(i)
            open_len = 1 if c == '"' else 2
            end = _skip_double(text, i + open_len - 1)
            terminated = end <= n and text[end - 1 : end] == '"' and end - 1 >= i + open_len
            regions.append(QuotedRegion(DOUBLE, base + i, base + end, terminated))
            _lex_double(text, i + open_len, end - 1 if terminated else end, base, parts)
            i = end
        elif c == "$":
            flush(i)
            i = _dollar(text, i, base, UNQUOTED, parts)
        elif c == "`":
            flush(i)
            end = _skip_backtick(text, i)
            parts.append(Part(COMMAND, base + i, base + end, UNQUOTED))
            i = end
        elif c in "<>" and i + 1 < n and text[i + 1] == "(":
            flush(i)
            end = _match_paren(text, i + 1)
            parts.append(Part(PROCESS, base + i, base + end, UNQUOTED))
            i = end
        else:
            run = _UNQUOTED_RUN_RE.match(text, i)  # a run of plain characters at once, not one by one
            end = run.end() if run is not None else i + 1
            add_literal(i, text[i:end], UNQUOTED)
            i = end
    flush(n)
    return tuple(parts), tuple(regions)


_UNQUOTED_RUN_RE = lazy(r"[^'\"\\$`<>]+")
_DOUBLE_QUOTED_RUN_RE = lazy(r"[^\\$`]+")


def _lex_double(s: str, i: int, end: int, base: int, parts: list[Part]) -> None:
    literal: list[str] = []
    lit_start = i

    def flush(upto: int) -> None:
        nonlocal literal
        if literal:
            parts.append(Part(LITERAL, base + lit_start, base + upto, DOUBLE, "".join(literal)))
            literal = []

    while i < end:
        c = s[i]
        if c == "\\" and i + 1 < end and s[i + 1] in '$`"\\\n':
            if not literal:
                lit_start = i
            if s[i + 1] != "\n":
                literal.append(s[i + 1])
            i += 2
        elif c == "$":
            flush(i)
            i = _dollar(s, i, base, DOUBLE, parts)
            lit_start = i
        elif c == "`":
            flush(i)
            j = _skip_backtick(s, i)
            parts.append(Part(COMMAND, base + i, base + j, DOUBLE))
            i = j
            lit_start = i
        else:
            if not literal:
                lit_start = i
            run = _DOUBLE_QUOTED_RUN_RE.match(s, i, end)
            stop = run.end() if run is not None else i + 1
            literal.append(s[i:stop])
            i = stop
    flush(end)


_ANSI_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "e": "\x1b",
    "E": "\x1b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "?": "?",
}


def _ansi_c_value(s: str) -> str:
    out = []
    i = 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append(_ANSI_ESCAPES.get(s[i + 1], "\\" + s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)
