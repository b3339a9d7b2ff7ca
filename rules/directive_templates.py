"""Placeholders in `#PBS`, `#BSUB` and `#$` lines: the marks of a template that a tool or a person
fills in before the job is submitted (`{{ name }}`, `<your_account>`, `@NTASKS@`, `#PPN#`, ...).

A template's values are not the job's request yet: JC312 reports each placeholder line once, and
the value rules of the PBS, LSF and Grid Engine packs leave a template alone (`{{ mem }}` is not
"a size qsub refuses", and `-N {{ name }}` is not three words).
"""

from __future__ import annotations

import os
import re

from jobcheck import derived_fact
from jobcheck.patterns import lazy

# Placeholders a person leaves for the real value: `<name>`, `YOUR_...`, `CHANGEME`, `TODO`.
PLACEHOLDER_RE = lazy(
    r"<[^<>]*>|\bYOUR[_-]?[A-Z]+|\byour[_-][a-z]+|CHANGE[_-]?ME|\bXXX+\b|\bTODO\b|\bFIXME\b|PLACEHOLDER"
    r"|@example\.(com|org)\b",
    re.IGNORECASE,
)
# Filled by a tool: template engines' and build systems' markers.
TOOL_RE = lazy(
    r"\{\{.*?\}\}"  # Jinja, Mustache, doT: {{ name }}, {{{name}}}, {{= it.x}}
    r"|\{%.*?%\}"  # Jinja tags
    r"|<%.*?%>"  # ERB, brew: <%= job.hash %>
    r"|(?<![$\w])\{[A-Za-z0-9_.]*\}"  # str.format: {0}, {memory} (not ${VAR})
    r"|<TMPL_\w+[^<>]*>"  # HTML::Template
    r"|@{1,2}[A-Za-z_][A-Za-z0-9_]*@{1,2}"  # autoconf/CMake: @NTASKS@, @@X@@
    r"|(?<![\w.@])@[A-Z][A-Z0-9_]*\b"  # @NAME
    r"|@\[[^\]]*\]"  # HWRF's @[NAME]
    r"|\b__[A-Z][A-Z0-9_]*__\b"  # __MEM__
    r"|#{1,3}[A-Z][A-Z0-9_]*#{1,3}"  # #PPN#, ##WALLTIME##, ###JOBNAME###
    r"|!?\bTBG_\w+"  # PIConGPU's tbg: !TBG_wallTime
    r"|%[A-Za-z]{2}[A-Za-z0-9_]*%"  # %totalcores%
    r"|\$\$[A-Za-z_]\w*\$\$"  # StarExec: $$MAX_WRITE$$
    r"|(?<![\w-])\d+-[A-Z][A-Z0-9_]{2,}\b"  # a range to fill in: 1-NSAMPLES
    r"|\bx[A-Z]\w*"  # sed targets: xTime, xSeed0
)
# Filled by a person: words that ask for the real value.
PERSON_RE = lazy(
    PLACEHOLDER_RE.pattern + r"|\[[^\]\s]*\s[^\]]*\]|\bENTER[_-]\w+|(?:(?<=[\s=:,])|^)X+(?=[\s:,]|$)"
    r"|\bX{3,}\w*|\bN/A\b|(?<!\S)(?:\.\.\.|…)(?!\S)",
    re.IGNORECASE,
)
UPPER_X_RE = lazy(r"X+")
NOTE_RE = lazy(r"(?<!\S)#")
# `-P #Account` at the end of a line: a `#Name` where the value belongs asks for it, it is no note.
VALUE_MARK_RE = lazy(r"[ \t]-\w+[ \t]+(#[A-Za-z_]\w*)[ \t]*\r?$", re.MULTILINE)
# Files named as templates (`job.sh.in`, `run.tpl`, `submit_template.sh`): their upper-case words
# in directive values are the tool's marks (`-n NPROCS`, `-W WALLTIME`).
TEMPLATE_NAME_RE = lazy(r"(?:[._-](?:in|tpl|tmpl|template|j2|jinja2?)(?:\.\w+)?$)|template", re.IGNORECASE)
UPPER_WORD_RE = lazy(r"(?:^|(?<=[\s=:,]))[A-Z][A-Z0-9_]{2,}(?=$|[\s:,])")  # a whole value or list item
# Options whose values are expressions where `<` and `>` compare and `[...]` selects.
EXPRESSIONS = {"lsf": ("-R", "-w"), "pbs": (), "sge": ()}


class Placeholder:
    """The first placeholder of a directive line: where, what, and who fills it in."""

    def __init__(self, start: int, end: int, text: str, by_tool: bool, more: int):
        self.start, self.end, self.text, self.by_tool, self.more = start, end, text, by_tool, more


def read_text(script, directive) -> tuple[int, str]:
    """(offset, text) of the part of a directive line its scheduler reads as options and values:
    a ` # note` left out (`#PPN#` is a placeholder, not a note), expressions blanked."""
    text = script.text
    start = directive.start + len(directive.prefix)
    end = directive.end
    for m in NOTE_RE.finditer(text, start, end):
        if not TOOL_RE.match(text, m.start(), end):
            end = m.start()
            break
    part = list(text[start:end])
    for option in directive.options:
        if option.spelled in EXPRESSIONS.get(directive.scheduler, ()) and option.value_start is not None:
            for i in range(max(option.value_start, start), min(option.value_end, end)):
                part[i - start] = " "
    return start, "".join(part)


@derived_fact
def placeholder(script, directive) -> Placeholder | None:
    if directive.scheduler == "sge" and not script.text.startswith(("#$ ", "#$\t"), directive.start):
        return None  # `#${RUN} ...`, `#$VAR`: a commented-out command, not a template
    value_mark = VALUE_MARK_RE.search(script.text, directive.start, directive.end)
    if value_mark is not None and any(o.kind == "missing-value" for o in directive.options):
        return Placeholder(value_mark.start(1), value_mark.end(1), value_mark.group(1), False, 0)
    at, text = read_text(script, directive)
    matches = [(m, True) for m in TOOL_RE.finditer(text)]
    if template_file(script):
        matches += [
            (m, True)
            for m in UPPER_WORD_RE.finditer(text)
            if _in_value(directive, at + m.start())
            and not any(m.start() < t.end() and t.start() < m.end() for t, _ in matches)
        ]
    matches += [
        (m, False)
        for m in PERSON_RE.finditer(text)
        if not any(m.start() < t.end() and t.start() < m.end() for t, _ in matches)
    ]
    matches = [(m, tool) for m, tool in matches if tool or not _lower_x(m)]
    if not matches:
        return None
    matches.sort(key=lambda pair: pair[0].start())
    first, by_tool = matches[0]
    return Placeholder(at + first.start(), at + first.end(), first.group(0), by_tool, len(matches) - 1)


def template_file(script) -> bool:
    """The file is named as a template (`job.sh.in`, `run.tpl`, `pbs_script.tmpl`)."""
    return bool(TEMPLATE_NAME_RE.search(os.path.basename(script.source.path or "")))


def _in_value(directive, offset: int) -> bool:
    return any(o.value_start is not None and o.value_start <= offset < o.value_end for o in directive.options)


def _lower_x(m) -> bool:
    """A lone `x` is a word (`-l nodes=1 x`), only an upper-case `X` asks for a value."""
    return m.group(0).strip("xX") == "" and not UPPER_X_RE.fullmatch(m.group(0))


@derived_fact
def is_template(script) -> bool:
    """Any directive line of the job's scheduler holds a placeholder: its values are not final."""
    return any(placeholder(script, d) is not None for d in script.scheduler_directives)


def filled_uses(script, uses):
    """`uses` without the options of lines that hold a placeholder."""
    return [(d, o) for d, o in uses if placeholder(script, d) is None]
