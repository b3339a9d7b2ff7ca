"""Which files to check: every path given, and the job scripts below each folder given.

A file named on the command line is always checked. Below a folder, a file is checked when
its name ends in a job-script extension, or when it has no extension and its first 4 KiB hold
a scheduler directive or a shell/Python shebang, or when it is a `.py` file whose first 4 KiB
hold a scheduler directive. Version-control, virtualenv and cache
folders are skipped; symbolic links to folders are not followed (no loops).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

JOB_EXTENSIONS = frozenset({".sh", ".bash", ".slurm", ".sbatch", ".job", ".batch", ".pbs", ".qsub",
                            ".lsf", ".bsub", ".sge", ".ksh", ".zsh"})
SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox",
                       ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis", ".eggs"})
SNIFF_BYTES = 4096
# Python job scripts (`#!/usr/bin/env python3` + `#SBATCH`) are checked when they hold a directive.
SNIFFED_EXTENSIONS = frozenset({".py"})
DIRECTIVE_RE = re.compile(rb"^(#SBATCH|#SLURM|#PBS|#BSUB|#\$ )", re.MULTILINE)
SHEBANG_RE = re.compile(rb"^#!\s*\S*/(env\s+(-\S+\s+)*)?(ba|z|k|da)?sh\b|^#!\s*\S*python", re.ASCII)


@dataclass(frozen=True)
class Target:
    path: str
    explicit: bool       # named on the command line (checked whatever it looks like)


def discover(paths: list[str]) -> list[Target]:
    targets: list[Target] = []
    seen: set[str] = set()
    for path in paths:
        if path != "-" and os.path.isdir(path):
            for found in _walk(path):
                if found not in seen:
                    seen.add(found)
                    targets.append(Target(found, False))
        elif path not in seen:
            seen.add(path)
            targets.append(Target(path, True))
    return targets


def _walk(top: str) -> list[str]:
    found = []
    for directory, dirs, files in os.walk(top, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info"))
        for name in sorted(files):
            path = os.path.join(directory, name)
            if is_job_script(path, name):
                found.append(path)
    return found


def is_job_script(path: str, name: str) -> bool:
    ext = os.path.splitext(name)[1].lower()
    if ext in JOB_EXTENSIONS:
        return os.path.exists(path)  # a broken symbolic link is nothing to check
    if ext and ext not in SNIFFED_EXTENSIONS:
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    if b"\x00" in head:
        return False
    if ext:
        return bool(DIRECTIVE_RE.search(head))
    return bool(DIRECTIVE_RE.search(head) or SHEBANG_RE.match(head))
