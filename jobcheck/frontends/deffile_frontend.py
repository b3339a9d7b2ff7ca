"""Definition-file front end: the file cut exactly as Apptainer's parser cuts it.

1. Stages start at every line matching `(?mi)^bootstrap:`, anywhere, heredocs included; text
   before the first one is a stage of its own only if it holds more than comments.
2. A section starts at any line whose first word starts with `%` (indented or not); its name is
   the untrimmed line without its leading `%`s, lower-cased, up to the first ASCII space, so an
   indented section line gets the name "" (Apptainer: `invalid section(s) specified: `).
3. The header is what comes before the first section: blank and `#` lines skipped, a value cut
   at the first `#`, key and value split at the first `:`.
The shell in script sections is parsed by the shell front end, with file offsets.
"""

from __future__ import annotations

from ..model.recipe import SHELL_SECTIONS, HeaderEntry, HeaderLine, Recipe, Section, Stage
from ..patterns import lazy
from ..semantics.definition_files import BOOTSTRAP_LINE_RE
from .raw_commands import RawCommand
from .shell import parse_shell

FIRST_WORD_RE = lazy(r"[ \t]*(\S+)")


def parse(text: str) -> Recipe:
    recipe = Recipe()
    starts = [m.start() for m in BOOTSTRAP_LINE_RE.finditer(text)]
    bounds = list(zip([0] + starts, starts + [len(text)], strict=True))
    for start, end in bounds:
        if start == end:
            continue
        stage = _stage(text, start, end)
        if (
            start == 0
            and (not starts or starts[0] != 0)
            and not stage.header
            and not stage.sections
            and not stage.bad_lines
        ):
            continue  # comments before the first Bootstrap: line
        recipe.stages.append(stage)
    return recipe


def _lines(text: str, start: int, end: int):
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        yield pos, line_end
        pos = line_end + 1


def _stage(text: str, start: int, end: int) -> Stage:
    stage = Stage(start, end)
    open_section = None
    for line_start, line_end in _lines(text, start, end):
        line = text[line_start:line_end].rstrip("\r")
        first = FIRST_WORD_RE.match(line)
        if first is not None and first.group(1).startswith("%"):
            if open_section is not None:
                stage.sections.append(_close(open_section, line_start))
            open_section = _section(text, line, line_start, line_end, first)
            continue
        if open_section is None:
            _header_line(stage, text, line, line_start, line_end)
    if open_section is not None:
        stage.sections.append(_close(open_section, end))
    return stage


def _section(text: str, line: str, line_start: int, line_end: int, first) -> dict:
    indented = first.start(1) > 0
    raw = line.lstrip("%")
    name, space, args = raw.partition(" ")
    name = "" if indented else name.lower()
    name_end = line_start + first.end(1)
    args_start = line_start + (len(line) - len(raw)) + len(name) + len(space) if space else line_start + len(line)
    return {
        "name": name,
        "spelled": first.group(1),
        "args": args.strip(),
        "line_start": line_start,
        "name_start": line_start + first.start(1),
        "name_end": name_end,
        "args_start": args_start,
        "line_end": line_start + len(line),
        "body_start": min(line_end + 1, len(text)),
        "indented": indented,
    }


def _close(section: dict, body_end: int) -> Section:
    body_start = min(section.pop("body_start"), body_end)
    return Section(body_start=body_start, body_end=body_end, **section)


def _header_line(stage: Stage, text: str, line: str, line_start: int, line_end: int) -> None:
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return
    hash_at = line.find("#")
    content = line if hash_at < 0 else line[:hash_at]
    key, colon, value = content.partition(":")
    if not colon:
        stage.bad_lines.append(HeaderLine(stripped, line_start, line_start + len(line)))
        return
    key_start = line_start + (len(key) - len(key.lstrip()))
    value_offset = len(key) + 1 + (len(value) - len(value.lstrip()))
    stage.header.append(
        HeaderEntry(
            key=key.strip().lower(),
            spelled=key.strip(),
            value=value.strip(),
            key_start=key_start,
            value_start=line_start + value_offset,
            value_end=line_start + value_offset + len(value.strip()),
            line_start=line_start,
            line_end=line_start + len(line),
            hash_at=line_start + hash_at if hash_at >= 0 else None,
        )
    )


def section_shell(text: str, recipe: Recipe, parser: str | None = None):
    """Raw commands of every shell section, with file offsets (for build_commands)."""
    raws: list[RawCommand] = []
    for section in recipe.sections:
        if section.name not in SHELL_SECTIONS or section.body_start >= section.body_end:
            continue
        body = text[section.body_start : section.body_end]
        try:
            found, _, _ = parse_shell(body, parser)
        except ValueError:
            continue
        raws.extend(raw.shifted(section.body_start, 0, None) for raw in found)
    return raws
