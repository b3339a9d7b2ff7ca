from __future__ import annotations

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity

from .directives import slurm_directives


class CrlfLineEndings(Rule):
    """
    ## What it does
    Finds Windows line endings (`\\r\\n`) in a script with `#SBATCH` lines.

    ## Why is this bad?
    sbatch refuses any script that holds a single `\\r\\n`:

        sbatch: error: Batch script contains DOS line breaks (\\r\\n)
        sbatch: error: instead of expected UNIX line breaks (\\n).

    Editors on Windows and some web uploads write them without showing it.

    ## Example
    A script saved with CRLF line endings.

    Use instead: the same script with LF line endings (`dos2unix job.sh`).

    ## Fix safety
    Removing the `\\r` before each line break is safe: bash would otherwise see the `\\r` as part
    of the last word of each line.
    """

    code = "JC004"
    name = "crlf-line-endings"
    severity = Severity.ERROR
    summary = "Windows (CRLF) line endings: sbatch refuses the script"
    fix_availability = "always"
    languages = ("shell", "python")

    def check(self, script, settings):
        if not slurm_directives(script):
            return
        found = crlf_finding(script.text, "the script", "sbatch refuses it (\"Batch script contains DOS line breaks\")")
        if found is not None:
            yield found


def crlf_finding(text: str, what: str, consequence: str):
    """The finding for a file with CRLF line endings (at its first one, fixing all), or None."""
    found = crlf_edits(text)
    if found is None:
        return None
    line_start, first, edits = found
    return Diagnostic(line_start, first, "%s has Windows line endings (\\r\\n) on %d line%s: %s" % (
        what, len(edits), "" if len(edits) == 1 else "s", consequence), Fix.safe("convert the line endings to \\n",
                                                                                   *edits))


def crlf_edits(text: str):
    """(start of the first CRLF line, offset of its \\r, edits deleting every \\r before \\n), or None."""
    first = text.find("\r\n")
    if first < 0:
        return None
    edits = []
    i = first
    while i >= 0:
        edits.append(Edit.delete(i, i + 1))
        i = text.find("\r\n", i + 2)
    return text.rfind("\n", 0, first) + 1, first, edits
