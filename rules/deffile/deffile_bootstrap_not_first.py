from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity


class BootstrapNotFirst(Rule):
    """
    ## What it does
    Checks that every stage of a definition file starts with `Bootstrap:`, and that there is one.

    ## Why is this bad?
    Apptainer starts a new stage at every `Bootstrap:` line: keys written before it form a
    stage of their own, with no bootstrap, and the build stops with "unable to get
    conveyorpacker: no bootstrap specification found". A file with sections and no header stops
    with "multiple stages detected, all must have headers".

    ## Example
        From: ubuntu:22.04
        Bootstrap: docker

    Use instead:

        Bootstrap: docker
        From: ubuntu:22.04

    ## Fix safety
    No fix.
    """

    code = "JC503"
    name = "deffile-bootstrap-not-first"
    severity = Severity.ERROR
    summary = "A definition-file stage that does not start with Bootstrap:"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        stages = script.recipe.stages
        if not stages:
            return
        for stage in stages:
            if stage.get("bootstrap") is not None:
                continue
            first = stage.header[0] if stage.header else None
            if first is not None:
                yield Diagnostic(
                    first.key_start,
                    first.line_end,
                    "this stage has no `Bootstrap:` before `%s`: "
                    "Apptainer starts a stage at each `Bootstrap:` line, so these keys are a stage of "
                    'their own and the build stops with "no bootstrap specification found"' % first.spelled,
                )
            elif stage.sections:
                section = stage.sections[0]
                yield Diagnostic(
                    section.name_start,
                    section.name_end,
                    "the file has no header: the build stops with "
                    '"multiple stages detected, all must have headers"; start with `Bootstrap:`',
                )
