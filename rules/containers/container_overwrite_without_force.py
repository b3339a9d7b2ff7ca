from __future__ import annotations

import os
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.container_calls import container_calls
from jobcheck.semantics.sbatch_header import slurm_directives

from ..crosscheck.slurm_request import request_of
from .build_arguments import positionals


def has_flag(call, *names: str) -> bool:
    return any(use.name in names for use in call.flags + call.global_flags)


class OverwriteWithoutForce(Rule):
    """
    ## What it does
    Finds `apptainer build OUT ...` and `apptainer pull OUT URI` without `--force`/`-F` in a
    batch job where `OUT` will exist: an array job (every task writes it), a file the script
    wrote on an earlier line, or a file already next to the script.

    ## Why is this bad?
    When `OUT` exists (the second run of the job, or the next array task), a batch job has no
    terminal to answer the overwrite prompt: `build target 'OUT' already exists. Use --force if
    you want to overwrite it` / `Image file already exists ... will not overwrite`, and the job
    stops. (A single job whose target does not exist yet works the first time: not reported.)

    ## Example
        #!/bin/bash
        #SBATCH --array=1-4
        apptainer build app.sif app.def

    Use instead:

        #!/bin/bash
        #SBATCH --array=1-4
        apptainer build --force app.sif app.def

    ## Fix safety
    Adding `--force` is unsafe: it replaces an image other jobs may be using.
    """

    code = "JC221"
    name = "container-overwrite-without-force"
    severity = Severity.WARNING
    summary = "build/pull onto a file in a batch job without --force: the next run (or array task) stops"
    fix_availability = "always"
    languages = ("shell",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if not slurm_directives(script):
            return
        array = "array" in request_of(script).options
        removed = {w.value for c in script.commands if c.basename == "rm" for w in c.words[1:] if w.value}
        made: dict[str, int] = {}  # files an earlier build/pull of this script writes
        for call in container_calls(script, settings):
            if call.command not in ("build", "pull"):
                continue
            words = positionals(call)
            if call.command == "pull" and (len(words) < 2 or has_flag(call, "name")):
                continue  # `pull URI` names the file itself; still fails, but on a name we cannot show
            if not words:
                continue
            target = words[0]
            earlier = made.get(target.value) if target.value else None
            if target.value:
                made.setdefault(target.value, target.start)
            if has_flag(call, "force", "sandbox", "update") or target.value in removed:
                continue
            verb = call.command_words[-1] if call.command_words else target
            exists = (
                target.value is not None
                and script.path not in ("-", "")
                and os.path.exists(os.path.join(os.path.dirname(os.path.abspath(script.path)), target.value))
            )
            what = "`%s %s` stops" % (call.tool, call.command)
            if earlier is not None:
                why = "line %d already writes `%s` in this job, so %s" % (
                    script.source.position(earlier).line,
                    target.text,
                    what,
                )
            elif array:
                why = "every array task but the first finds `%s` already there, and %s" % (target.text, what)
            elif exists:
                why = "`%s` is already next to this script, so %s" % (target.text, what)
            else:
                continue  # the first run works; whether the job runs again is not in the script
            yield Diagnostic(
                target.start,
                target.end,
                why + ": a batch job has no terminal to confirm the overwrite; add `--force`",
                Fix.unsafe("add `--force`", Edit.insert(verb.end, " --force")),
            )
