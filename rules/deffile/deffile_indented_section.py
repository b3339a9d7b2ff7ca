from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.model.recipe import APP_SECTIONS, STANDARD_SECTIONS


class IndentedSection(Rule):
    """
    ## What it does
    Finds section lines with white space before the `%` (`  %runscript`).

    ## Why is this bad?
    Apptainer still starts a section there but reads its name from the untrimmed line, so the
    name is empty and the build stops with "invalid section(s) specified: " (nothing after the
    colon, which makes it hard to find).

    ## Example
        %post
            apt-get update -y
          %runscript
            exec python3 "$@"

    Use instead: `%runscript` at the start of its line:

        %post
            apt-get update -y
        %runscript
            exec python3 "$@"

    ## Fix safety
    Removing the white space before a known section name is safe.
    """

    code = "JC507"
    name = "deffile-indented-section"
    severity = Severity.ERROR
    summary = "An indented %section line: Apptainer reads an empty section name"
    fix_availability = "sometimes"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for section in script.recipe.sections:
            if not section.indented:
                continue
            word = section.spelled.lstrip("%").lower()
            fix = None
            if word in STANDARD_SECTIONS + APP_SECTIONS:
                fix = Fix.safe("remove the indentation", Edit.delete(section.line_start, section.name_start))
            yield Diagnostic(
                section.name_start,
                section.name_end,
                "`%s` is indented: Apptainer reads its name as "
                'empty and the build stops with "invalid section(s) specified: "' % section.spelled,
                fix,
            )
