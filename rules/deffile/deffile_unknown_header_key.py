from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.suggest import suggest

from .knowledge import is_other_url, valid_keys


class UnknownHeaderKey(Rule):
    """
    ## What it does
    Checks every header key of a definition file against the keys the target runtime accepts
    (`--container-runtime`: SingularityCE lacks Apptainer's `ConfURL`, `Target`, `Frontend`,
    `Filename`, `BuildArgs`), with a did-you-mean.

    ## Why is this bad?
    The build stops before it starts: `failed to parse deffile header: invalid header keyword
    found: form`.

    ## Example
        Bootstrap: docker
        Form: ubuntu:22.04

    Use instead:

        Bootstrap: docker
        From: ubuntu:22.04

    ## Fix safety
    Replacing the key with the only valid one a single edit away is unsafe (shown with
    `--unsafe-fixes`): a header key changes what the build does.
    """

    code = "JC501"
    name = "deffile-unknown-header-key"
    severity = Severity.ERROR
    summary = "A definition-file header key the runtime does not know"
    fix_availability = "sometimes"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        keys = valid_keys(settings.container_runtime)
        for stage in script.recipe.stages:
            for entry in stage.header:
                if entry.key in keys or is_other_url(entry.key):
                    continue
                message = (
                    '`%s` is not a definition-file header key: the build stops with "invalid header keyword '
                    'found: %s"' % (entry.spelled, entry.key)
                )
                found = suggest(entry.key, sorted(keys), max_distance=2)
                end = entry.key_start + len(entry.spelled)
                if found.candidates and found.unique:
                    proper = _spelled(found.candidates[0])
                    yield Diagnostic(
                        entry.key_start,
                        end,
                        message + "; did you mean `%s`?" % proper,
                        Fix.unsafe("use `%s`" % proper, Edit(entry.key_start, end, proper)),
                    )
                else:
                    yield Diagnostic(entry.key_start, end, message)


SPELLINGS = {
    "bootstrap": "Bootstrap",
    "from": "From",
    "mirrorurl": "MirrorURL",
    "updateurl": "UpdateURL",
    "osversion": "OSVersion",
    "include": "Include",
    "stage": "Stage",
    "registry": "Registry",
    "namespace": "Namespace",
    "fingerprints": "Fingerprints",
    "includecmd": "IncludeCmd",
}


def _spelled(key: str) -> str:
    return SPELLINGS.get(key, key.capitalize())
