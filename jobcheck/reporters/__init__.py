"""Reporters: a run's results -> text for a person or a machine.

Imported on demand: `--format json` never loads rich."""

from __future__ import annotations

import importlib

_WHERE = {
    "text": ("text", "TextReporter"),
    "concise": ("concise", "ConciseReporter"),
    "json": ("json_reporter", "JsonReporter"),
    "json-lines": ("machine", "JsonLinesReporter"),
    "sarif": ("machine", "SarifReporter"),
    "github": ("machine", "GithubReporter"),
    "gitlab": ("machine", "GitlabReporter"),
    "junit": ("machine", "JunitReporter"),
    "checkstyle": ("machine", "CheckstyleReporter"),
}
FORMATS = tuple(_WHERE)


def reporter(name: str):
    module, cls = _WHERE[name]
    return getattr(importlib.import_module("%s.%s" % (__name__, module)), cls)
