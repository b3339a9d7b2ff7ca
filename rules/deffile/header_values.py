from __future__ import annotations

from jobcheck import Diagnostic, Rule, Severity


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

    Use instead: a value without `#`.

    ## Fix safety
    No fix.
    """

    code = "JC524"
    name = "deffile-hash-in-header-value"
    severity = Severity.WARNING
    summary = "A '#' inside a header value cuts the value there"
    languages = ("deffile",)

    def check(self, script, settings):
        text = script.text
        for stage in script.recipe.stages:
            for entry in stage.header:
                hash_at = entry.hash_at
                if hash_at is None or hash_at == entry.line_start or text[hash_at - 1] in " \t":
                    continue  # a comment after the value
                yield Diagnostic(hash_at, entry.line_end, "Apptainer cuts header lines at `#`: `%s` is read as `%s`"
                                 % (text[entry.key_start:entry.line_end].strip(), entry.value))


class DuplicateHeaderKey(Rule):
    """
    ## What it does
    Finds a header key given twice in one stage.

    ## Why is this bad?
    The last one silently wins: a second `From:` further down (left from an edit) replaces the
    base image the first one names.

    ## Example
        Bootstrap: docker
        From: ubuntu:22.04
        From: ubuntu:20.04

    Use instead: one `From:`.

    ## Fix safety
    No fix.
    """

    code = "JC525"
    name = "deffile-duplicate-header-key"
    severity = Severity.WARNING
    summary = "A header key given twice in a stage (the last one wins)"
    languages = ("deffile",)

    def check(self, script, settings):
        for stage in script.recipe.stages:
            seen = {}
            for entry in stage.header:
                first = seen.setdefault(entry.key, entry)
                if first is entry:
                    continue
                line = script.source.position(first.key_start).line
                yield Diagnostic(entry.key_start, entry.line_end, "`%s` is already set on line %d (`%s`); Apptainer "
                                 "keeps this one, `%s`" % (entry.spelled, line, first.value, entry.value))
