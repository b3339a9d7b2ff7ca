from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.model.recipe import SHELL_SECTIONS
from jobcheck.patterns import lazy

# `&&`, `||` or `|` first on a line: an operator with no command before it.
LEADING_OPERATOR = lazy(r"^[ \t]*(&&|\|\||\|)(?!\|)")
# `if [ -d x ] then`: `then` written as the condition's last word, with no `;` or line break before it.
THEN_WITHOUT_SEPARATOR = lazy(r"^[ \t]*(el)?if[ \t].*?[^;&| \t]([ \t]+)then[ \t]*$")
LEAVES = lazy(r"^[ \t]*(exec|exit)([ \t]|$)")
HEREDOC = lazy(r"<<-?[ \t]*(['\"]?)([A-Za-z_][\w.-]*)\1")


class ShellSyntaxError(Rule):
    """
    ## What it does
    Finds shell syntax that every `/bin/sh` (dash, bash, busybox ash) refuses, in a definition
    file's shell sections (`%post`, `%setup`, `%runscript`, `%test`, ...):

    - a line that starts with `&&`, `||` or `|` while the line before does not end with `\\`
      (a missing `\\`, or a blank or comment line inside a `\\`-continued command);
    - `if CONDITION then` (or `elif`) on one line with no `;` before `then`.

    Lines after a top-level `exec` or `exit` are not read (the shell never gets there).

    ## Why is this bad?
    The shell reads a section command by command. At such a line it stops with "syntax error
    near unexpected token `&&'" (for `if ... then`: at the `fi`, since `then` was read as an
    argument of the condition): `%post` fails and the build stops; a `%runscript` fails at
    every start of the container.

    ## Example
        %post
            apt-get update
            && apt-get install -y curl
            if [ -d /opt/app ] then
                rm -rf /opt/app/tests
            fi

    Use instead:

        %post
            apt-get update \\
            && apt-get install -y curl
            if [ -d /opt/app ]; then
                rm -rf /opt/app/tests
            fi

    ## Fix safety
    Adding the `\\` to the line before (when it is a command line) and the `;` before `then` are
    safe: they are what the lines evidently mean. A blank or comment line inside a continued
    command has no fix: delete it by hand.
    """

    code = "JC530"
    name = "deffile-shell-syntax-error"
    severity = Severity.ERROR
    summary = (
        "Shell every /bin/sh refuses in a section: a line starting with `&&`, `||` or `|` after a line "
        "without `\\`, or `if ... then` without `;`"
    )
    fix_availability = "sometimes"
    languages = ("deffile",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        text = script.text
        for section in script.recipe.sections:
            if section.name not in SHELL_SECTIONS or section.name == "environment":
                continue  # %environment is read by Apptainer's own interpreter
            previous = None
            for start, line, continued in code_lines(text, section.body_start, section.body_end):
                if not continued and LEAVES.match(line):
                    break  # `exec ...`/`exit`: the shell reads no further (a runscript's usage notes below)
                operator = LEADING_OPERATOR.match(line)
                if operator is not None and not continued:
                    yield _leading_operator(text, section, start, operator, previous)
                then = THEN_WITHOUT_SEPARATOR.match(_without_comment(line))
                if then is not None and not continued:
                    at = start + then.start(2)
                    yield Diagnostic(
                        at + len(then.group(2)),
                        start + then.end(),
                        "`then` follows the condition "
                        "without `;` or a line break: the shell reads it as an argument of the "
                        'condition and refuses the `if` ("syntax error near unexpected token" at '
                        "its `fi`), so `%%%s` fails; write `; then`" % section.name,
                        Fix.safe("add `;` before `then`", Edit.insert(at, ";")),
                    )
                if line.strip():
                    previous = (start, line)


def _leading_operator(text, section, start, operator, previous) -> Diagnostic:
    at, end = start + operator.start(1), start + operator.end(1)
    said = operator.group(1)
    fix = None
    before = text[previous[0] + len(previous[1]) if previous else start : start]
    code = _without_comment(previous[1]) if previous is not None else ""
    if previous is not None and before.count("\n") == 1 and code == previous[1].rstrip() and not code.endswith("\\"):
        line_end = previous[0] + len(previous[1].rstrip())
        fix = Fix.safe("end the line before with `\\`", Edit.insert(line_end, " \\"))
    return Diagnostic(
        at,
        end,
        "`%s` starts a line, but the line before does not end with `\\` (or a blank or "
        "comment line breaks the continued command): the shell finds `%s` with no command before it "
        "and stops with a syntax error, so `%%%s` fails; end the command's line before with `\\` and "
        "keep no blank or comment line inside it" % (said, said, section.name),
        fix,
    )


def _without_comment(line: str) -> str:
    found = re.search(r"(^|[ \t;])#", line)
    return line[: found.start()].rstrip() if found else line.rstrip()


def code_lines(text: str, start: int, end: int):
    """(offset, text, continued) of each line of text[start:end] that begins outside quotes and
    here-document bodies; `continued`: the line before ended with a `\\` that joins them."""
    state = None  # None (code), "'", '"' or '`'
    delimiters: list[str] = []
    heredoc = None  # the delimiter whose body is being skipped
    continued = False
    offset = start
    for line in text[start:end].split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        line = line.rstrip("\r")
        if heredoc is not None:
            if line.strip() == heredoc:
                heredoc = delimiters.pop(0) if delimiters else None
            continue
        if state is None:
            yield line_start, line, continued
        state, continued, found = _scan(line, state)
        delimiters.extend(found)
        if delimiters and state is None and not continued:
            heredoc = delimiters.pop(0)


def _scan(line: str, state):
    """The quoting state after `line`, whether it ends with a joining `\\`, and the here-document
    delimiters it opens."""
    found: list[str] = []
    i = 0
    escaped = -1  # the offset of the last character a backslash escaped
    while i < len(line):
        char = line[i]
        if state is None:
            if char == "\\":
                if i == len(line) - 1:
                    return None, True, found
                escaped = i + 1
                i += 2
                continue
            if char == "#" and (i == 0 or (line[i - 1] in " \t;&|(" and escaped != i - 1)):
                break
            if char in "'\"`":
                state = char
            elif line.startswith("<<", i) and not line.startswith("<<<", i):
                heredoc = HEREDOC.match(line, i)
                if heredoc is not None:
                    found.append(heredoc.group(2))
                    i = heredoc.end()
                    continue
        elif state == "'":
            if char == "'":
                state = None
        elif char == "\\":
            i += 2
            continue
        elif char == state:
            state = None
        i += 1
    return state, False, found
