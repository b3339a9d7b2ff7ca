from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls
from jobcheck.semantics.containers import known_flags

from .flag_removal import removal_span


class GlobalFlagPosition(Rule):
    """
    ## What it does
    Finds a global apptainer/singularity flag (`--debug`/`-d`, `--quiet`/`-q`, `--silent`/`-s`,
    `--verbose`/`-v`, `--nocolor`, `--config`, `--build-config`) written after the subcommand.

    ## Why is this bad?
    Global flags belong to the top-level command only; after `exec` they are unknown and the
    command stops: `Error for command "exec": unknown flag: --debug`.

    ## Example
        apptainer exec --debug image.sif python train.py

    Use instead:

        apptainer --debug exec image.sif python train.py

    ## Fix safety
    Moving the flag before the subcommand is safe: it is where the flag evidently belongs.
    """

    code = "JC203"
    name = "container-global-flag-position"
    severity = Severity.ERROR
    summary = "A global apptainer flag after the subcommand is an unknown flag"
    fix_availability = "always"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for call in container_calls(script, settings):
            if call.command is None:
                continue
            global_table = known_flags(call.implementations, "global")
            for use in call.flags:
                if use.name is not None or use.dynamic or not use.spelled.startswith("--"):
                    continue
                name = use.spelled[2:]
                if name not in global_table:
                    continue
                text = script.text[use.start : use.end]
                first = call.command_words[0]
                edits = (
                    Edit.insert(first.start, text + " "),
                    Edit.delete(*removal_span(script.text, use.start, use.end)),
                )
                yield Diagnostic(
                    use.word.start,
                    use.word.end,
                    "`%s` is a global flag of %s: after `%s` it is unknown and %s stops with "
                    '"unknown flag: %s"; write `%s %s %s ...`'
                    % (use.spelled, call.tool, call.command, call.tool, use.spelled, call.tool, text, call.command),
                    Fix.safe("move `%s` before `%s`" % (text, call.command), *edits),
                )
