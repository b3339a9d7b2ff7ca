"""Code actions: each finding's fix, "fix all safe problems", and "disable RULE for this line".

A suppression goes where jobcheck's own suppression reader finds it (README "Suppressions"):
for a `#SBATCH`/`#PBS`/`#BSUB` line a `# jobcheck: disable-next-line=CODE` line above it (PBS's
qsub refuses a trailing comment on a `#PBS` line: "directive error"); elsewhere what
`--add-suppressions` writes (a trailing `# jobcheck: disable=CODE` at the end of the command, or
a `disable-file` line after the shebang). Lines inside heredoc bodies cannot take one.
"""

from __future__ import annotations

from lsprotocol import types

from ..cli.add_suppressions import annotate
from ..engine.fixer import fix_of, fix_source
from ..patterns import lazy
from ..rule import Applicability, Finding
from .diagnostics import Checked

FIX_ALL_KIND = types.CodeActionKind.SourceFixAll + ".jobcheck"
# The directive lines `disable-next-line` reaches (suppressions._next_code_line skips other comments).
NEXT_LINE_DIRECTIVES = ("#SBATCH", "#PBS", "#BSUB")
NEXT_LINE_RE = lazy(r"^[ \t]*#[ \t]*jobcheck:[ \t]*disable-next-line[ \t]*=")


def code_actions(checked: Checked, first_line: int, last_line: int, only=None) -> list[types.CodeAction]:
    """Actions for the findings on 1-based lines first_line..last_line (and the file-wide one)."""
    wanted = _kinds(only)
    actions: list[types.CodeAction] = []
    # Not strict: a document that could not be checked has one configuration diagnostic, no finding.
    here = [
        (f, d)
        for f, d in zip(checked.findings, checked.diagnostics, strict=False)
        if f.line <= last_line and f.end_line >= first_line
    ]
    if types.CodeActionKind.QuickFix in wanted:
        for finding, diag in here:
            if finding.fix is not None and finding.fix.edits:
                actions.append(fix_action(checked, finding, diag))
        for finding, diag in here:
            action = disable_action(checked, finding, diag)
            if action is not None:
                actions.append(action)
    if FIX_ALL_KIND in wanted and any(_safe(f) for f in checked.findings):
        action = fix_all_action(checked)
        if action is not None:
            actions.append(action)
    return actions


def _kinds(only) -> set:
    every = {types.CodeActionKind.QuickFix, FIX_ALL_KIND}
    if not only:
        return every
    return {kind for kind in every if any(kind == o or kind.startswith(str(o) + ".") for o in only)}


def _safe(finding: Finding) -> bool:
    return finding.fix is not None and bool(finding.fix.edits) and finding.fix.applicability == Applicability.SAFE


def fix_action(checked: Checked, finding: Finding, diag) -> types.CodeAction:
    fix = fix_of(finding)
    safe = fix.applicability == Applicability.SAFE
    edits = [types.TextEdit(range=checked.positions.range(e.start, e.end), new_text=e.content) for e in fix.edits]
    return types.CodeAction(
        title="%s: %s%s" % (finding.code, fix.message, "" if safe else " (unsafe fix: check the result)"),
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag],
        is_preferred=safe,
        edit=types.WorkspaceEdit(changes={checked.uri: edits}),
    )


def fix_all_action(checked: Checked) -> types.CodeAction | None:
    """Every safe fix, applied pass after pass like `jobcheck --fix` (one edit for the result)."""
    linter = checked.linter
    if linter is None:
        return None
    outcome = fix_source(checked.source, lambda s: linter.check_source(s).findings, False, parses=linter.parses)
    if not outcome.changed:
        return None
    return types.CodeAction(
        title="jobcheck: fix all safe problems (%d)" % len(outcome.applied),
        kind=FIX_ALL_KIND,
        edit=types.WorkspaceEdit(changes={checked.uri: [text_change(checked, outcome.text)]}),
    )


def disable_action(checked: Checked, finding: Finding, diag) -> types.CodeAction | None:
    new_text, scope = suppressed_text(checked, finding)
    if new_text is None:
        return None
    return types.CodeAction(
        title="Disable %s (%s) for this %s" % (finding.code, finding.name, scope),
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag],
        edit=types.WorkspaceEdit(changes={checked.uri: [text_change(checked, new_text)]}),
    )


def suppressed_text(checked: Checked, finding: Finding) -> tuple[str | None, str]:
    script = checked.result.script if checked.result is not None else None
    if script is None or finding.code in ("JC000", "JC003"):
        return None, ""
    source = checked.source
    line = source.line_text(finding.line) if finding.line <= source.line_count else ""
    if line.lstrip().startswith(NEXT_LINE_DIRECTIVES) and not (finding.line == 1 and script.shebang):
        return _next_line_comment(source, finding), "line"
    text, count, _ = annotate(script, [finding])
    if not count:
        return None, ""  # inside a heredoc body
    return text, "file" if finding.line == 1 and script.shebang is not None else "line"


def _next_line_comment(source, finding: Finding) -> str:
    lines = source.text.split("\n")
    index = finding.line - 1
    above = lines[index - 1].rstrip("\r") if index > 0 else ""  # "" on the first line: no directive
    m = NEXT_LINE_RE.match(above)
    if m:
        listed, dashes, reason = above[m.end() :].partition("--")
        codes = [c.strip() for c in listed.split(",") if c.strip()]
        if finding.code not in codes:
            codes.append(finding.code)
        cr = "\r" if lines[index - 1].endswith("\r") else ""
        lines[index - 1] = above[: m.end()] + ",".join(codes) + (" --" + reason if dashes else "") + cr
    else:
        target = lines[index]
        indent = target[: len(target) - len(target.lstrip())]
        cr = "\r" if target.endswith("\r") else ""
        lines.insert(index, "%s# jobcheck: disable-next-line=%s%s" % (indent, finding.code, cr))
    return "\n".join(lines)


def text_change(checked: Checked, new_text: str) -> types.TextEdit:
    """The smallest single edit that turns the document into `new_text`."""
    old = checked.source.text
    prefix = 0
    limit = min(len(old), len(new_text))
    while prefix < limit and old[prefix] == new_text[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new_text[len(new_text) - 1 - suffix]:
        suffix += 1
    return types.TextEdit(
        range=checked.positions.range(prefix, len(old) - suffix), new_text=new_text[prefix : len(new_text) - suffix]
    )
