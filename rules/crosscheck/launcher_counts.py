"""Launcher options that set counts, and reading their values (JC305, JC306)."""

from __future__ import annotations

import re

CPUS = ("-c", "--cpus-per-task")
# Launcher options that take the next word as their value.
VALUE_OPTION_RE = re.compile(r"^-(n|N|c|np|-ntasks|-nodes|-cpus-per-task|x|-mpi|o|e|p|t|-map-by|-bind-to)$")


def option_values(words, names):
    """(word, value) for each `NAME VALUE`, `NAME=VALUE` or `-nVALUE` among `words`."""
    found = []
    for i, word in enumerate(words):
        text = word.value if word.value is not None else word.literal_prefix
        for name in names:
            if text == name and i + 1 < len(words):
                found.append((word, words[i + 1].value))
            elif text.startswith(name + "=") and name.startswith("--"):
                found.append((word, text.split("=", 1)[1]))
            elif len(name) == 2 and text.startswith(name) and text[2:].isdigit() and not name.startswith("--"):
                found.append((word, text[2:]))
    return found


def _first_positional(args) -> int:
    """Where the launched program starts (options with a value are skipped roughly)."""
    i = 0
    while i < len(args):
        text = args[i].value if args[i].value is not None else args[i].literal_prefix
        if not text.startswith("-"):
            return i
        if "=" not in text and VALUE_OPTION_RE.match(text):
            i += 1
        i += 1
    return len(args)
