from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity

from .knowledge import valid_agents


class UnknownBootstrapAgent(Rule):
    """
    ## What it does
    Checks the `Bootstrap:` value against the agents of the target runtime. The value is
    case-sensitive (`Docker` is unknown); `buildkit`/`dockerfile` exist in Apptainer 1.5+ only.

    ## Why is this bad?
    The build stops with "unable to get conveyorpacker: invalid build source Docker".

    ## Example
        Bootstrap: Docker

    Use instead:

        Bootstrap: docker

    ## Fix safety
    Lower-casing a value that then names an agent is safe.
    """

    code = "JC504"
    name = "deffile-unknown-bootstrap-agent"
    severity = Severity.ERROR
    summary = "An unknown (or wrongly capitalised) Bootstrap agent"
    fix_availability = "sometimes"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        agents = valid_agents(settings.container_runtime)
        for stage in script.recipe.stages:
            entry = stage.get("bootstrap")
            if entry is None or entry.value in agents or "{{" in entry.value:
                continue  # a template is only known at build time
            singularity = settings.container_runtime == "singularityce"
            message = '`Bootstrap: %s` is not an agent %s knows: the build stops with "invalid build source %s"' % (
                entry.value,
                "SingularityCE" if singularity else "Apptainer",
                '\\"%s\\"' % entry.value if singularity else entry.value,
            )
            if entry.value.lower() in agents:
                yield Diagnostic(
                    entry.value_start,
                    entry.value_end,
                    message + "; agents are lower case",
                    Fix.safe(
                        "use `%s`" % entry.value.lower(), Edit(entry.value_start, entry.value_end, entry.value.lower())
                    ),
                )
            else:
                yield Diagnostic(entry.value_start, entry.value_end, message)
