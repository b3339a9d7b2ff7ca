"""What a code block of a guide is: its language from the info string, whether it is a job
script, whether it holds commands jobcheck reads, console prompts, and placeholders.

A guide's shell blocks are of three kinds. A job script (a `#!` line first, or a scheduler
directive line) is checked alone, as the job it is. A block of commands jobcheck understands
(apptainer/singularity, srun, docker/podman, sbatch/qsub/bsub) is part of the guide's session:
the reader types the blocks one after the other. Anything else (installing packages, editing a
file) is left alone: jobcheck has nothing to say about it and would only guess.
"""

from __future__ import annotations

import unicodedata

from ..patterns import lazy
from .mapping import Line

SHELL_INFO = frozenset(
    {
        "",
        "bash",
        "sh",
        "shell",
        "zsh",
        "ksh",
        "slurm",
        "sbatch",
        "console",
        "shell-session",
        "sh-session",
        "shellsession",
        "bash-session",
        "terminal",
        "pbs",
        "lsf",
    }
)
CONSOLE_INFO = frozenset({"console", "shell-session", "sh-session", "shellsession", "bash-session", "terminal"})
PYTHON_INFO = frozenset({"python", "py", "python3", "ipython", "ipython3"})

DIRECTIVE_LINE_RE = lazy(r"^(#SBATCH|#PBS|#BSUB|#\$ )")
UNDERSTOOD_RE = lazy(r"(?:^|[\s;&|(`!])(?:apptainer|singularity|srun|docker|podman|sbatch|qsub|bsub)(?=\s|$)")
# `$ cmd`, `[user@login ~]$ cmd`, `user@host:~/dir$ cmd`, `(venv) $ cmd`
PROMPT_RE = lazy(r"^(?:\([^()\n]*\)\s*)?(?:\[[^\]\n]*\]|[\w.-]+@[\w.-]+(?::[^\s$]*)?)?\$ ")
CONTINUATION_PROMPT = "> "
# `<YOUR_ACCOUNT>`, `<harbor URL>`: never a redirection in a guide (no space after `<`, a name inside).
ANGLE_PLACEHOLDER_RE = lazy(r"(?<![<\w])<([A-Za-z][\w.-]*(?: [\w.-]+)*)>(?!>)")
DIRECTIVE_PLACEHOLDER_RE = lazy(r"<([^<>\n]+)>")
NOT_WORD_RE = lazy(r"\W")


def info_word(info: str) -> str:
    """The language word of an info string: `bash`, `{.bash}`, `bash title="job.sh"` -> 'bash'."""
    words = info.strip().split(None, 1)
    return words[0].strip("{}").lstrip(".").lower() if words else ""


def info_language(info: str) -> str | None:
    """'shell', 'python' or None (not a block jobcheck reads) for a fence's info string."""
    word = info_word(info)
    return "shell" if word in SHELL_INFO else "python" if word in PYTHON_INFO else None


def is_console_info(info: str) -> bool:
    return info_word(info) in CONSOLE_INFO


def is_job(lines: list[Line]) -> bool:
    """A job script: its first line is `#!`, or a line is a scheduler directive."""
    first = next((line.text for line in lines if line.text.strip()), "")
    return first.startswith("#!") or any(DIRECTIVE_LINE_RE.match(line.text) for line in lines)


def has_understood_commands(lines: list[Line]) -> bool:
    for line in lines:
        stripped = line.text.lstrip()
        if stripped and not stripped.startswith("#") and UNDERSTOOD_RE.search(stripped):
            return True
    return False


def looks_like_console(lines: list[Line]) -> bool:
    """The first line that is neither blank nor a comment starts with a prompt."""
    first = next((line.text for line in lines if line.text.strip() and not line.text.lstrip().startswith("#")), "")
    return bool(PROMPT_RE.match(first))


def strip_prompts(lines: list[Line]) -> list[Line]:
    """Commands of a console block without their prompts; output lines become blank lines that no
    fix may touch. A line after one ending in `\\` (or a `> ` line) goes on with the command."""
    kept = []
    going_on = False
    for line in lines:
        prompt = PROMPT_RE.match(line.text)
        if prompt is None and going_on and line.text.startswith(CONTINUATION_PROMPT):
            prompt_end = len(CONTINUATION_PROMPT)
        elif prompt is not None:
            prompt_end = prompt.end()
        elif going_on:
            prompt_end = 0
        else:
            kept.append(Line.blank(line.offsets[0]))
            continue
        kept.append(
            Line(line.text[prompt_end:], line.offsets[prompt_end:], line.prefix + line.text[:prompt_end], line.editable)
        )
        going_on = line.text.rstrip().endswith("\\")
    return kept


# ---- placeholders -------------------------------------------------------------------------


def angle_placeholders(line: Line) -> Line:
    """The line with each `<NAME>` placeholder read as one word (`_NAME_`, same length, so positions
    stay): a shell would read `<NAME>` as two redirections. In a directive line, where nothing is
    a redirection, anything in angle brackets is a placeholder (`<#sockets * s>`)."""
    directive = DIRECTIVE_LINE_RE.match(line.text)
    pattern = DIRECTIVE_PLACEHOLDER_RE if directive else ANGLE_PLACEHOLDER_RE
    found = list(pattern.finditer(line.text, directive.end() if directive else 0))
    if not found:
        return line
    text = line.text
    spans = []
    for match in found:
        start, end = match.span()
        text = text[:start] + "_" + NOT_WORD_RE.sub("_", match.group(1)) + "_" + text[end:]
        spans.append((start, end))
    return Line(text, line.offsets, line.prefix, line.editable, tuple(spans), line.text)


def placeholder_spans(line: Line) -> list[tuple[int, int]]:
    """Spans of `<NAME>` placeholders (already replaced) and of non-ASCII words in code: a
    directive's value or an unquoted command word (`--partition=파티션이름`). Comments and quoted
    text are the author's prose, not placeholders."""
    spans = list(line.replaced)
    text = line.text
    directive = DIRECTIVE_LINE_RE.match(text)
    i = directive.end() if directive else 0
    quote = ""
    while i < len(text):
        char = text[i]
        if quote:
            if char == quote or (quote == '"' and char == "\\" and i + 1 < len(text) and text[i + 1] == '"'):
                i += 1 if char == quote else 2
                quote = "" if char == quote else quote
                continue
            i += 1
            continue
        if char in "'\"" and not directive:
            quote = char
        elif char == "#" and (i == 0 or text[i - 1] in " \t"):
            break  # a comment (or, in a directive line, the comment after its options)
        elif not char.isascii() and _is_letter(char):
            start = i
            while i < len(text) and not text[i].isascii() and _is_letter(text[i]):
                i += 1
            spans.append((start, i))
            continue
        i += 1
    return sorted(spans)


def _is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"
