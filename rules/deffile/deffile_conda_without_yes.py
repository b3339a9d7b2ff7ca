from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.model.recipe import BUILD_SCRIPTS
from jobcheck.patterns import lazy

from .section_commands import commands_in

CONDAS = ("conda", "mamba")
PROMPTING = ("install", "update", "upgrade", "create", "remove", "uninstall")
YES = frozenset({"-y", "--yes"})
# Base images whose conda is configured to answer yes itself, and settings that do it.
ANSWERS_ITSELF = lazy(r"always_yes|CONDA_ALWAYS_YES|miniforge|mambaforge|micromamba", re.IGNORECASE)


class CondaWithoutYes(Rule):
    """
    ## What it does
    Finds `conda install`/`update`/`create`/`remove` (and the same with `mamba`) in a
    definition file's build scripts (`%post`, `%setup`, `%pre`, `%appinstall`) without `-y`.

    ## Why is this bad?
    conda asks "Proceed ([y]/n)?" before it changes an environment. A build has no terminal:
    the question reads end-of-file, conda exits without installing, and `/bin/sh -e` stops the
    build (or, without `-e`, the image is built without the packages).

    ## Example
        %post
            conda install numpy scipy

    Use instead:

        %post
            conda install -y numpy scipy

    ## Fix safety
    Adding `-y` after the subcommand is safe: it is what the build needs to go on.

    Quiet where conda is set to answer itself: `always_yes`/`CONDA_ALWAYS_YES` anywhere in the
    file, or a miniforge, mambaforge or micromamba base image.
    """

    code = "JC527"
    name = "deffile-conda-without-yes"
    severity = Severity.WARNING
    summary = "conda/mamba install, update or create in the build without -y: it stops at its prompt"
    fix_availability = "always"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        if ANSWERS_ITSELF.search(script.text):
            return
        for section in script.recipe.sections:
            if section.name not in BUILD_SCRIPTS + ("appinstall",):
                continue
            for command in commands_in(script, section):
                words = [w.value or "" for w in command.words]
                if not words or words[0].rsplit("/", 1)[-1] not in CONDAS:
                    continue
                if any(w in YES or re.fullmatch(r"-[a-zA-Z]*y[a-zA-Z]*", w) for w in words[1:]):
                    continue
                index = 1 if len(words) > 1 and words[1] in PROMPTING else None
                if index is None:
                    continue
                said = " ".join(words[:2])
                yield Diagnostic(
                    command.words[0].start,
                    command.words[1].end,
                    '`%s` asks "Proceed ([y]/n)?", and a build has no terminal: %s exits without '
                    "installing and the build stops; add `-y`" % (said, words[0].rsplit("/", 1)[-1]),
                    Fix.safe("add `-y`", Edit.insert(command.words[1].end, " -y")),
                )
