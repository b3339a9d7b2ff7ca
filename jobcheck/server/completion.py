"""Completion of option names after `#SBATCH --` (and `#PBS -`, `#BSUB -`, `#$ -`) and of
flags after `apptainer exec --` (any subcommand, and the global flags before it)."""

from __future__ import annotations

from lsprotocol import types

from ..knowledge import sbatch_options
from ..patterns import lazy
from ..semantics.containers import CONTAINER_TOOLS, TWO_WORD_COMMANDS, implementations_for, known_flags
from . import docs

SBATCH_RE = lazy(r"^#(?:SBATCH|SLURM)\b.*?(?:^|\s)--([A-Za-z0-9-]*)$")
FOREIGN_RE = lazy(
    r"^[ \t]*#(PBS|BSUB)\b.*?(?:\s)(-[A-Za-z_]*)$"
    r"|^#(\$)[ \t].*?(?:\s|^)(-[A-Za-z_]*)$"
    r"|^#(\$)[ \t]*(-[A-Za-z_]*)$"
)
TOOLS = {"PBS": "pbs", "BSUB": "lsf", "$": "sge"}


def complete(source, position, positions, settings) -> list[types.CompletionItem]:
    if position.line >= source.line_count:
        return []
    line = source.line_text(position.line + 1)
    cursor = positions.offset(position) - source.line_starts[position.line]
    before = line[:cursor]
    m = SBATCH_RE.match(before)
    if m:
        return _sbatch(m.group(1), position, settings.slurm_version)
    m = FOREIGN_RE.match(before)
    if m:
        prefix, typed = next((m.group(i), m.group(i + 1)) for i in (1, 3, 5) if m.group(i))
        return _scheduler(TOOLS[prefix], typed, position)
    return _container(_logical_line(source, position.line + 1, before), position, settings.container_runtime)


def _replace(position: types.Position, typed: str, text: str) -> types.TextEdit:
    start = types.Position(line=position.line, character=position.character - len(typed))
    return types.TextEdit(range=types.Range(start=start, end=position), new_text=text)


def _sbatch(typed: str, position, release) -> list[types.CompletionItem]:
    items = []
    for name, option in sorted(sbatch_options().for_release(release).items()):
        if not name.startswith(typed):
            continue
        insert = name + ("=" if option.arg == "required" else "")
        items.append(
            types.CompletionItem(
                label="--" + name,
                kind=types.CompletionItemKind.Property,
                detail=docs.sbatch_summary(name) or None,
                documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=docs.sbatch_markdown(name)),
                filter_text=name,
                text_edit=_replace(position, typed, insert),
            )
        )
    return items


def _scheduler(tool: str, typed: str, position) -> list[types.CompletionItem]:
    items = []
    for flag in docs.scheduler_flags(tool):
        if not flag.startswith(typed):
            continue
        items.append(
            types.CompletionItem(
                label=flag,
                kind=types.CompletionItemKind.Property,
                detail=docs.scheduler_summary(tool, flag) or None,
                documentation=types.MarkupContent(
                    kind=types.MarkupKind.Markdown, value=docs.scheduler_markdown(tool, flag)
                ),
                text_edit=_replace(position, typed, flag + " "),
            )
        )
    return items


def _logical_line(source, line_no: int, before: str) -> str:
    """The command text up to the cursor, with `\\`-continued lines above joined on."""
    parts = [before]
    while line_no > 1 and source.line_text(line_no - 1).endswith("\\"):
        line_no -= 1
        parts.insert(0, source.line_text(line_no)[:-1])
    return " ".join(parts)


def _container(text: str, position, runtime: str) -> list[types.CompletionItem]:
    words = text.split()
    if not words or not words[-1].startswith("--") or "=" in words[-1]:
        return []
    typed = words[-1][2:]
    tool_at = max((i for i, w in enumerate(words[:-1]) if w.rsplit("/", 1)[-1] in CONTAINER_TOOLS), default=None)
    if tool_at is None:
        return []
    tool = words[tool_at].rsplit("/", 1)[-1]
    implementations = implementations_for(tool, runtime)
    command = _command(words[tool_at + 1 : -1], implementations)
    if command is None:
        return []
    flags = known_flags(implementations, command)
    items = []
    for name, flag in sorted(flags.items()):
        if flag.hidden or not name.startswith(typed):
            continue
        items.append(
            types.CompletionItem(
                label="--" + name,
                kind=types.CompletionItemKind.Property,
                detail=docs.apptainer_help(command, name) or None,
                documentation=types.MarkupContent(
                    kind=types.MarkupKind.Markdown, value=docs.apptainer_markdown(tool, command, implementations, name)
                ),
                tags=[types.CompletionItemTag.Deprecated] if flag.deprecated else None,
                filter_text=name,
                text_edit=_replace(position, typed, name + (" " if flag.takes_value else "")),
            )
        )
    return items


def _command(words: list[str], implementations) -> str | None:
    """The subcommand the cursor's flag belongs to ('global' before it), or None once the image
    (the first word that is no flag or flag value) has been passed: later words are the program's."""
    command = "global"
    flags = known_flags(implementations, command)
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            return None
        if word.startswith("-"):
            name = word.lstrip("-").split("=", 1)[0]
            flag = (
                flags.get(name)
                if word.startswith("--")
                else next((f for f in flags.values() if f.short and f.short == name[-1:]), None)
            )
            if flag is not None and flag.takes_value and "=" not in word:
                i += 1
        elif command == "global":
            command = word
            if word in TWO_WORD_COMMANDS and i + 1 < len(words):
                command = "%s %s" % (word, words[i + 1])
                i += 1
            flags = known_flags(implementations, command)
        else:
            return None
        i += 1
    return command
