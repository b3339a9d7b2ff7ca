from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from .section_lines import _lines


class BuildArgumentWithoutDefault(Rule):
    """
    ## What it does
    Finds `{{ NAME }}` template variables with no default in the stage's `%arguments`,
    `%arguments` defaults no `{{ }}` of the stage uses (often a misspelling of one that then has
    no default), and `%arguments` lines that are not `NAME=value`.

    ## Why is this bad?
    Every build must then pass `--build-arg NAME=...`; a build without it stops with "build var
    NAME is not defined through either --build-arg (--build-arg-file) or 'arguments' section".
    A malformed `%arguments` line is skipped with a warning, so its default is lost. Info: the
    recipe may be meant to be built with the argument.

    ## Example
        From: python:{{ PYTHON_VERSION }}-slim

    Use instead:

        From: python:{{ PYTHON_VERSION }}-slim

        %arguments
            PYTHON_VERSION=3.12

    ## Fix safety
    No fix.
    """

    code = "JC521"
    name = "deffile-build-argument-without-default"
    severity = Severity.INFO
    summary = "A {{ variable }} without a default in %arguments, or a default never used"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        text = script.text
        for stage in script.recipe.stages:
            defaults: dict[str, int] = {}
            for section in stage.sections:
                if section.name != "arguments":
                    continue
                for line_start, line in _lines(text, section.body_start, section.body_end):
                    stripped = line.strip()
                    if not stripped or stripped.startswith("#"):
                        continue
                    key, equals, _ = stripped.partition("=")
                    if equals and re.fullmatch(r"\w+", key.strip()):
                        defaults[key.strip()] = line_start + len(line) - len(line.lstrip())
                    else:
                        start = line_start + len(line) - len(line.lstrip())
                        yield Diagnostic(
                            start,
                            start + len(stripped),
                            "`%s` is not `NAME=value`: Apptainer skips this `%%arguments` line" % stripped,
                            severity=Severity.WARNING,
                        )
            used = set()
            for found in re.finditer(r"\{\{\s*(\w+)\s*\}\}", text[stage.start : stage.end]):
                used.add(found.group(1))
                if found.group(1) not in defaults:
                    start = stage.start + found.start()
                    yield Diagnostic(
                        start,
                        stage.start + found.end(),
                        "`%s` has no default in this stage's "
                        "`%%arguments`: every build needs `--build-arg %s=...`" % (found.group(1), found.group(1)),
                    )
            for name, start in defaults.items():
                if name not in used:
                    yield Diagnostic(
                        start,
                        start + len(name),
                        "`%s` is defined in `%%arguments` but this stage never "
                        "uses `{{ %s }}` (a misspelling?)" % (name, name),
                    )
