"""`#PBS` lines, read the way PBS Pro/OpenPBS and Torque's qsub read a job script.

From their sources (openpbs `qsub_sup.c get_script`, `check_job_script.c`; Torque
`qsub_functions.c`): the prefix may follow leading white space; qsub reads directives only
until the first executable line (first non-blank character not `#`, and the line not starting
with `:`), so later `#PBS` lines are comments; a directive ending in `\\` goes on with the next
line; words split at white space, quotes group, `\\` takes the next character, and there is no
comment syntax (`# note` is two stray words, and qsub stops with "directive error"). Options are
one-letter getopt options from both flavours' option strings.
"""

from __future__ import annotations

from ..model.script import Directive
from ..semantics.pbs_directives import BLANKS, continued_end, executable, line_end, option_table, pair_options, tokenize

PREFIX = "#PBS"


def scan(text: str) -> list[Directive]:
    """Every `#PBS` line; `in_header` is False for those after the first executable line."""
    table = option_table()
    directives = []
    in_header = True
    pos = 0
    line_no = 0
    n = len(text)
    while pos < n:
        line_no += 1
        end = line_end(text, pos)
        first = pos
        while first < end and text[first] in BLANKS:
            first += 1
        if text.startswith(PREFIX, first):
            stop, lines = continued_end(text, pos, end)
            tokens, error = tokenize(text, first + len(PREFIX), stop)
            content_end = stop - 1 if text.endswith("\r", pos, stop) else stop
            directives.append(
                Directive(
                    "pbs",
                    PREFIX,
                    line_no,
                    pos,
                    content_end,
                    tuple(tokens),
                    tuple(pair_options(tokens, table)),
                    in_header,
                    error,
                )
            )
            line_no += lines
            end = stop
        elif in_header and executable(text, first, end):
            in_header = False
        pos = end + 1
    return directives
