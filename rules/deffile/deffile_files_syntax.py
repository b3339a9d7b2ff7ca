from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity


class FilesSyntax(Rule):
    """
    ## What it does
    Checks `%files` sections the way Apptainer reads them: the section's arguments must be empty
    or `from STAGE` (a stage that exists); each line is `SRC [DST]`, where only double quotes
    group a path, a third word is dropped, `src:dst` is one path, and the source is expanded
    with an empty environment (`$VAR` is empty, `~` stays `~`, `$( )` is an error).

    ## Why is this bad?
    `%files foo` makes Apptainer skip the whole section; `'a b.txt' /opt/` copies a file named
    `'a`; `data:/data` looks for a file named `data:/data`; `$HOME/x` becomes `/x`. The build
    fails, or the image lacks the files.

    ## Example
        %files
            'run config.yaml' /opt/
            $HOME/models /opt/models

    Use instead:

        %files
            "run config.yaml" /opt/
            /home/me/models /opt/models

    ## Fix safety
    Single quotes around a path become double quotes (safe); nothing else is fixed.
    """

    code = "JC508"
    name = "deffile-files-syntax"
    severity = Severity.ERROR
    summary = "A %files section or line Apptainer reads differently than written"
    fix_availability = "sometimes"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        stage_names = {stage.name for stage in script.recipe.stages if stage.name}
        for stage in script.recipe.stages:
            for section in stage.sections:
                if section.name != "files":
                    continue
                words = section.args.split()
                if words and (len(words) != 2 or words[0] != "from"):
                    yield Diagnostic(
                        section.name_start,
                        section.line_end,
                        "`%%files %s`: the arguments must be "
                        "`from STAGE`; with anything else Apptainer skips the whole section" % section.args,
                    )
                elif words and words[1] not in stage_names:
                    yield Diagnostic(
                        section.args_start,
                        section.line_end,
                        "no stage is named `%s` (`Stage: %s` in its "
                        'header): the build stops with "stage %s was not found"' % ((words[1],) * 3),
                    )
                yield from self._lines(script.text, section)

    def _lines(self, text, section):
        pos = section.body_start
        while pos < section.body_end:
            nl = text.find("\n", pos, section.body_end)
            end = section.body_end if nl < 0 else nl
            line = text[pos:end].rstrip("\r")
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                yield from self._line(line, pos + len(line) - len(line.lstrip()))
            pos = end + 1

    def _line(self, line, start):
        stripped = line.strip()
        if stripped.startswith("'"):
            close = stripped.find("'", 1)
            if close > 0:
                yield Diagnostic(
                    start,
                    start + close + 1,
                    "single quotes do not group a path in `%%files`: Apptainer "
                    "reads `%s` and the rest as separate words; use double quotes" % stripped[:close],
                    Fix.safe(
                        "use double quotes", Edit(start, start + 1, '"'), Edit(start + close, start + close + 1, '"')
                    ),
                )
                return
        # `{{ NAME }}` build arguments are replaced before %files is read: one word, whatever its blanks
        words = re.findall(r'"[^"]*"|(?:\{\{[^}]*\}\}|[^\s{]|\{(?!\{))+', stripped)
        if len(words) > 2:
            third = stripped.index(words[2], len(words[0]) + len(words[1]))
            yield Diagnostic(
                start + third,
                start + len(stripped),
                "`%%files` reads `SRC DST` and drops the rest "
                "(`%s`): quote a path with spaces in double quotes" % " ".join(words[2:]),
            )
        source = words[0] if words else ""
        if len(words) == 1 and re.fullmatch(r"[^\s:\"]+:/[^\s]*", source):
            yield Diagnostic(
                start,
                start + len(source),
                "`%s` is one path to `%%files`, not SRC:DST; write `%s`" % (source, source.replace(":", " ", 1)),
            )
        elif re.search(r"\$[A-Za-z_{(]|^~", source.strip('"')):
            yield Diagnostic(
                start,
                start + len(source),
                "`%%files` expands `%s` with an empty environment: `$VAR` is "
                "empty, `~` is not your home and `$( )` is an error; write the path out" % source,
            )
