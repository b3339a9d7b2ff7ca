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

from ..knowledge import OptionTable, release_key, sbatch_options
from ..model.script import Directive
from ..patterns import lazy
from ..semantics.slurm_directives import BLANKS, pair_options, tokenize

PREFIXES = ("#SBATCH", "#SLURM")
SPACE_ESCAPE_SINCE = "24.05"  # "Add support for '\\ ' space escape in #SBATCH options"


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
    template_closer = None  # inside a template tag that spans lines (`<%` ... `%>`)
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
            directives.append(
                Directive(
                    "slurm", prefix, line_no, pos, content_end, tuple(tokens), tuple(options), in_header, error, comment
                )
            )
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
TEMPLATE_LINE_RE = lazy(
    r"(?:\{\{[^{}\n]*\}\}|\{[A-Za-z_][\w.{}]*\}|@@?[A-Za-z_]\w*@@?|\{%[^\n]*%\}"
    r"|<%[^\n]*%>|%\([A-Za-z_]\w*\)s)[ \t\r]*$"
)
# Template tags that may span lines: everything up to the closer is the template's code.
TEMPLATE_OPENERS_CLOSERS = {"<%": "%>", "{%": "%}"}
TEMPLATE_OPENERS = tuple(TEMPLATE_OPENERS_CLOSERS)
TEMPLATE_CLOSERS = tuple(TEMPLATE_OPENERS_CLOSERS.values())
# `#SBATCH`/`#SLURM` at the start of a line. The pattern starts with the `#` (found fast in a long
# text) and looks back for the line start, instead of a `^` tried at every position.
LATE_DIRECTIVE_RE = lazy(r"#(?<![^\n]#)(?:SBATCH|SLURM)")
