"""Reporters: a run's results -> text for a person or a machine."""

from __future__ import annotations

from .concise import ConciseReporter
from .json_reporter import JsonReporter
from .text import TextReporter

REPORTERS = {"text": TextReporter, "concise": ConciseReporter, "json": JsonReporter}
