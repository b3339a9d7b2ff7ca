"""Plugin entry points without importing importlib.metadata.

Importing importlib.metadata pulls in email, zipfile, pathlib, csv, socket, ...: most of the 14%
of CPU time a one-file `jobcheck job.sh` run saves without it (README "Performance"). Finding
the `jobcheck.plugins` entry points needs far less: the `entry_points.txt` of each `*.dist-info` /
`*.egg-info` folder on sys.path, taken the way importlib.metadata takes them (sys.path order,
the first distribution of each normalised name wins, `[group]` sections of `name = value`
lines). Where sys.path holds something this reader does not walk (a zip file, an `.egg`), or a
meta-path finder of its own finds distributions, importlib.metadata answers instead.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cached_property, reduce
from typing import NamedTuple

from ..patterns import lazy

METADATA_DIRS = (".dist-info", ".egg-info")
# importlib.metadata's pattern (it only ever .match()es it), anchored so a search stays linear.
ENTRY_RE = lazy(r"^(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


class Distribution:
    """An installed distribution, known by its metadata folder; its name and version read on demand."""

    def __init__(self, path: str) -> None:
        self.path = path  # the .dist-info / .egg-info folder

    def __repr__(self) -> str:
        return "Distribution(%r)" % self.path

    @cached_property
    def _headers(self) -> dict[str, str]:
        headers: dict[str, str] = {}
        for name in ("METADATA", "PKG-INFO"):
            text = _read(os.path.join(self.path, name))
            if text is None:
                continue
            for line in text.splitlines():
                if not line.strip():
                    break
                key, sep, value = line.partition(":")
                if sep and key in ("Name", "Version") and key not in headers:
                    headers[key] = value.strip()
            break
        return headers

    @property
    def name(self) -> str | None:
        return self._headers.get("Name")

    @property
    def version(self) -> str | None:
        return self._headers.get("Version")


class EntryPoint(NamedTuple):
    name: str
    value: str
    group: str
    dist: Distribution | None = None

    def load(self):
        import importlib

        match = ENTRY_RE.match(self.value)
        if match is None:
            raise ValueError("malformed entry point value %r" % self.value)
        module = importlib.import_module(match.group("module"))
        return reduce(getattr, filter(None, (match.group("attr") or "").split(".")), module)


def entry_points(group: str) -> list:
    """The entry points of `group` across the installed distributions, as importlib.metadata
    finds them (its own EntryPoint objects when it is the one that answers)."""
    found = _scan(group)
    if found is None:
        from importlib import metadata

        return list(metadata.entry_points(group=group))
    return found


def _scan(group: str) -> list[EntryPoint] | None:
    if _other_finders():
        return None
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for entry in sys.path:
        root = entry or "."
        if not isinstance(entry, str) or os.path.isfile(root) or root.lower().endswith(".egg"):
            return None  # a zip or an egg: importlib.metadata knows how to read those
        try:
            children = os.listdir(root)
        except OSError:
            continue
        for child in children:
            low = child.lower()
            if low == "egg-info" and root.lower().endswith(".egg"):
                return None
            if not low.endswith(METADATA_DIRS):
                continue
            key = normalize(low.rpartition(".")[0].partition("-")[0])
            if key in seen:
                continue
            seen.add(key)
            path = os.path.join(root, child)
            text = _read(os.path.join(path, "entry_points.txt"))
            if text:
                found.extend(_parse(text, group, Distribution(path)))
    return found


def _other_finders() -> bool:
    """Whether a meta-path finder other than the standard path finder finds distributions."""
    from importlib.machinery import PathFinder

    return any(hasattr(finder, "find_distributions") and finder is not PathFinder for finder in sys.meta_path)


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _parse(text: str, group: str, dist: Distribution) -> list[EntryPoint]:
    out = []
    section = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section == group:
            name, _, value = line.partition("=")
            out.append(EntryPoint(name.strip(), value.strip(), group, dist))
    return out


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None
