"""The options of an `srun` command, read as srun's getopt_long reads them."""

from __future__ import annotations

from ..knowledge import srun_options
from ..model.script import Word
from .slurm_directives import resolve_long


def srun_option_words(words: tuple[Word, ...], i: int = 1) -> tuple[list[tuple], int]:
    """The options of an `srun` command from word `i` on, read as srun's getopt_long reads
    them: ([(option or None, option word, value word or None)], index of the command srun runs)."""
    table = srun_options()
    longs = table.for_release(None)
    shorts = table.shorts(None)
    found: list[tuple] = []
    n = len(words)
    while i < n:
        word = words[i]
        static = word.value
        text = static if static is not None else word.literal_prefix
        if text == "--":
            return found, i + 1
        if text.startswith("--"):
            name, eq, _ = text[2:].partition("=")
            option, _ = resolve_long(name, longs)
            value = None
            if eq:
                offset = word.text.find("=")
                value = word.sub(word.start + offset + 1, word.end) if offset >= 0 else None
            elif option is not None and option.arg == "required" and i + 1 < n:
                value = words[i + 1]
                i += 1
            found.append((option, word, value))
            i += 1
            continue
        if text.startswith("-") and len(text) > 1:
            option = shorts.get(text[1])
            value = None
            if option is not None and option.arg == "required" and len(text) == 2 and i + 1 < n:
                value = words[i + 1]
                i += 1
            found.append((option, word, value))
            i += 1
            continue
        return found, i
    return found, n
