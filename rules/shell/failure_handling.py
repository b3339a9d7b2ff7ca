"""What the script does about failing commands: shared by JC011 and JC012."""

from __future__ import annotations

import re

from jobcheck import derived_fact
from jobcheck.patterns import lazy

# `set -e`, `set -eu`, `set -euo pipefail`, `set -o errexit`, `set -Ee`; also on the shebang line.
ERREXIT_RE = lazy(r"^\s*set\s+(?:-[a-zA-Z]*e[a-zA-Z]*\b|(?:-[a-zA-Z]+\s+)*-o\s+errexit\b)", re.MULTILINE)
TRAP_ERR_RE = lazy(r"^\s*trap\s+.*\bERR\b", re.MULTILINE)
LIST_AFTER_RE = lazy(r"(?<![ \t])[ \t]*(?:\\\n[ \t]*)*(\|\||&&)")
# The command is a condition, or the right side of && / ||.
GUARDED_BEFORE_RE = lazy(r"(?:&&|\|\||\b(?:if|elif|while|until)|!)[ \t]*(?:\\\n[ \t]*)*$")


@derived_fact
def stops_on_errors(script) -> bool:
    """The shell stops at a failing command: set -e / -o errexit, `bash -e` in the shebang, or an
    ERR trap (which usually exits)."""
    shebang = script.shebang
    if shebang is not None and re.search(r"(?:^|\s)-[a-zA-Z]*e", shebang.argument):
        return True
    text = script.text
    return bool(ERREXIT_RE.search(text) or TRAP_ERR_RE.search(text))


def is_guarded(script, command) -> bool:
    """The command's status is looked at: followed by || or &&, or a condition / right-hand side."""
    text = script.text
    if LIST_AFTER_RE.match(text, command.end):
        return True
    line_start = text.rfind("\n", 0, command.start) + 1
    return GUARDED_BEFORE_RE.search(text[max(0, line_start - 200) : command.start]) is not None


def top_level_without_errexit(script):
    """Commands the batch shell itself runs in order (not in $( ), functions or `bash -c`
    strings), when nothing stops the script at a failing one; else none."""
    if stops_on_errors(script):
        return []
    return [c for c in script.commands if c.depth == 0 and c.function is None and not c.embedded and c.name]
