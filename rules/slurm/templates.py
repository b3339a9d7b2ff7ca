"""Template placeholders in `#SBATCH` values: where a tool or a person puts the real value later.

A placeholder is reported once, as a placeholder (sbatch-placeholder-value); the value rules,
stray words and `#` checks stay quiet about the text it covers, because their messages ("not a
time limit", "quote it") would describe the template, not the job.
"""

from __future__ import annotations

import os
import re
from typing import NamedTuple

from jobcheck import DirectiveOption, derived_fact
from jobcheck.patterns import lazy
from jobcheck.semantics.sbatch_header import slurm_directives

# Filled by a tool before sbatch reads the file (Jinja/Mustache, str.format, %-formatting,
# autoconf/CMake, batch-system front ends such as PIConGPU's `!TBG_`).
TOOL_RE = lazy(
    r"\{\{.*?\}\}|\{\{[^}]*$"  # {{ name }}, {{{ name }}}, and one cut by the line's end
    r"|\{%.*?%\}|<%.*?%>"  # {% if x %}; <%= job.name %> (ERB, R's brew)
    r"|(?<!\$)\{(?:\d+|[A-Za-z_][\w.:\[\]-]*)?\}"  # {0} {} {NODES} {job.params.cores}
    r"|%\([A-Za-z_]\w*\)[-#0 +]*\d*[sdif]"  # %(wall_time)s
    r"|%%[A-Za-z_][\w-]*%%"  # %%NODES%%
    r"|(?<![%\w])%[0-9]*[sd](?![A-Za-z])"  # %s, %d
    r"|(?<![\w.@-])@@?[A-Za-z_]\w*@?@?"  # @NODES@ @@NTASKS@@ @TIME (not user@host)
    r"|(?<![\w!])![A-Za-z_]\w*"  # !TBG_wallTime
    r"|#[A-Z_][A-Z0-9_]*#"  # #PPN#
    r"|(?<![\w-])_[A-Z][A-Z0-9_]*_(?![\w-])"
)  # _NTASKS_
# Left for a person to replace.
PERSON_RE = lazy(
    r"<(?![\w.+-]+@[\w-]+(?:\.[\w-]+)+>)[^<>]*>"  # <your account>, but not <name@host.org>
    r"|\[[^\[\]]*[A-Za-z]{2,}[^\[\]]*\]"  # [insert name here] (a host list is node[01-04])
    r"|\{[^{}\s]*\s[^{}]*\}"  # {YOUR EMAIL}
    r"|(?i:\byour(?:[_-]?[a-z]+|\s+\w+))"  # YOUR_EMAIL, your-email, your email
    r"|(?i:\b(?:specify|enter|insert|fill[_ -]?in)[_ -][^\s#]+)"  # Specify_The_Indices..., Enter_Email
    r"|(?i:CHANGE[_-]?ME|\bX{2,}\b|\bTODO\b|\bFIXME\b|PLACEHOLDER|@example\.(?:com|org)\b)"
    r"|\b[A-Z]+_(?:NAME|ACCOUNT|PROJECT|EMAIL|ADDRESS|PARTITION|QUEUE|USER|HERE)\b"
)  # PARTITION_NAME
# Options whose value is a number, a size or a duration: a bare upper-case word there (`NODES`,
# `TOTALNPES`) can only be a placeholder.
NUMERIC = frozenset(
    (
        "nodes",
        "ntasks",
        "cpus-per-task",
        "ntasks-per-node",
        "ntasks-per-core",
        "ntasks-per-socket",
        "ntasks-per-gpu",
        "cpus-per-gpu",
        "mincpus",
        "mem",
        "mem-per-cpu",
        "mem-per-gpu",
        "tmp",
        "time",
        "time-min",
        "array",
        "gpus",
        "gpus-per-node",
        "gpus-per-task",
        "priority",
        "nice",
    )
)
# A file named as a template (`job.template.sh`, `run.sbatch.tmpl`, `job.sh.in`, `job.j2`): its
# `$name`/`${name}` values are string.Template/envsubst fields, filled before sbatch reads it.
TEMPLATE_NAME_RE = lazy(r"templ|tmpl|\.tpl|\.in$|\.j2$|\.jinja|\.mustache", re.IGNORECASE)
SHELL_FIELD_RE = lazy(r"\$\{?[A-Za-z_]\w*\}?")
STATEMENT_RE = lazy(r"\{%.*?%\}")  # a Jinja statement: the line is a template's
BARE_WORD_RE = lazy(r"[A-Z][A-Z0-9_]+$")
PATTERN_OPTIONS = ("output", "error", "input")
# Where `[a|b]` is the option's own syntax (a constraint's matching OR), not a placeholder.
BRACKET_SYNTAX = ("constraint", "cluster-constraint", "nodelist", "exclude", "array")
# Options that only label the job: a placeholder there is left in the name, nothing fails.
LABELS = ("job-name", "comment", "wckey")


class Placeholder(NamedTuple):
    start: int
    end: int
    text: str
    by_tool: bool  # filled by a tool (info) rather than left for a person (warning)
    option: DirectiveOption | None  # the option whose value it sits in (None: in a shell statement)


@derived_fact
def placeholders(script) -> list[Placeholder]:
    """Every placeholder in a value of the `#SBATCH` header, in order."""
    return list(_find(script))


def covered(script, start: int, end: int | None = None) -> bool:
    """True when [start, end) lies inside a placeholder's text, or overlaps a template statement
    (`{% if x %}`) that makes the words around it what a tool writes, not what sbatch reads."""
    end = start + 1 if end is None else end
    return any(
        (p.start <= start and end <= p.end) or (p.option is None and p.start < end and start < p.end)
        for p in placeholders(script)
    )


def placeholder_of(script, option) -> Placeholder | None:
    return next((p for p in placeholders(script) if p.option is option), None)


def _find(script):
    text = script.text
    fields = bool(TEMPLATE_NAME_RE.search(os.path.basename(script.path or "")))
    for directive in slurm_directives(script):
        if not directive.in_header:
            continue
        for m in STATEMENT_RE.finditer(text, directive.start, directive.end):
            yield Placeholder(m.start(), m.end(), m.group(0), True, None)
        for option in directive.options:
            if option.kind not in ("option", "missing-value", "unknown"):
                continue
            start = option.value_start if option.value_start is not None else option.end
            raw = text[start : directive.end]
            first_word = (
                len(raw) - len(raw.lstrip(" \t")) + len(raw.lstrip(" \t").split(None, 1)[0])
                if raw.strip()
                else len(raw)
            )
            found = _search(raw, option.name, first_word, fields)
            if found is not None:
                m, by_tool = found
                yield Placeholder(start + m.start(), start + m.end(), m.group(0).strip(), by_tool, option)


def _search(raw: str, name: str | None, first_word: int, fields: bool = False):
    """The first placeholder that starts in the value's first word (later words are other options)."""
    best = None
    for regex, by_tool in ((TOOL_RE, True), (PERSON_RE, False)) + (((SHELL_FIELD_RE, True),) if fields else ()):
        for m in regex.finditer(raw):
            if m.start() >= first_word:
                break
            if regex is not SHELL_FIELD_RE and raw[: m.start()].endswith(("$", "${")):
                break  # `$JOB_NAME`: a shell variable (sbatch-variable-in-value), not a placeholder
            if (name in PATTERN_OPTIONS and by_tool and m.group(0).startswith("%")) or (
                name in BRACKET_SYNTAX and m.group(0).startswith("[") and not re.search(r"\s", m.group(0))
            ):
                break
            if best is None or m.start() < best[0].start():
                best = (m, by_tool)
            break
    if best is None and name in NUMERIC:
        word = raw.lstrip(" \t")[:first_word].strip()
        if BARE_WORD_RE.match(word) and word.upper() not in ("UNLIMITED", "INFINITE"):
            exact = re.compile(re.escape(word)).match(raw, raw.find(word))
            if exact is not None:  # always: the word was cut from raw
                best = (exact, False)
    return best
