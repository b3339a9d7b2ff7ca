from __future__ import annotations

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity

from .knowledge import REQUIRED_KEYS, valid_agents


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

    def check(self, script, settings):
        stages = script.recipe.stages
        if not stages:
            return
        for stage in stages:
            if stage.get("bootstrap") is not None:
                continue
            first = stage.header[0] if stage.header else None
            if first is not None:
                yield Diagnostic(first.key_start, first.line_end, "this stage has no `Bootstrap:` before `%s`: Apptainer "
                                 "starts a stage at each `Bootstrap:` line, so these keys are a stage of their own and "
                                 "the build stops with \"no bootstrap specification found\"" % first.spelled)
            elif stage.sections:
                section = stage.sections[0]
                yield Diagnostic(section.name_start, section.name_end, "the file has no header: the build stops with "
                                 "\"multiple stages detected, all must have headers\"; start with `Bootstrap:`")


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

    def check(self, script, settings):
        agents = valid_agents(settings.container_runtime)
        for stage in script.recipe.stages:
            entry = stage.get("bootstrap")
            if entry is None or entry.value in agents or "{{" in entry.value:
                continue  # a template is only known at build time
            singularity = settings.container_runtime == "singularityce"
            message = "`Bootstrap: %s` is not an agent %s knows: the build stops with \"invalid build source %s\"" % (
                entry.value, "SingularityCE" if singularity else "Apptainer",
                '\\"%s\\"' % entry.value if singularity else entry.value)
            if entry.value.lower() in agents:
                yield Diagnostic(entry.value_start, entry.value_end, message + "; agents are lower case",
                                 Fix.safe("use `%s`" % entry.value.lower(),
                                          Edit(entry.value_start, entry.value_end, entry.value.lower())))
            else:
                yield Diagnostic(entry.value_start, entry.value_end, message)


class MissingAgentKey(Rule):
    """
    ## What it does
    Checks that each stage has the header keys its bootstrap agent needs: `From` for docker,
    oci, library, oras, localimage...; `MirrorURL` for yum/dnf/busybox; `MirrorURL` and
    `OSVersion` for debootstrap.

    ## Why is this bad?
    The build fails after it has started (a pull error, or "invalid debootstrap header, no
    mirrorurl specified").

    ## Example
        Bootstrap: debootstrap
        OSVersion: jammy

    Use instead:

        Bootstrap: debootstrap
        OSVersion: jammy
        MirrorURL: http://archive.ubuntu.com/ubuntu/

    ## Fix safety
    No fix.
    """

    code = "JC505"
    name = "deffile-missing-agent-key"
    severity = Severity.ERROR
    summary = "A Bootstrap agent without the header keys it needs"
    languages = ("deffile",)

    def check(self, script, settings):
        for stage in script.recipe.stages:
            entry = stage.get("bootstrap")
            if entry is None:
                continue
            missing = [key for key in REQUIRED_KEYS.get(entry.value, ()) if not (stage.get(key) and stage.get(key).value)]
            if missing:
                names = " and ".join("`%s:`" % {"from": "From", "mirrorurl": "MirrorURL",
                                                 "osversion": "OSVersion"}[key] for key in missing)
                yield Diagnostic(entry.key_start, entry.value_end, "`Bootstrap: %s` needs %s in its header" % (
                    entry.value, names))
