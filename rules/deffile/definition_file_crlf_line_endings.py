from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from ..slurm.line_endings import crlf_finding


class DefinitionFileCrlf(Rule):
    """
    ## What it does
    Finds Windows line endings (`\\r\\n`) in an Apptainer/Singularity definition file.

    ## Why is this bad?
    The sections are shell scripts, and the shell keeps the `\\r` as the last character of
    every line: `apt-get install -y git\\r` asks for a package named `git\\r`, `fi\\r` and
    `done\\r` are syntax errors, and `%post` stops the build. A definition file written on
    Windows, or downloaded through a tool that converted it, has them without showing it.

    ## Example
    With CRLF line endings:

        Bootstrap: docker
        From: ubuntu:22.04

        %post
            apt-get update -y

    Use instead: the same file with LF line endings (`dos2unix app.def`):

        Bootstrap: docker
        From: ubuntu:22.04

        %post
            apt-get update -y

    ## Fix safety
    Removing the `\\r` before each line break is safe.
    """

    code = "JC526"
    name = "definition-file-crlf-line-endings"
    severity = Severity.WARNING
    summary = "Windows (CRLF) line endings in a definition file: the \\r reaches every command of its sections"
    fix_availability = "always"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        found = crlf_finding(
            script.text,
            "the definition file",
            "every command of its sections gets a trailing "
            "\\r (`apt-get install -y git\\r` asks for `git\\r`, `fi\\r` is a syntax error)",
        )
        if found is not None:
            yield found
