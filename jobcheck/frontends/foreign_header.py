"""`#PBS` and `#BSUB` lines, read the way sbatch's translator (xlate.c) reads them.

sbatch looks at these lines in any script it runs, unless `--ignore-pbs` is given: anywhere in
the file (not only in the header), until it has seen 100 lines that do not start with `#`. The
words are split by the same tokenizer as `#SBATCH` lines (a `#` ends the line), and options are
paired by a getopt over the option letters sbatch translates (from sbatch 22.05.8; any other
letter is an "invalid option"). Directives come back as the same neutral Directive objects as
`#SBATCH` lines, with scheduler 'pbs' or 'lsf' and each option's letter as its name.
"""

from __future__ import annotations

from ..knowledge import LongOption
from ..model.script import Directive
from ..semantics.slurm_directives import pair_options, tokenize

# Letters sbatch's translator takes a value for, and letters that take none.
LETTERS = {
    "#PBS": ("pbs", "aAcCeJjklmMNopqrStuvW", "hIVz"),
    "#BSUB": ("lsf", "ceJmMnoqW", "x"),
}
MAX_OTHER_LINES = 100  # sbatch stops looking after this many lines that do not start with '#'


def _letters(with_value: str, without: str) -> dict[str, LongOption]:
    shorts = {c: LongOption(c, c, "required", ()) for c in with_value}
    shorts.update({c: LongOption(c, c, "none", ()) for c in without})
    return shorts


SHORTS = {prefix: _letters(with_value, without) for prefix, (_, with_value, without) in LETTERS.items()}


def scan(text: str) -> list[Directive]:
    directives: list[Directive] = []
    other_lines = 0
    pos = 0
    line_no = 0
    n = len(text)
    while pos <= n and other_lines <= MAX_OTHER_LINES:
        line_no += 1
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        if text.startswith("#", pos):
            prefix = next(
                (
                    p
                    for p in LETTERS
                    if text.startswith(p, pos) and (pos + len(p) == end or text[pos + len(p)] in " \t\r")
                ),
                None,
            )
            if prefix is not None:
                tokens, error, comment = tokenize(text, pos + len(prefix), end)
                options = pair_options(tokens, {}, SHORTS[prefix])
                content_end = end - 1 if text.endswith("\r", pos, end) else end
                directives.append(
                    Directive(
                        LETTERS[prefix][0],
                        prefix,
                        line_no,
                        pos,
                        content_end,
                        tuple(tokens),
                        tuple(options),
                        True,
                        error,
                        comment,
                    )
                )
        else:
            other_lines += 1
        if nl < 0:
            break
        pos = nl + 1
    return directives
