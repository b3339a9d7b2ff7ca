"""Where Python code sits in a shell job, as (code, offsets) pairs for the Python front end.

- `python -c CODE` (also behind srun, mpirun, apptainer exec IMG, conda run, ...): the code is
  the word after quote removal;
- `python - <<EOF ... EOF` and `python <<EOF`: the heredoc body, as the shell hands it over.

`offsets[i]` is the file offset of code[i]. Shell expansions in the code (`$VAR`, `${...}`,
`$( )`, backquotes in a "..." word or an unquoted heredoc) are the shell's business, not
Python's: each is replaced by underscores of the same length, an opaque name to Python.
"""

from __future__ import annotations

from typing import Protocol

from ..model.words import LITERAL, SINGLE, _match_paren
from ..patterns import lazy
from ..semantics.code_words import code_words, is_python
from ..semantics.command_views import runs_other_commands, views

PLACEHOLDER = "_"
PYTHON_WORD_RE = lazy(r"python|pypy")


class Offsets(Protocol):
    """offsets[i]: the file offset of code[i] (one entry more than the code: its end)."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: int) -> int: ...


class Shifted:
    """offsets for code copied verbatim from the file at `base`: code[i] is at base + i."""

    def __init__(self, base: int, length: int):
        self.base, self.length = base, length

    def __len__(self) -> int:
        return self.length + 1

    def __getitem__(self, index: int) -> int:
        if index < 0:
            index += self.length + 1
        return self.base + index


def python_sources(script) -> list[tuple[str, Offsets, str, bool]]:
    """(code, offsets, origin, has placeholders) for each piece of Python the shell runs."""
    found: list[tuple[str, Offsets, bool, str]] = []
    text = script.text
    for command in script.commands:
        if not PYTHON_WORD_RE.search(text, command.start, command.end):
            continue  # most commands: no need to unwrap launchers (which reads every word)
        if not is_python(command.basename) and not runs_other_commands(command, script.launchers):
            continue  # `echo python`, `pip install ...`: not Python, and runs nothing else
        for view in views(command, launchers=script.launchers):
            if not is_python(view.basename):
                continue
            words = code_words(view)
            if words:
                found.append(_from_word(words[0]) + ("python -c",))
            elif _reads_stdin(view) and command.heredocs:
                found.append(_from_heredoc(script.text, command.heredocs[-1]) + ("heredoc",))
            break
    return [(code, offsets, origin, placeholders) for code, offsets, placeholders, origin in found]


def _reads_stdin(view) -> bool:
    """`python`, `python -u -`, `python -`: no script file, no -m module, no -c code."""
    args = view.args
    i = 0
    while i < len(args):
        text = args[i].value
        if text is None:
            return False
        if text == "-":
            return True
        if not text.startswith("-") or text.startswith(("-m", "-c")):
            return False
        if text in ("-W", "-X", "--check-hash-based-pycs"):
            i += 1
        i += 1
    return True


def _from_word(word) -> tuple[str, list[int], bool]:
    text = word.text
    code: list[str] = []
    offsets: list[int] = []
    placeholders = False
    for part in word.parts:
        if part.kind != LITERAL:
            placeholders = True
            code.append(PLACEHOLDER * (part.end - part.start))
            offsets.extend(range(part.start, part.end))
            continue
        source = text[part.start - word.start : part.end - word.start]
        if part.quote == SINGLE and source.startswith("'"):
            source_base = part.start + 1
            source = source[1:]
        else:
            source_base = part.start
        code.append(part.value)
        offsets.extend(_align(part.value, source, source_base, part.end))
    offsets.append(word.end - 1 if text.endswith(("'", '"')) else word.end)
    return "".join(code), offsets, placeholders


def _align(value: str, source: str, base: int, end: int) -> list[int]:
    """File offsets of value's characters: value is the source with quotes and escape
    backslashes removed, so it is matched as a subsequence of it."""
    out = []
    i = 0
    for char in value:
        while i < len(source) and source[i] != char:
            i += 1
        out.append(base + i if i < len(source) else max(base, end - 1))
        i += 1
    return out


def _from_heredoc(text: str, heredoc) -> tuple[str, Offsets, bool]:
    body_start, body_end = heredoc.body_start, heredoc.body_end
    strip_tabs = heredoc.op == "<<-"
    if heredoc.quoted and not strip_tabs:
        return text[body_start:body_end], Shifted(body_start, body_end - body_start), False
    code: list[str] = []
    offsets: list[int] = []
    placeholders = False
    bounded = text[:body_end]  # expansions cannot run past the body
    i = body_start
    at_line_start = True
    while i < body_end:
        char = text[i]
        if strip_tabs and at_line_start and char == "\t":
            i += 1
            continue
        at_line_start = char == "\n"
        if heredoc.quoted:
            code.append(char)
            offsets.append(i)
            i += 1
            continue
        if char == "\\" and i + 1 < body_end and text[i + 1] in "$`\\\n":
            if text[i + 1] != "\n":
                code.append(text[i + 1])
                offsets.append(i + 1)
            i += 2
            continue
        end = _expansion_end(bounded, i)
        if end > i:
            placeholders = True
            code.append(PLACEHOLDER * (end - i))
            offsets.extend(range(i, end))
            i = end
            continue
        code.append(char)
        offsets.append(i)
        i += 1
    offsets.append(body_end)
    return "".join(code), offsets, placeholders


def _expansion_end(text: str, i: int) -> int:
    """End of the shell expansion starting at text[i] in a heredoc body (`text` ends with the
    body), or i if there is none."""
    limit = len(text)
    char = text[i]
    if char == "`":
        j = i + 1
        while j < limit and text[j] != "`":
            j += 2 if text[j] == "\\" else 1
        return min(limit, j + 1)
    if char != "$" or i + 1 >= limit:
        return i
    nxt = text[i + 1]
    if nxt == "(":
        return min(limit, _match_paren(text, i + 1))
    if nxt == "{":
        close = text.find("}", i + 2, limit)
        return limit if close < 0 else close + 1
    if nxt.isalpha() or nxt == "_":
        j = i + 2
        while j < limit and (text[j].isalnum() or text[j] == "_"):
            j += 1
        return j
    if nxt.isdigit() or nxt in "@*#?$!-":
        return i + 2
    return i
