"""Did-you-mean: the nearest spellings of a misspelt name, for any rule that needs one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


def distance(a: str, b: str, limit: int | None = None) -> int:
    """Optimal string alignment distance (Levenshtein plus swapped neighbours)."""
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


class Suggestion(NamedTuple):
    candidates: tuple[str, ...]  # the names at the nearest distance (at most `limit`)
    distance: int  # that distance
    unique: bool  # exactly one name at that distance

    @property
    def best(self) -> str | None:
        return self.candidates[0] if self.candidates else None


def suggest(word: str, names: Iterable[str], max_distance: int = 2, limit: int = 3) -> Suggestion:
    """Names within `max_distance` edits of `word` (case-insensitively), nearest first.

    Only the names that share a deletion variant with the word are measured (two strings within
    k edits become equal after at most k deletions from each), looked up in an index built once
    per list of names: a header of 100,000 unknown options costs lookups, not 13 million
    distance tables."""
    names = tuple(names)
    lowered = word.lower()
    index, longest = _index(names, max_distance)
    scored = []
    if len(lowered) <= longest + max_distance:
        seen: set[int] = set()
        for variant in _deletions(lowered, max_distance):
            seen.update(index.get(variant, ()))
        for i in seen:
            d = distance(lowered, names[i].lower(), max_distance)
            if d <= max_distance:
                scored.append((d, names[i]))
    scored.sort()
    if not scored:
        return Suggestion((), max_distance + 1, False)
    best = scored[0][0]
    nearest = [n for d, n in scored if d == best]
    return Suggestion(tuple(nearest[:limit]), best, len(nearest) == 1)


_INDEXES: dict[tuple, tuple[dict[str, list[int]], int]] = {}
MAX_INDEXES = 64


def _index(names: tuple[str, ...], max_distance: int) -> tuple[dict[str, list[int]], int]:
    """Deletion variant -> positions of the names that have it, and the longest name's length."""
    key = (names, max_distance)
    found = _INDEXES.get(key)
    if found is None:
        index: dict[str, list[int]] = {}
        for i, name in enumerate(names):
            for variant in _deletions(name.lower(), max_distance):
                index.setdefault(variant, []).append(i)
        if len(_INDEXES) >= MAX_INDEXES:
            _INDEXES.clear()
        found = _INDEXES[key] = (index, max((len(n) for n in names), default=0))
    return found


def _deletions(word: str, count: int) -> set[str]:
    """The word with up to `count` characters deleted, every way."""
    found = {word}
    frontier = {word}
    for _ in range(count):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found
