"""Reading an `apptainer` / `singularity` command line the way cobra + pflag read it.

    apptainer [global flags] SUBCOMMAND [flags] IMAGE [ARGS...]

- global flags are valid only before the subcommand;
- flag parsing stops at the first positional word (the image) or at `--`: anything after the
  image goes to the program in the container, even `--nv`;
- `--flag value`, `--flag=value`, `-B value`, `-B=value`, `-Bvalue`; grouped short bools (`-eC`);
- no abbreviations: `--writable-tmp` is an unknown flag.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from ..knowledge import CONTAINER_IMPLEMENTATIONS, ContainerFlag, container_commands, container_flags
from ..model.script import Command, Word
from ..model.words import LITERAL, UNQUOTED

CONTAINER_TOOLS = ("apptainer", "singularity")
TWO_WORD_COMMANDS = ("instance",)


class FlagUse(NamedTuple):
    word: Word  # the word holding the flag
    spelled: str  # '--bind', '-B', '--writeable-tmpfs'
    name: str | None  # canonical long name, None when unknown
    value: Word | None  # the value (attached after '=' / to a short flag, or the next word)
    flag: ContainerFlag | None = None
    dynamic: bool = False  # the flag's name itself comes from an expansion (`--$OPT`)

    @property
    def start(self) -> int:
        return self.word.start

    @property
    def end(self) -> int:
        return self.value.end if self.value is not None and self.value.start >= self.word.end else self.word.end


@dataclass
class ContainerCall:
    """One apptainer/singularity command line, read the way the tool reads its arguments."""

    tool: str  # 'apptainer' or 'singularity' (basename as written)
    implementations: tuple[str, ...]  # which implementations this may be
    command: str | None  # 'exec', 'instance start', ... (None when missing)
    command_words: tuple[Word, ...] = ()
    global_flags: list[FlagUse] = field(default_factory=list)
    flags: list[FlagUse] = field(default_factory=list)
    image: Word | None = None
    args: tuple[Word, ...] = ()  # what follows the image
    words: tuple[Word, ...] = ()  # the whole command line, from the tool's name on
    origin: Command | None = None  # the command the call is part of (set by the caller)
    # unquoted `$VAR` words read where flags or the image stand: each may be empty or several words
    # (flags included), so the flags and the argument count are not known for sure
    opaque: list[Word] = field(default_factory=list)

    def known_flags(self) -> dict[str, ContainerFlag]:
        return known_flags(self.implementations, self.command or "")


def implementations_for(tool: str, runtime: str = "either") -> tuple[str, ...]:
    if tool == "apptainer":
        return ("apptainer",)
    if runtime in CONTAINER_IMPLEMENTATIONS:
        return (runtime,)
    return CONTAINER_IMPLEMENTATIONS


@cache
def known_flags(implementations: tuple[str, ...], command: str) -> dict[str, ContainerFlag]:
    """The union of the command's flags over the implementations it may be (shared: do not change)."""
    merged: dict[str, ContainerFlag] = {}
    for impl in implementations:
        for name, flag in container_flags(impl, command).items():
            merged.setdefault(name, flag)
    return merged


def parse_call(
    words: tuple[Word, ...], runtime: str = "either", images: frozenset[int] = frozenset()
) -> ContainerCall | None:
    """Parse words[0:] as a container command line; None when words[0] is not apptainer/singularity.
    `images`: start offsets of unquoted `$VAR` words known to hold the image (not flags)."""
    if not words or words[0].value is None:
        return None
    tool = words[0].value.rpartition("/")[2]
    if tool not in CONTAINER_TOOLS:
        return None
    impls = implementations_for(tool, runtime)
    call = ContainerCall(tool, impls, None, words=tuple(words))
    i = _parse_flags(words, 1, known_flags(impls, "global"), call.global_flags)
    if i >= len(words) or words[i].value is None:
        return call
    command = words[i].value
    commands = _commands_of(impls)
    if command in TWO_WORD_COMMANDS and i + 1 < len(words) and "%s %s" % (command, words[i + 1].value) in commands:
        call.command, call.command_words = "%s %s" % (command, words[i + 1].value), words[i : i + 2]
        i += 2
    elif command in commands:
        call.command, call.command_words = command, words[i : i + 1]
        i += 1
    else:
        return call  # a subcommand jobcheck has no table for: flags are not checked
    i = _parse_flags(words, i, call.known_flags(), call.flags)
    # `exec $NV_FLAGS --bind /x image.sif`: an unquoted expansion followed by a flag held flags
    while i + 1 < len(words) and bare_expansion(words[i]) and _flag_like(words[i + 1]) and words[i].start not in images:
        call.opaque.append(words[i])
        i = _parse_flags(words, i + 1, call.known_flags(), call.flags)
    if i < len(words):
        call.image = words[i]
        call.args = words[i + 1 :]
        if bare_expansion(call.image):
            call.opaque.append(call.image)
    return call


def bare_expansion(word: Word) -> bool:
    """The word is nothing but unquoted expansions (`$OPTS`, `${BINDS}`, `$A$B`): the shell splits
    its value into any number of words, none at all when it is empty."""
    text = word.text
    if "$" not in text and "`" not in text and "(" not in text:
        return False  # no expansion at all (most words): no need to lex the word
    parts = word.parts
    return bool(parts) and all(p.kind != LITERAL and p.quote == UNQUOTED for p in parts)


def _flag_like(word: Word) -> bool:
    text = word.value if word.value is not None else word.literal_prefix
    return text.startswith("-") and text != "-"


@cache
def _commands_of(implementations: tuple[str, ...]) -> frozenset[str]:
    """The subcommands any of the implementations has (a call is parsed per command of a script)."""
    return frozenset(c for impl in implementations for c in container_commands(impl))


def leading_flags(words: tuple[Word, ...], table: dict[str, ContainerFlag]) -> list[FlagUse]:
    """The known flags at the start of `words` (used to find flags written after the image)."""
    found: list[FlagUse] = []
    _parse_flags(words, 0, table, found)
    known = []
    for use in found:
        if use.name is None:
            break
        known.append(use)
    return known


_SHORTS: dict[int, dict[str, ContainerFlag]] = {}  # the tables are cached for the process: ids are stable


def _parse_flags(words, i: int, table: dict[str, ContainerFlag], out: list[FlagUse]) -> int:
    shorts = _SHORTS.get(id(table))
    if shorts is None:
        shorts = _SHORTS[id(table)] = {f.short: f for f in table.values() if f.short}
    n = len(words)
    while i < n:
        word = words[i]
        static = word.value
        text = static if static is not None else word.literal_prefix
        if static is None and (text == "-" or (text.startswith("--") and "=" not in text)):
            # `--$OPT`, `-$X`: a flag whose name is only known at run time
            out.append(FlagUse(word, text, None, None, None, dynamic=True))
            i += 1
            continue
        if text == "--":
            return i + 1
        if not text.startswith("-") or text == "-":
            return i
        if text.startswith("--"):
            name, eq, _ = text[2:].partition("=")
            flag = table.get(name)
            value = None
            if eq:
                offset = word.text.find("=")
                value = word.sub(word.start + offset + 1, word.end) if offset >= 0 else None
            elif flag is not None and flag.takes_value and i + 1 < n:
                value = words[i + 1]
                i += 1
            out.append(FlagUse(word, "--" + name, name if flag else None, value, flag))
            i += 1
            continue
        # one or more short flags in one word
        j = 1
        while j < len(text):
            letter = text[j]
            flag = shorts.get(letter)
            if flag is None:
                out.append(FlagUse(word, "-" + letter, None, None, None))
                break
            if not flag.takes_value:
                out.append(FlagUse(word, "-" + letter, flag.long, None, flag))
                j += 1
                continue
            rest = text[j + 1 :]
            if rest:
                rest = rest[1:] if rest.startswith("=") else rest
                offset = len(word.text) - len(rest)
                value = word.sub(word.start + offset, word.end) if word.text.endswith(rest) else None
            elif i + 1 < n:
                value = words[i + 1]
                i += 1
            else:
                value = None
            out.append(FlagUse(word, "-" + letter, flag.long, value, flag))
            break
        i += 1
    return i
