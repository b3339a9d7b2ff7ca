from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.model.words import SINGLE
from jobcheck.semantics.container_calls import container_calls


class QuotedVariableUsedInContainer(Rule):
    """
    ## What it does
    Follows a variable assigned a single-quoted `$...` text (which never expands) to where a
    container command uses it as a path: `--bind`, `--home`, `--overlay`, `--mount`,
    `--workdir`, the image. (`--env` is left out: apptainer evaluates `--env` values inside the
    container, where `$HOME` does expand.)

    ## Why is this bad?
    The use site is where the job fails: `--bind $DATA_DIR:/data` binds a folder literally named
    `$HOME/data`, which does not exist ("mount source doesn't exist"). Reporting it there shows
    why the assignment matters.

    ## Example
        export DATA_DIR='$HOME/data'
        apptainer exec --bind $DATA_DIR:/data image.sif ls /data

    Use instead:

        export DATA_DIR="$HOME/data"

    ## Fix safety
    No fix here; the assignment's finding (JC010) carries it.
    """

    code = "JC309"
    name = "quoted-variable-used-in-container"
    severity = Severity.WARNING
    summary = "A container flag uses a variable that holds an unexpanded `$...` text"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        literal = {}
        for assignment in script.assignments:
            if "'" not in assignment.value.text:
                continue  # no single quote, so no quoted region to look at (without lexing the value)
            for region in assignment.value.quoted_regions:
                inner = script.text[region.inner_start : region.inner_end]
                if region.quote == SINGLE and re.search(r"\$\{?[A-Za-z_]", inner):
                    literal[assignment.name] = (assignment, inner)
        if not literal:
            return
        for call in container_calls(script, settings):
            # not --env: apptainer evaluates --env values inside the container, where `$HOME` expands
            uses = [
                (use.spelled, use.value)
                for use in call.flags
                if use.name in ("bind", "home", "overlay", "mount", "workdir") and use.value is not None
            ]
            if call.image is not None:
                uses.append(("the image", call.image))
            for flag, word in uses:
                for part in word.params[:1]:
                    if part.value in literal and part.quote != SINGLE:
                        assignment, inner = literal[part.value]
                        line = script.source.position(assignment.start).line
                        yield Diagnostic(
                            part.start,
                            part.end,
                            "`$%s` holds the literal text `%s` (set in single "
                            "quotes on line %d), so %s gets a path that does not exist"
                            % (part.value, inner, line, "`%s`" % flag if flag.startswith("-") else flag),
                        )
