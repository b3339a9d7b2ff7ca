from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .section_commands import commands_in

SECRET_NAME = lazy(r"(TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|ACCESS_KEY|_KEY)$")
HOST_NAMES = frozenset({"HOME", "USER", "LOGNAME", "PWD", "SLURM_SUBMIT_DIR", "SCRATCH", "WORK"})


class HostVariableInPost(Rule):
    """
    ## What it does
    Finds host variables in `%post`: `$HOME`, `$USER`, `$SCRATCH`, ..., and names that look like
    secrets (`$GITHUB_TOKEN`, `$AWS_SECRET_ACCESS_KEY`, `$HF_TOKEN`).

    ## Why is this bad?
    `%post` runs inside the container with `--cleanenv`: the host's variables are not there, so
    `$HOME/x` is `/x` and a token is empty (the download fails). A secret passed some other way
    and written by `%post` stays in the image for everyone who pulls it.

    ## Example
        %post
            git clone https://$GITHUB_TOKEN@github.com/lab/private.git /opt/private

    Use instead: no secrets in images (copy what you need with `%files`), and a build argument
    for values (`{{ TAG }}` with `%arguments`):

        %arguments
            TAG=v1.0
        %post
            git clone --branch {{ TAG }} https://github.com/lab/public.git /opt/public

    ## Fix safety
    No fix.
    """

    code = "JC520"
    name = "deffile-host-variable-in-post"
    severity = Severity.WARNING
    summary = "%post reads a host variable (cleared at build time) or a secret"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for section in script.recipe.sections:
            if section.name not in ("post", "appinstall"):
                continue
            commands = commands_in(script, section)
            assigned = {a.name for c in commands for a in c.assignments}
            reported = set()
            for command in commands:
                for word in command.words + tuple(a.value for a in command.assignments):
                    if "$" not in word.text:
                        continue
                    for part in word.params:
                        name = part.value
                        if name in assigned or name in reported:
                            continue
                        if SECRET_NAME.search(name):
                            reported.add(name)
                            yield Diagnostic(
                                part.start,
                                part.end,
                                "`$%s` looks like a secret: `%%post` runs with a "
                                "clean environment, so it is empty here, and anything %%post "
                                "writes stays in the image" % name,
                                severity=Severity.ERROR,
                            )
                        elif name in HOST_NAMES:
                            reported.add(name)
                            yield Diagnostic(
                                part.start,
                                part.end,
                                "`%%post` runs inside the container with a clean "
                                "environment: `$%s` is not your host's value here" % name,
                            )
