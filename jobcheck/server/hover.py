"""Hover: a rule's docs on a finding; an option's meaning, grammar and release on a directive
option or apptainer flag, and what the scheduler makes of the value under the cursor."""

from __future__ import annotations

from lsprotocol import types

from ..semantics.container_calls import container_calls
from . import docs, values
from .diagnostics import Checked


def hover(checked: Checked, position: types.Position, session) -> types.Hover | None:
    offset = checked.positions.offset(position)
    parts = []
    script = checked.result.script if checked.result is not None else None
    if script is not None:
        parts += _directive_parts(checked, script, offset)
        parts += _container_parts(checked, script, offset)
    parts += _finding_parts(checked, position.line + 1, offset, session)
    if not parts:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))


def _finding_parts(checked: Checked, line: int, offset: int, session) -> list[str]:
    out = []
    for finding in checked.findings:
        on_line = finding.line <= line <= finding.end_line
        if not (on_line and finding.start <= offset <= max(finding.end, finding.start)):
            continue
        rule = session.rule(finding.code)
        if rule is not None:
            out.append("**%s** (%s): %s\n\n%s" % (rule.code, rule.name, rule.summary, rule.docs()))
    return out


def _directives(script):
    return (
        script.directives
        + script.foreign_directives
        + script.pbs_directives
        + script.lsf_directives
        + script.sge_directives
    )


def _directive_parts(checked: Checked, script, offset: int) -> list[str]:
    for directive in _directives(script):
        if not directive.start <= offset <= directive.end:
            continue
        option = next((o for o in directive.options if o.start <= offset <= o.end and o.kind != "separator"), None)
        text = []
        if option is not None:
            text.append(_option_docs(directive, option))
            if option.value is not None and option.value_start is not None and offset >= option.value_start:
                text += values.meaning(script, directive, option, offset, checked.settings)
        text += values.directive_notes(script, directive)
        return ["\n\n".join(t for t in text if t)] if any(text) else []
    return []


def _option_docs(directive, option) -> str:
    if directive.scheduler == "slurm":
        if option.name is None:
            return "**sbatch `%s`**: %s" % (
                option.spelled,
                "an ambiguous abbreviation: " + ", ".join("--" + c for c in option.candidates)
                if option.candidates
                else "not an sbatch option",
            )
        return docs.sbatch_markdown(option.name)
    return docs.scheduler_markdown(
        directive.scheduler, option.spelled if option.spelled.startswith("-") else "-" + (option.name or option.spelled)
    )


def _container_parts(checked: Checked, script, offset: int) -> list[str]:
    for call in container_calls(script, checked.settings):
        for use in call.global_flags + call.flags:
            if use.start <= offset <= use.end and not use.dynamic:
                if use.name is None:
                    return [
                        "**%s %s `%s`**: not a flag of %s (see the finding)."
                        % (call.tool, call.command or "", use.spelled, "/".join(call.implementations))
                    ]
                command = "global" if use in call.global_flags else call.command or ""
                return [docs.apptainer_markdown(call.tool, command, call.implementations, use.name)]
    return []
