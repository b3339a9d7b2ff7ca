from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity, derived_fact
from jobcheck.model.words import SINGLE
from jobcheck.patterns import lazy
from jobcheck.semantics.code_words import code_words, may_take_code
from jobcheck.semantics.command_views import runs_other_commands, views

VARIABLE_RE = lazy(r"\$(\{[#!]?)?([A-Za-z_][A-Za-z0-9_]*)")
PATH_LIKE_RE = lazy(r"^\$\{?[A-Za-z_]\S*$")
# Variables whose value is meant to be expanded later, by the shell that reads them.
DEFERRED = frozenset({"PS1", "PS2", "PS3", "PS4", "PROMPT_COMMAND", "TIMEFORMAT"})
# Variables holding text for people (a usage line shows `$VAR` as the reader should type it).
TEXT_FOR_PEOPLE = lazy(r"usage|help|example|message|msg|hint", re.IGNORECASE)
# Commands that print their arguments; what they print is often code for another file.
PRINTERS = frozenset({"echo", "printf", "print", "logger", "cat"})
# One way only to read each character (a name to its end: the lookahead forbids stopping inside
# it; a closing brace taken when there), so `$ABC` cannot be split into names in many ways and a
# text that does not match fails in linear time, as possessive quantifiers would (Python 3.10
# has none; found by the regex review of the robustness issue).
SAFE_IN_DOUBLE_QUOTES = lazy(r"^(?:[^$\"\\`]|\$\{?[A-Za-z_][A-Za-z0-9_]*(?![A-Za-z0-9_])(?:\}|(?!\})))*$")


# A quote, then a `$` before the next quote (a superset of what _report finds; linear: each scan
# stops at the next quote).
SINGLE_QUOTED_DOLLAR_RE = lazy(r"'[^']*\$")


class SingleQuotedVariable(Rule):
    """
    ## What it does
    Finds `$NAME` and `${NAME}` inside single quotes where the script evidently wants the
    value: in the value of a variable assignment, and in path-like arguments
    (`cd '$SCRATCH/run'`, `--bind '$DATA:/data'`).

    ## Why is this bad?
    Nothing expands inside single quotes. `export DATA_DIR='$HOME/data'` sets DATA_DIR to the
    eight characters `$HOME/data`; every later use points at a directory literally named
    `$HOME` below the job's working directory, and the job fails after its queue wait.

    Quoted text that is code for another interpreter is left alone, because that interpreter
    expands it: `bash -c '...'`, `sh -c`, `srun bash -c`, `apptainer exec IMG bash -c '...'`,
    `eval`, `trap`, `alias`, `awk`, `sed`, `perl -e`, `python -c`, `find -exec sh -c`, `ssh`,
    `envsubst`, ...; so is a variable whose value is later run with `eval` or `sh -c`, and
    prompt variables (`PS1`, `PS4`, `PROMPT_COMMAND`) and text for people (`USAGE='sbatch
    --export=IN=$DIR job.sh'`). Arguments of `echo`/`printf`/`cat` are
    left alone too: they often write code into another file, and so is a variable whose value
    is written into an unquoted heredoc (a generated job script expands it). Other tools'
    syntax is not the shell's: template placeholders (`$$NAME$$`, `$NAME$`) and Hydra/OmegaConf
    interpolations (`${model.name}`, which bash would refuse as a bad substitution).

    ## Example
        export DATA_DIR='$HOME/data'

    Use instead:

        export DATA_DIR="$HOME/data"

    ## Fix safety
    Turning the single quotes into double quotes is safe when the quoted text holds nothing
    else that double quotes change (no `"`, `\\`, backquote, `$(`, or other `$`). Otherwise the
    fix escapes those characters and is unsafe.
    """

    code = "JC010"
    name = "single-quoted-variable"
    severity = Severity.WARNING
    summary = "`$NAME` inside single quotes is never expanded"
    fix_availability = "always"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        runtime = settings.container_runtime
        text = script.text
        for command in script.commands:
            if command.embedded:
                continue  # text inside `bash -c "..."` was already expanded by this script's shell
            if not SINGLE_QUOTED_DOLLAR_RE.search(text, command.start, command.end):
                continue  # no `$` after a single quote: nothing to report (the common case, checked cheaply)
            assignment_words = set()
            for assignment in command.assignments:
                assignment_words.add((assignment.start, assignment.end))
                if (
                    assignment.name in DEFERRED
                    or TEXT_FOR_PEOPLE.search(assignment.name)
                    or assignment.name in _names_run_as_code(script, runtime)
                ):
                    continue
                what = "%s is set to" % assignment.name
                yield from _report(assignment.value, what, path_like_only=False)
            command_views = views(command, runtime, script.launchers)
            code = {(w.start, w.end) for view in command_views for w in code_words(view, runtime)}
            printed: set[tuple[int, int]] = set()
            for view in command_views:
                if view.basename in PRINTERS:
                    printed.update((w.start, w.end) for w in view.args)
            for index, word in enumerate(command.words[1:], start=1):
                span = (word.start, word.end)
                if span in code or span in printed or span in assignment_words:
                    continue
                # name the program that receives the word: `python` in `srun python x.py '$X'`
                owner = [v for v in command_views if v.index < index][-1]
                program = owner.basename or "the command"
                yield from _report(word, "`%s` gets" % program, path_like_only=True)


def _report(word, what: str, path_like_only: bool):
    for region in word.quoted_regions:
        if region.quote != SINGLE:
            continue
        inner = word.text[region.inner_start - word.start : region.inner_end - word.start]
        names = list(dict.fromkeys(_shell_references(inner)))
        if not names or (path_like_only and not PATH_LIKE_RE.match(inner)):
            continue
        shown = ", ".join("`$%s`" % n for n in names)
        verbs = ("is", "it is") if len(names) == 1 else ("are", "they are")
        message = "%s %s inside single quotes, so %s never expanded: %s the literal text `%s`; use double quotes" % (
            shown,
            verbs[0],
            verbs[1],
            what,
            inner,
        )
        yield Diagnostic(region.start, region.end, message, _fix(region, inner))


# what may follow `${NAME` in a shell expansion; anything else (`${img.name}`) is another tool's syntax
BRACE_FOLLOWERS = "}:-=+?#%/^,["


def _shell_references(inner: str):
    """The names of the shell expansions in single-quoted text, leaving out other tools' syntax:
    template placeholders (`$$NAME$$`, `$NAME$`) and interpolations the shell would refuse
    (`${img.name}` of Hydra/OmegaConf, a "bad substitution" to bash)."""
    found = []
    for m in VARIABLE_RE.finditer(inner):
        start, end = m.start(), m.end()
        if start > 0 and inner[start - 1] == "$":
            continue  # `$$NAME$$`: `$$` is the shell's PID, the whole is a placeholder
        if m.group(1) is not None and (end >= len(inner) or inner[end] not in BRACE_FOLLOWERS):
            return []  # the text is another tool's: the shell would refuse it as a whole
        if m.group(1) is None and inner.startswith("$", end):
            continue  # `$NAME$`: a placeholder filled by a tool
        found.append(m.group(2))
    return found


def _fix(region, inner: str) -> Fix | None:
    if not region.terminated:
        return None
    if SAFE_IN_DOUBLE_QUOTES.match(inner):
        return Fix.safe("use double quotes", Edit(region.start, region.end, '"%s"' % inner))
    escaped = _escape_for_double_quotes(inner)
    return Fix.unsafe(
        "use double quotes, escaping what they would change", Edit(region.start, region.end, '"%s"' % escaped)
    )


def _escape_for_double_quotes(inner: str) -> str:
    out = []
    i = 0
    while i < len(inner):
        c = inner[i]
        if c in '"\\`':
            out.append("\\" + c)
        elif c == "$":
            m = VARIABLE_RE.match(inner, i)
            if m and not inner.startswith("(", m.end()):
                braced = m.group(1) is not None
                end = inner.find("}", m.end()) + 1 if braced else m.end()
                if braced and end <= 0:
                    end = len(inner)
                out.append(inner[i:end])
                i = end
                continue
            out.append("\\$")
        else:
            out.append(c)
        i += 1
    return "".join(out)


@derived_fact
def _names_run_as_code(script, runtime: str) -> set[str]:
    """Variables whose value is later evaluated as code (eval "$X", bash -c "$X", trap "$X" ...) or
    written into another script (an unquoted heredoc body: `$X` there becomes the generated text)."""
    names: set[str] = set()
    text = script.text
    for doc in script.heredocs:
        if not doc.quoted:
            names.update(m.group(2) for m in VARIABLE_RE.finditer(text, doc.body_start, doc.body_end))
    for command in script.commands:
        if text.find("$", command.start, command.end) < 0:
            continue  # no variable in it at all: nothing to collect (and no need to unwrap launchers)
        if not may_take_code(command.basename) and not runs_other_commands(command, script.launchers):
            continue  # neither code-taking nor running a command that may be
        for view in views(command, runtime, script.launchers):
            for word in code_words(view, runtime):
                names.update(m.group(2) for m in VARIABLE_RE.finditer(word.text))
    return names
