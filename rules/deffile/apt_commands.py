"""apt command names and words in definition-file sections (JC515, JC516)."""

from __future__ import annotations

APT = ("apt-get", "apt")


def _words(command) -> list[str]:
    return [w.value or "" for w in command.words]
