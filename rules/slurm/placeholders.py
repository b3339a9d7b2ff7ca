from __future__ import annotations

import re

from jobcheck import Diagnostic, Rule, Severity

from .directives import header_uses

PLACEHOLDER_RE = re.compile(
    r"<[^<>]*>|\bYOUR[_-]?[A-Z]+|\byour[_-][a-z]+|CHANGE[_-]?ME|\bXXX+\b|\bTODO\b|\bFIXME\b|PLACEHOLDER"
    r"|@example\.(com|org)\b", re.IGNORECASE)
SITE_NAMES = ("partition", "account", "qos", "reservation", "constraint", "gres", "clusters", "licenses",
              "nodelist", "exclude", "wckey")


class PlaceholderValue(Rule):
    """
    ## What it does
    Finds template placeholders left in `#SBATCH` values: `<your_account>`, `YOUR_EMAIL`,
    `CHANGEME`, `XXX`, `user@example.com`; and, as info, non-ASCII text in names that the cluster
    defines (partition, account, QOS, GRES type, ...), which is almost always a translated
    placeholder.

    ## Why is this bad?
    Slurm refuses an account, partition or QOS that does not exist, and mails to a placeholder
    address go nowhere. Found before submission, it is a one-word edit.

    ## Example
        #SBATCH --account=<your_project>

    Use instead:

        #SBATCH --account=proj1234

    ## Fix safety
    No fix: the real value is the author's.
    """

    code = "JC126"
    name = "sbatch-placeholder-value"
    severity = Severity.WARNING
    summary = "A template placeholder left in a #SBATCH value"
    languages = ("shell", "python")

    def check(self, script, settings):
        for use in header_uses(script):
            value = use.value
            if value is None or use.option.kind != "option":
                continue
            m = PLACEHOLDER_RE.search(value)
            if m:
                yield Diagnostic(*use.value_span, "`%s` looks like a template placeholder left in `--%s`"
                                 % (m.group(0), use.name))
            elif use.name in SITE_NAMES and not value.isascii() and not _malformed(use):
                yield Diagnostic(*use.value_span,
                                 "`%s` in `--%s` is not ASCII: cluster-defined names almost never are; is it a "
                                 "placeholder from a template?" % (value, use.name), severity=Severity.INFO)


def _malformed(use) -> bool:
    """A value another rule already refuses: no need to guess about placeholders too."""
    if use.name == "gres":
        from .grammar import parse_gres

        return parse_gres(use.value)[1] is not None
    return False
