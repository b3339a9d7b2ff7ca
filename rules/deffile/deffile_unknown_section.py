from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.model.recipe import APP_SECTIONS, SHELL_SECTIONS, STANDARD_SECTIONS
from jobcheck.semantics.suggest import suggest


class UnknownSection(Rule):
    """
    ## What it does
    Checks every `%section` name: the standard ones (`%post`, `%environment`, `%runscript`,
    `%files`, `%labels`, ...) and the app sections (`%appinstall NAME`, ...), which need an app
    name. Any line whose first word starts with `%` opens a section, also inside a script body
    (`%define` in an RPM spec written by a heredoc, a `%` Matlab comment).

    ## Why is this bad?
    The build stops: "invalid section(s) specified: enviroment"; an app section without a name
    stops with "could not be split into section name and app name".

    ## Example
        %enviroment
            export LC_ALL=C

    Use instead:

        %environment
            export LC_ALL=C

    ## Fix safety
    Replacing a misspelled name with the only one a single edit away is safe; a `TAB` between
    the name and its arguments is replaced by a space (safe).
    """

    code = "JC506"
    name = "deffile-unknown-section"
    severity = Severity.ERROR
    summary = "A %section name Apptainer does not know"
    fix_availability = "sometimes"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        previous = None
        for section in script.recipe.sections:
            if not section.indented:
                yield from self._one(script, section, previous)
            previous = section

    def _one(self, script, section, previous):
        name = section.name
        if "\t" in name:
            head = name.split("\t")[0]
            tab = section.name_end  # the first word ends at the TAB
            if head in STANDARD_SECTIONS + APP_SECTIONS and script.text.startswith("\t", tab):
                yield Diagnostic(
                    section.name_start,
                    section.line_end,
                    "a TAB after `%%%s` makes it part of the name: "
                    'the build stops with "invalid section(s) specified: %s"' % (head, name.replace("\t", "\\t")),
                    Fix.safe("use a space", Edit(tab, tab + 1, " ")),
                )
                return
        if name in APP_SECTIONS:
            if not section.args.split():
                yield Diagnostic(
                    section.name_start,
                    section.name_end,
                    "`%%%s` needs an app name (`%%%s NAME`): the "
                    'build stops with "could not be split into section name and app name"' % (name, name),
                )
            return
        if name in STANDARD_SECTIONS:
            return
        message = '`%s` is not a section: the build stops with "invalid section(s) specified: %s"' % (
            section.spelled,
            name,
        )
        if previous is not None and previous.name in SHELL_SECTIONS and not section.args and len(name) > 12:
            message += " (a line whose first word starts with `%` ends the script above it)"
        found = suggest(name, STANDARD_SECTIONS + APP_SECTIONS, max_distance=2)
        start = section.name_start + len(section.spelled) - len(section.spelled.lstrip("%"))
        end = start + len(name)
        if found.candidates and found.unique and found.distance == 1:
            yield Diagnostic(
                section.name_start,
                section.name_end,
                message + "; did you mean `%%%s`?" % found.best,
                Fix.safe("use `%%%s`" % found.best, Edit(start, end, found.candidates[0])),
            )
        elif found.candidates:
            yield Diagnostic(
                section.name_start,
                section.name_end,
                message + "; did you mean %s?" % " or ".join("`%%%s`" % c for c in found.candidates),
            )
        elif previous is not None and previous.name in SHELL_SECTIONS:
            yield Diagnostic(
                section.name_start,
                section.name_end,
                message + "; a line whose first word starts with "
                "`%%` ends the `%%%s` script above it, even inside a heredoc" % previous.name,
            )
        else:
            yield Diagnostic(section.name_start, section.name_end, message)
