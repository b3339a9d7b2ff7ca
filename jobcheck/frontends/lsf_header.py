"""`#BSUB` lines, read the way LSF's bsub reads a job script given on standard input.

From openlava's parser (`cmd.sub.c`) and IBM's bsub reference: optional white space, `#`,
optional white space, `BSUB` (upper case), white space, and the rest must start with `-` (else
the line is ignored); words split at white space with quotes grouping; a word starting with `#`
ends the line; a line ending in `\\` goes on with the next one; there is no stop rule (IBM's own
example puts a `#BSUB` line after the commands). Options are whole words (`-oo`, `-gpu`, `-cwd`).
"""

from __future__ import annotations

from ..model.script import Directive
from ..patterns import lazy
from ..semantics.lsf_directives import continued_end, line_end, option_table, pair_options, tokenize

PREFIX = "#BSUB"
LINE_RE = lazy(r"(?<![ \t])[ \t]*#[ \t]*BSUB(?=[ \t])")


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
        if m is not None and text[m.end() : end].lstrip(" \t").startswith("-"):
            stop, lines = continued_end(text, pos, end)
            tokens, error = tokenize(text, m.end(), stop)
            comment = next((t.start for t in tokens if t.text.startswith("#")), None)
            if comment is not None:
                tokens, error = tokenize(text, m.end(), comment)
            content_end = stop - 1 if text.endswith("\r", pos, stop) else stop
            directives.append(
                Directive(
                    "lsf",
                    PREFIX,
                    line_no,
                    pos,
                    content_end,
                    tuple(tokens),
                    tuple(pair_options(tokens, table)),
                    header,
                    error,
                    comment,
                )
            )
            line_no += lines
            end = stop
        elif header and _is_command(text, pos, end):
            header = False
        pos = end + 1
    return directives


def _is_command(text: str, pos: int, end: int) -> bool:
    stripped = text[pos:end].strip()
    return bool(stripped) and not stripped.startswith("#")
