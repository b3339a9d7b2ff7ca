"""Reporters: a run's results -> text for a person or a machine."""

from __future__ import annotations

from .concise import ConciseReporter
from .json_reporter import JsonReporter
from .machine import (CheckstyleReporter, GithubReporter, GitlabReporter, JsonLinesReporter, JunitReporter,
                      SarifReporter)
from .text import TextReporter

REPORTERS = {
    "text": TextReporter, "concise": ConciseReporter, "json": JsonReporter, "json-lines": JsonLinesReporter,
    "sarif": SarifReporter, "github": GithubReporter, "gitlab": GitlabReporter, "junit": JunitReporter,
    "checkstyle": CheckstyleReporter,
}
