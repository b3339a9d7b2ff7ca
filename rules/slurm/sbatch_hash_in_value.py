from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.semantics.sbatch_header import slurm_directives

from .templates import covered


def _value_like(rest: str) -> bool:
    """Text after a glued `#` that reads as the rest of the value (`run#3`), not as a comment: one
    word, to the end of the line, that does not start like a comment or a shebang."""
    after = rest[1:].rstrip()
    return bool(after) and not any(c in BLANKS_AND_HASH for c in after) and after[0] not in "!-"


BLANKS_AND_HASH = " \t#"


class HashInValue(Rule):
    """
    ## What it does
    Finds an unquoted `#` that cuts a `#SBATCH` line short: glued to a value (`--job-name=a#b`),
    or starting a second `#SBATCH` on the same line.

    ## Why is this bad?
    sbatch treats an unquoted `#` anywhere in a directive as the start of a comment. It reads
    `--job-name=a#b` as `--job-name=a`, and `#SBATCH -N 1 #SBATCH -n 4` as just `-N 1`, without
    a word.

    A `#` glued to a value and followed by a blank or by more words (`-p short# cluster`,
    `-p a,b#c #old`) is a comment without its space, as the author meant: not reported.

    ## Example
        #SBATCH --job-name=run#3

    Use instead:

        #SBATCH --job-name="run#3"

    ## Fix safety
    No fix: `#` right after a value is sometimes a comment without a space.
    """

    code = "JC110"
    name = "sbatch-hash-in-value"
    severity = Severity.WARNING
    summary = "An unquoted `#` silently ends a `#SBATCH` line"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        text = script.text
        for directive in slurm_directives(script):
            if not directive.in_header or directive.comment is None:
                continue
            comment = directive.comment
            rest = text[comment : directive.end]
            if rest.startswith(("#SBATCH", "#SLURM")):
                yield Diagnostic(
                    comment,
                    directive.end,
                    "a second `#SBATCH` on the same line is a comment: sbatch ignores `%s`; put it on "
                    "its own line" % rest.strip(),
                )
            elif directive.tokens and directive.tokens[-1].cut_by_hash:
                token = directive.tokens[-1]
                if covered(script, comment):
                    continue  # `#PPN#`: a template's placeholder
                if not _value_like(rest):
                    continue  # `-p short# cluster`, `--array=1-9#0-99 old`: a comment without its space
                if token.value.lstrip("-").startswith("container-im"):
                    continue  # an enroot image `registry#image`: pyxis-container-options says how to escape it
                yield Diagnostic(
                    token.start,
                    directive.end,
                    "an unquoted `#` ends the directive: sbatch reads `%s` and ignores `%s`; quote the "
                    "value if `#` belongs to it, or put a space before a comment" % (token.value, rest.strip()),
                )
