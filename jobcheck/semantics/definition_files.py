"""Which files are container definition files (kept apart from the recipe model, so that telling
a job script from a recipe costs no more than two regular expressions)."""

from __future__ import annotations

import os
import re

from ..patterns import lazy

DEFINITION_NAME_RE = lazy(r"^(Singularity|Apptainer)(\..+)?$|\.def$")
BOOTSTRAP_LINE_RE = lazy(r"^bootstrap:", re.IGNORECASE | re.MULTILINE)


def looks_like_definition_file(path: str, text: str) -> bool:
    """By name (`*.def`, `Singularity`, `Apptainer`, `Singularity.*`), or by a `Bootstrap:` line
    before any section in a file without a shebang."""
    if DEFINITION_NAME_RE.search(os.path.basename(path or "")):
        return True
    if text.startswith("#!"):
        return False
    for line in text.splitlines()[:50]:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        return bool(BOOTSTRAP_LINE_RE.match(line))
    return False
