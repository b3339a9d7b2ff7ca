"""Text from a file can hold undecodable bytes (kept as lone surrogates); a terminal cannot."""

from __future__ import annotations

from ..patterns import lazy

_SURROGATE = lazy("[\ud800-\udfff]")


def printable(text: str) -> str:
    """The text with each undecodable byte shown as U+FFFD (one character: columns stay right)."""
    if text.isascii():
        return text  # most text: no character to replace, and no search for one
    return _SURROGATE.sub("\ufffd", text)
