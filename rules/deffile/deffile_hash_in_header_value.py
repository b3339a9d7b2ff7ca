from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity


class HashInHeaderValue(Rule):
    """
    ## What it does
    Finds a `#` inside a header value: Apptainer cuts every header line at its first `#`.

    ## Why is this bad?
    `From: registry.example.org/lab/app#main` becomes `registry.example.org/lab/app`, and
    `MirrorURL: http://host/repo#frag` loses its end; the build uses another value than written.
    A `#` after white space (`From: ubuntu:22.04  # LTS`) is a comment and is not reported.

    ## Example
        From: ghcr.io/lab/app:1.0#cuda

    Use instead: a value without `#`:

        From: ghcr.io/lab/app:1.0-cuda

    ## Fix safety
    No fix.
    """

    code = "JC524"
    name = "deffile-hash-in-header-value"
    severity = Severity.WARNING
    summary = "A '#' inside a header value cuts the value there"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        text = script.text
        for stage in script.recipe.stages:
            for entry in stage.header:
                hash_at = entry.hash_at
                if hash_at is None or hash_at == entry.line_start or text[hash_at - 1] in " \t":
                    continue  # a comment after the value
                yield Diagnostic(
                    hash_at,
                    entry.line_end,
                    "Apptainer cuts header lines at `#`: `%s` is read as `%s`"
                    % (text[entry.key_start : entry.line_end].strip(), entry.value),
                )
