"""The codes jobcheck emits outside the rule classes (the engine's and the document reader's),
documented like rules so that `jobcheck --explain JC003` says what they mean."""

from __future__ import annotations

import inspect
from typing import NamedTuple

from ..rule import Severity


class EngineCode(NamedTuple):
    code: str
    name: str
    severity: Severity
    summary: str
    text: str
    fix_availability: str = "none"
    opt_in: bool = False
    plugin: str = "jobcheck (engine)"

    def docs(self) -> str:
        return inspect.cleandoc(self.text)


INTERNAL_ERROR = EngineCode(
    "JC000",
    "internal-error",
    Severity.ERROR,
    "A rule crashed on the file; the others still ran",
    """
    ## What it does
    Reports a rule that raised an exception on this file, or returned something that is not a
    valid finding (a span outside the file, a message that is not text). The message names the
    rule, its plugin and what went wrong.

    ## Why is this bad?
    The rule said nothing about this file, so a problem it looks for may be there unreported.
    The other rules still ran; the run fails as for any error, so a CI gate does not pass a
    file that was not fully checked.

    ## Example
    A plugin's rule that divides by a count the script does not set:

        job.sh:1:1: JC000 rule XS900 (site-rule, from plugin 'example-site') crashed on this file:
        ZeroDivisionError: division by zero

    Use instead: report it to the plugin's authors (for a built-in rule, to jobcheck) with the
    file; `--ignore XS900` turns the rule off meanwhile.

    ## Fix safety
    No fix.
    """,
)

NOT_TEXT = EngineCode(
    "JC003",
    "not-a-text-file",
    Severity.ERROR,
    "A NUL byte: not a text file, and sbatch refuses it",
    """
    ## What it does
    Reports a file that contains a NUL byte, at the first one; nothing else is checked in it.

    ## Why is this bad?
    A job script is text: sbatch refuses a script that contains a NUL character, and the
    shells stop reading a line at one. A NUL byte usually means a binary (`sbatch ./a.out`), a
    file saved as UTF-16 without a byte-order mark, or a copy that went wrong.

    ## Example
    A script whose copy was cut short and padded with NUL bytes (shown as `\\0`):

        #!/bin/bash
        #SBATCH --time=10
        srun ./sol\\0\\0\\0\\0\\0\\0

    Use instead: the script copied again, in full.

    ## Fix safety
    No fix: jobcheck never rewrites a file it cannot read as text.
    """,
)

UNUSED_SUPPRESSION = EngineCode(
    "JC005",
    "unused-suppression",
    Severity.WARNING,
    "A suppression comment that suppresses nothing",
    """
    ## What it does
    With `--report-unused-suppressions` (or `report-unused-suppressions = true`), reports a
    `# jobcheck: disable=...` comment that no finding on its lines needs, or that names no
    rule at all.

    ## Why is this bad?
    A suppression outlives the problem it hid: after the line was fixed, it would hide the next
    problem of that kind on the line without anyone noticing. One that names no rule is a typo.

    ## Example
        export DATA='/scratch/data'   # jobcheck: disable=JC010

    Use instead:

        export DATA='/scratch/data'

    ## Fix safety
    No fix; `--add-suppressions` writes the suppressions that are needed.
    """,
)

GUIDE_PLACEHOLDER = EngineCode(
    "JC006",
    "guide-placeholder",
    Severity.INFO,
    "A placeholder a guide's code block leaves for its reader",
    """
    ## What it does
    In the code blocks of Markdown, reStructuredText and notebook files (`--docs`, or a named
    document), reports each placeholder a guide leaves for its reader to fill in, once:
    `<YOUR_ACCOUNT>`, a non-ASCII word in code, anything in angle brackets in a directive line.
    Other findings on the placeholder are left out.

    ## Why is this bad?
    Nothing is wrong with the guide; the finding says that jobcheck read the placeholder as one
    word and did not check what it stands for, and reminds the reader to replace it.

    ## Example
    In a guide:

        #SBATCH --account=<YOUR_ACCOUNT>

    Use instead: nothing to change in the guide; a job script made from it names the account.

    ## Fix safety
    No fix.
    """,
)

ENGINE_CODES = (INTERNAL_ERROR, NOT_TEXT, UNUSED_SUPPRESSION, GUIDE_PLACEHOLDER)


def engine_code(code: str) -> EngineCode | None:
    """The engine code with this code or name, or None."""
    return next((e for e in ENGINE_CODES if code in (e.code, e.name)), None)
