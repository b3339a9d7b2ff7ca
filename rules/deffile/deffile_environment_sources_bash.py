from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from .section_commands import commands_in

BASH_STARTUP_RE = re.compile(r"(bashrc|\.bash|scl_source)$")


class EnvironmentSourcesBash(Rule):
    """
    ## What it does
    Finds `%environment` lines that source bash start-up files (`~/.bashrc`, `*.bash`,
    `scl_source`) or run `conda activate`.

    ## Why is this bad?
    `%environment` is run by Apptainer's built-in interpreter at every start (not by bash, and
    never during the build): the sourced file's bash-only parts fail or do nothing, and `conda
    activate` needs the shell function conda installs in an interactive bash. The container
    starts without the environment the author expects.

    ## Example
        %environment
            source /opt/conda/etc/profile.d/conda.sh
            conda activate ml

    Use instead:

        %environment
            export PATH=/opt/conda/envs/ml/bin:$PATH

    ## Fix safety
    No fix.
    """

    code = "JC519"
    name = "deffile-environment-sources-bash"
    severity = Severity.WARNING
    summary = "%environment sources bash start-up files or runs conda activate"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for section in script.recipe.sections:
            if section.name not in ("environment", "appenv"):
                continue
            for command in commands_in(script, section):
                words = [w.value or w.text for w in command.words]
                if not words:
                    continue
                if words[0] in ("source", ".") and len(words) > 1 and BASH_STARTUP_RE.search(words[1]):
                    yield Diagnostic(
                        command.start,
                        command.end,
                        "`%%environment` is run by Apptainer's own "
                        "interpreter at each start, not by bash: `%s` is a bash start-up file; export "
                        "the variables it sets instead" % words[1],
                    )
                elif words[0] in ("conda", "mamba", "micromamba") and words[1:2] == ["activate"]:
                    yield Diagnostic(
                        command.start,
                        command.end,
                        "`%s activate` does not work in `%%environment` (no "
                        "interactive bash there); put the environment's `bin` folder on PATH with "
                        "`export PATH=...`" % words[0],
                    )
