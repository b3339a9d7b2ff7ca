from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

LABEL_RE = lazy(r"^([A-Za-z0-9_.\-/]+)(\s*[=:]\s*|\t+)(\S.*)$")


class LabelFormat(Rule):
    """
    ## What it does
    Finds `%labels` lines written `KEY=VALUE`, `KEY: VALUE` or with a TAB: Apptainer splits a
    label at the first space only.

    ## Why is this bad?
    `Version=1.0` becomes a label named `Version=1.0` with an empty value, `Maintainer: Bob` a
    label named `Maintainer:`; `apptainer inspect` and anything that reads labels see nonsense.

    ## Example
        %labels
            Version=1.0

    Use instead:

        %labels
            Version 1.0

    ## Fix safety
    Rewriting the separator as one space is safe.
    """

    code = "JC509"
    name = "deffile-label-format"
    severity = Severity.WARNING
    summary = "A %labels line that is not `KEY VALUE`"
    fix_availability = "always"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        text = script.text
        for section in script.recipe.sections:
            if section.name not in ("labels", "applabels"):
                continue
            pos = section.body_start
            while pos < section.body_end:
                nl = text.find("\n", pos, section.body_end)
                end = section.body_end if nl < 0 else nl
                line = text[pos:end].rstrip("\r")
                indent = len(line) - len(line.lstrip())
                found = LABEL_RE.match(line.strip())
                if found and not line.strip().startswith("#") and " " not in found.group(1):
                    key, separator = found.group(1), found.group(2)
                    sep_start = pos + indent + len(key)
                    name, value = _split(line.strip())
                    yield Diagnostic(
                        pos + indent,
                        pos + len(line),
                        "Apptainer splits a label at the first space, so "
                        "this is a label named `%s` with %s; write `%s %s`"
                        % (name, "the value `%s`" % value if value else "an empty value", key, found.group(3)),
                        Fix.safe("write `KEY VALUE`", Edit(sep_start, sep_start + len(separator), " ")),
                    )
                pos = end + 1


def _split(label: str) -> tuple[str, str]:
    key, _, value = label.partition(" ")
    return key, value
