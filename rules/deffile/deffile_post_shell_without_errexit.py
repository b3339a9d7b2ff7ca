from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.model.recipe import BUILD_SCRIPTS


class PostShellWithoutErrexit(Rule):
    """
    ## What it does
    Finds `%post -c /bin/bash` (or `%setup`/`%pre -c SHELL`) without `-e` and without `set -e`
    in the body.

    ## Why is this bad?
    Without `-c`, Apptainer runs the script with `/bin/sh -ex`: the first failing command stops
    the build. With `-c /bin/bash` it runs `/bin/sh -ex -c "/bin/bash /.post.script"`: bash runs
    without `-e`, a failed download or install goes unnoticed, and the image is built broken.

    ## Example
        %post -c /bin/bash
            source /opt/conda/etc/profile.d/conda.sh
            conda install -y pytorch

    Use instead:

        %post -c /bin/bash -e

    ## Fix safety
    Appending `-e` is unsafe: commands that failed harmlessly now stop the build.
    """

    code = "JC512"
    name = "deffile-post-shell-without-errexit"
    severity = Severity.WARNING
    summary = "%post -c SHELL runs the script without -e: failures no longer stop the build"
    fix_availability = "always"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for section in script.recipe.sections:
            if section.name not in BUILD_SCRIPTS:
                continue
            args = section.args.split()
            if not args or args[0] != "-c" or len(args) < 2:
                continue
            if any(re.fullmatch(r"-[a-zA-Z]*e[a-zA-Z]*", a) or a in ("-o", "errexit") for a in args[2:]):
                continue
            body = script.text[section.body_start : section.body_end]
            if re.search(r"^\s*set\s+(-[a-zA-Z]*e|-o\s+errexit)", body, re.MULTILINE):
                continue
            yield Diagnostic(
                section.args_start,
                section.line_end,
                "with `-c %s` the script runs without `-e`: a "
                "failing command no longer stops the build; write `%%%s %s -e`"
                % (" ".join(args[1:]), section.name, section.args),
                Fix.unsafe("append `-e`", Edit.insert(section.line_end, " -e")),
            )
