"""Grid Engine `#$` lines, read the way qsub (Son of Grid Engine 8.1.9) reads them.

Facts from a real one-host cell (see the schedulers report): `#$` is read only in column 1 and
anywhere in the file (there is no stop rule); the first `#` after the prefix ends the
directive even inside quotes; quotes group words; there is no line continuation. Options are
whole words (`-hold_jid`, `-cwd`); `-pe` takes two values.
"""

from __future__ import annotations

from ..model.script import Directive
from ..semantics.sge_directives import pair_options, tokenize

PREFIX = "#$"


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
            tokens, error = tokenize(text, pos + len(PREFIX), stop)
            directives.append(
                Directive(
                    "sge",
                    PREFIX,
                    line_no,
                    pos,
                    content_end,
                    tuple(tokens),
                    tuple(pair_options(tokens)),
                    True,
                    error,
                    hash_at if hash_at >= 0 else None,
                )
            )
        if nl < 0:
            break
        pos = nl + 1
    return directives
