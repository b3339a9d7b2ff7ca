from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity


class HeaderLineWithoutColon(Rule):
    """
    ## What it does
    Finds header lines (before the first `%section`) that are not `Key: value`: commands written
    before the first section, or a stage split by a `Bootstrap:` line inside a script body.

    ## Why is this bad?
    The build stops: `failed to parse deffile header: header key apt-get update had no val`.

    ## Example
        Bootstrap: docker
        From: ubuntu:22.04
        apt-get update

    Use instead:

        Bootstrap: docker
        From: ubuntu:22.04
        %post
            apt-get update

    ## Fix safety
    No fix.
    """

    code = "JC502"
    name = "deffile-header-line-without-colon"
    severity = Severity.ERROR
    summary = "A definition-file header line that is not `Key: value`"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for index, stage in enumerate(script.recipe.stages):
            for line in stage.bad_lines[:1]:  # the build stops at the first
                hint = ""
                if index > 0 and script.recipe.stages[index - 1].sections:
                    start_line = script.source.position(stage.start).line
                    hint = (
                        " (the `Bootstrap:` line on line %d starts a new stage, even inside a script body)" % start_line
                    )
                yield Diagnostic(
                    line.start,
                    line.end,
                    "not a `Key: value` header line: the build stops with "
                    '"header key %s had no val"%s' % (line.text, hint),
                )
