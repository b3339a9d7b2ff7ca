"""From a block's info string and lines to a Block jobcheck checks (or None: nothing to check)."""

from __future__ import annotations

from ..semantics.definition_files import looks_like_definition_file
from .classify import (
    angle_placeholders,
    has_understood_commands,
    info_language,
    info_word,
    is_console_info,
    is_job,
    looks_like_console,
    strip_prompts,
)
from .mapping import Block, Line

RECIPE_INFO = frozenset({"singularity", "apptainer", "def"})


def make_block(
    info: str, lines: list[Line], end: int, end_prefix: str = "", cell: int | None = None, language: str | None = None
) -> Block | None:
    language = language or info_language(info)
    if not lines:
        return None
    if (language == "shell" or info_word(info) in RECIPE_INFO) and looks_like_definition_file(
        "", "\n".join(line.text for line in lines)
    ):
        return Block("recipe", lines, True, cell, end, end_prefix)  # an Apptainer definition file
    if language is None:
        return None
    console = is_console_info(info) or (language == "shell" and looks_like_console(lines))
    if console:
        lines = strip_prompts(lines)
    lines = [angle_placeholders(line) for line in lines]
    job = not console and is_job(lines)
    if not job and (language != "shell" or not has_understood_commands(lines)):
        return None
    return Block(language, lines, job, cell, end, end_prefix)
