"""Inline suppressions: comments that switch findings off where the author decided so.

    cmd ...   # jobcheck: disable=JC201,sbatch-time-format -- reason
    # jobcheck: disable-next-line=JC010
    # jobcheck: disable-file=JC122

`disable=` covers its own line, and the whole command when it is written on the last line of a
command that spans several (`\\` continuations): bash allows a comment only there.
`disable-next-line=` covers the next line that is not blank or a comment (and the whole
command starting there). Codes, code prefixes and rule names are accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..patterns import lazy

DIRECTIVE_RE = lazy(r"(?:^|\s)#[ \t]*jobcheck:[ \t]*(disable-next-line|disable-file|disable)[ \t]*=")


@dataclass(repr=False, eq=False)  # a working record: compared by identity, never printed
class Suppression:
    """One suppression comment (`# jobcheck: disable=...`) and which of its codes were used."""

    kind: str  # 'disable', 'disable-next-line' or 'disable-file'
    codes: tuple[str, ...]
    line: int  # where the comment is
    start: int  # offset of the comment, for reports
    end: int
    reason: str = ""
    lines: set[int] = field(default_factory=set)  # the lines it covers (all, for disable-file)
    used: set[str] = field(default_factory=set)

    def matches(self, code: str, name: str) -> str | None:
        for wanted in self.codes:
            if wanted == name or (wanted and code.startswith(wanted)):
                return wanted
        return None


def find(script) -> list[Suppression]:
    source = script.source
    if "jobcheck" not in source.text:
        return []  # no comment can name jobcheck: skip the walk over every command
    spans = command_line_spans(script)
    found = []
    for line_no in range(1, source.line_count + 1):
        line = source.line_text(line_no)
        if "jobcheck" not in line:
            continue
        m = DIRECTIVE_RE.search(line)
        if not m:
            continue
        rest, _, reason = line[m.end() :].partition("--")
        codes = tuple(c.strip() for c in rest.split(",") if c.strip())
        start = source.offset(line_no, m.start() + 1 + (0 if line[m.start()] == "#" else 1))
        suppression = Suppression(
            m.group(1), codes, line_no, start, source.offset(line_no, 1) + len(line), reason.strip()
        )
        if suppression.kind == "disable":
            suppression.lines = spans.get(line_no, {line_no})
        elif suppression.kind == "disable-next-line":
            target = _next_code_line(source, line_no)
            if target is not None:
                suppression.lines = _starting_at(script, target)
        found.append(suppression)
    return found


def command_line_spans(script) -> dict[int, set[int]]:
    """Last line of each multi-line command -> all its lines."""
    spans: dict[int, set[int]] = {}
    for command in script.commands:
        if command.embedded:
            continue
        first = script.source.position(command.start).line
        last = script.source.position(command.end).line
        if last > first:
            spans.setdefault(last, set()).update(range(first, last + 1))
    for last in spans:
        spans[last].add(last)
    return spans


def _starting_at(script, line: int) -> set[int]:
    lines = {line}
    for command in script.commands:
        if not command.embedded and script.source.position(command.start).line == line:
            lines.update(range(line, script.source.position(command.end).line + 1))
    return lines


def _next_code_line(source, line_no: int) -> int | None:
    for candidate in range(line_no + 1, source.line_count + 1):
        stripped = source.line_text(candidate).strip()
        if stripped and not (stripped.startswith("#") and not stripped.startswith(("#SBATCH", "#PBS", "#BSUB", "#$"))):
            return candidate
    return None


def apply(findings, suppressions):
    """The findings that no suppression covers; marks which suppressions were used."""
    kept = []
    for finding in findings:
        suppressed = False
        for suppression in suppressions:
            if suppression.kind != "disable-file" and finding.line not in suppression.lines:
                continue
            matched = suppression.matches(finding.code, finding.name)
            if matched is not None:
                suppression.used.add(matched)
                suppressed = True
        if not suppressed:
            kept.append(finding)
    return kept
