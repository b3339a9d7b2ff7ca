"""Did-you-mean: the nearest spellings of a misspelt name, for any rule that needs one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


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


@dataclass(frozen=True)
class Suggestion:
    candidates: tuple[str, ...]   # the names at the nearest distance (at most `limit`)
    distance: int                 # that distance
    unique: bool                  # exactly one name at that distance

    @property
    def best(self) -> str | None:
        return self.candidates[0] if self.candidates else None


def suggest(word: str, names: Iterable[str], max_distance: int = 2, limit: int = 3) -> Suggestion:
    """Names within `max_distance` edits of `word` (case-insensitively), nearest first."""
    scored = []
    lowered = word.lower()
    for name in names:
        d = distance(lowered, name.lower(), max_distance)
        if d <= max_distance:
            scored.append((d, name))
    scored.sort()
    if not scored:
        return Suggestion((), max_distance + 1, False)
    best = scored[0][0]
    nearest = [n for d, n in scored if d == best]
    return Suggestion(tuple(nearest[:limit]), best, len(nearest) == 1)
