from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from .section_lines import _lines


class RelativeFilesSource(Rule):
    """
    ## What it does
    Finds relative source paths in `%files` (host copies). Opt-in: `extend-select =
    ["JC523"]`.

    ## Why is this bad?
    Apptainer resolves them against the folder `apptainer build` runs in, not the folder of the
    recipe: `cd build && apptainer build app.sif ../app.def` looks for `build/requirements.txt`.
    Job scripts that build images often run from another folder.

    ## Example
        %files
            requirements.txt /opt/requirements.txt

    Use instead: build from the recipe's folder (`cd "$(dirname app.def)"` in the job), or an
    absolute path:

        %files
            /home/alice/app/requirements.txt /opt/requirements.txt

    ## Fix safety
    No fix.
    """

    code = "JC523"
    name = "deffile-relative-files-source"
    severity = Severity.INFO
    summary = "A relative %files source: resolved from where the build runs, not from the recipe"
    opt_in = True
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        text = script.text
        for section in script.recipe.sections:
            if section.name != "files" or section.args.split():
                continue
            for line_start, line in _lines(text, section.body_start, section.body_end):
                stripped = line.strip()
                if not stripped or stripped.startswith("#"):
                    continue
                first = re.match(r'"[^"]*"|\S+', stripped)
                if first is None:  # never: the line has a character that is not space
                    continue
                source = first.group(0)
                path = source.strip('"')
                if path.startswith(("/", "$", "~")):
                    continue
                start = line_start + len(line) - len(line.lstrip())
                yield Diagnostic(
                    start,
                    start + len(source),
                    "`%s` is relative: `apptainer build` looks for it in the "
                    "folder it runs in, not next to this recipe" % path,
                )
