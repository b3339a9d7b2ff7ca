from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.model.recipe import HeaderEntry


class DuplicateHeaderKey(Rule):
    """
    ## What it does
    Finds a header key given twice in one stage.

    ## Why is this bad?
    The last one silently wins: a second `From:` further down (left from an edit) replaces the
    base image the first one names.

    ## Example
        Bootstrap: docker
        From: ubuntu:22.04
        From: ubuntu:20.04

    Use instead: one `From:`:

        Bootstrap: docker
        From: ubuntu:22.04

    ## Fix safety
    No fix.
    """

    code = "JC525"
    name = "deffile-duplicate-header-key"
    severity = Severity.WARNING
    summary = "A header key given twice in a stage (the last one wins)"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for stage in script.recipe.stages:
            seen: dict[str, HeaderEntry] = {}
            for entry in stage.header:
                first = seen.setdefault(entry.key, entry)
                if first is entry:
                    continue
                line = script.source.position(first.key_start).line
                yield Diagnostic(
                    entry.key_start,
                    entry.line_end,
                    "`%s` is already set on line %d (`%s`); Apptainer "
                    "keeps this one, `%s`" % (entry.spelled, line, first.value, entry.value),
                )
