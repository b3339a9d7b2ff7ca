"""Where the text of a job script belongs to another script.

Real job scripts often write or hold other job scripts: a heredoc fed to `cat > child.sh` or to
`sbatch`, a multi-line string (`echo "#!/bin/bash` ... `"`, `printf`, an assignment), a Python
string, or a second script pasted below the first one (a later `#!` line followed by its own
header). Directive lines in those places are the other script's request, not this job's: a
`#SBATCH` line there is not "ignored because it comes after the first command", and its values
are not this job's values.

The regions come from the shell front end's model (heredoc bodies and words that span lines),
from Python's tokenizer for a Python job, and from a plain text scan for heredocs, which also
covers scripts the shell front ends could not parse.
"""

from __future__ import annotations

import bisect
import io
import re
import tokenize

from ..patterns import lazy

Region = tuple[int, int]

# `<<EOF`, `<<-EOF`, `<< 'EOF'`, `<<"EOF"`, `<<\EOF` (not `<<<`, not arithmetic `1<<2`)
# `<<` not after `<` or a digit; the test looks back from after the `<<`, so that the pattern starts
# with the literal `<<` (which the regex engine finds fast: a whole-text search).
HEREDOC_START_RE = lazy(r"<<(?<![<0-9]<<)(-?)[ \t]*(?:(['\"])([A-Za-z_][\w.-]*)\2|\\?([A-Za-z_][\w.-]*))")
# A `#!` line after the first line starts a pasted script when a directive follows it.
PASTED_SHEBANG_RE = lazy(r"#!(?<![^\n]#!)[ \t]*/")  # at a line start (looked back for: see HEREDOC_START_RE)


class Regions:
    """Sorted, merged offset ranges, asked "is this offset inside one?" by bisection."""

    __slots__ = ("ends", "starts")

    def __init__(self, regions: list[Region]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(regions):
            if end <= start:
                continue
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def __contains__(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]

    def __bool__(self) -> bool:
        return bool(self.starts)

    def __iter__(self):
        return iter(zip(self.starts, self.ends, strict=True))


def shell_regions(text: str, commands, heredocs, parsed: bool) -> list[Region]:
    """Heredoc bodies and multi-line words of a shell script's model, plus, where the shell
    front ends could not parse the script (`parsed` is False), heredocs found by a text scan."""
    regions = [(doc.body_start, doc.body_end) for doc in heredocs]
    for command in commands:
        for word in command.words:
            if "\n" in word.text:
                regions.append((word.start, word.end))
        for assignment in command.assignments:
            if "\n" in assignment.value.text:
                regions.append((assignment.value.start, assignment.value.end))
    if not parsed:
        regions.extend(scanned_heredocs(text))
    return regions


def scanned_heredocs(text: str) -> list[Region]:
    """Heredoc bodies found in the text: a `<<TAG` on a line that is not a comment, its body
    from the next line to the line that is exactly TAG (tabs stripped for `<<-`). Bodies
    without a terminator are left out: that `<<` was probably not a heredoc."""
    regions: list[Region] = []
    body_start, resume = 0, 0  # the last body found: a `<<` inside it is the body's text
    line_start, body = -1, -1  # several heredocs on one line: bodies follow one another
    for match in HEREDOC_START_RE.finditer(text):
        at = match.start()
        if body_start <= at < resume:
            continue
        start_of_line = text.rfind("\n", 0, at) + 1
        if text[start_of_line:at].lstrip().startswith("#"):
            continue
        if start_of_line != line_start:
            line_start = start_of_line
            body = _next_line(text, at)
        strip_tabs, tag = match.group(1) == "-", match.group(3) or match.group(4)
        terminator = re.compile("^%s%s\r?$" % ("\t*" if strip_tabs else "", re.escape(tag)), re.MULTILINE)
        found = terminator.search(text, body)
        if found is None:
            continue
        regions.append((body, found.start()))
        body_start, body = body, _next_line(text, found.start())
        resume = body
    return regions


def _next_line(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl + 1


def python_regions(text: str) -> list[Region]:
    """String literals of a Python job that span lines (triple-quoted strings, f-strings)."""
    line_starts = [0]
    for match in re.finditer("\n", text):
        line_starts.append(match.end())

    def offset(row: int, column: int) -> int:
        return line_starts[row - 1] + column

    regions = []
    open_fstring: list[int] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            kind = tokenize.tok_name.get(token.type, "")
            if kind == "FSTRING_START":
                open_fstring.append(offset(*token.start))
            elif kind == "FSTRING_END" and open_fstring:
                start = open_fstring.pop()
                if token.end[0] > token.start[0] or "\n" in text[start : offset(*token.end)]:
                    regions.append((start, offset(*token.end)))
            elif token.type == tokenize.STRING and token.end[0] > token.start[0]:
                regions.append((offset(*token.start), offset(*token.end)))
    except (tokenize.TokenError, SyntaxError, IndentationError, IndexError):
        pass  # code that does not tokenize: the strings read so far are all we know
    return regions


def pasted_script_regions(text: str, directive_starts: list[int]) -> list[Region]:
    """From a `#!` line after the first line to the end of the file, when a directive line
    follows it before any other command: a second script pasted below the first."""
    regions = []
    for match in PASTED_SHEBANG_RE.finditer(text):
        start = match.start()
        if start == 0:
            continue
        i = bisect.bisect_left(directive_starts, start)
        if i == 0 and _only_comments_between(text, 0, start):
            continue  # a banner above this script's own shebang, not a first script (JC017 reports it)
        if i < len(directive_starts) and _only_comments_between(text, start, directive_starts[i]):
            regions.append((start, len(text)))
            break
    return regions


def _only_comments_between(text: str, start: int, stop: int) -> bool:
    for line in text[start:stop].splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return False
    return True
