"""Where a job first relies on its working directory (for schedulers that start jobs in $HOME)."""

from __future__ import annotations

import os

INTERPRETERS = frozenset("python python2 python3 Rscript R bash sh zsh perl julia ruby".split())
SCRIPT_EXTENSIONS = (".py", ".sh", ".R", ".r", ".pl", ".jl", ".rb", ".m")
OPTIONS_WITH_VALUE = {"python": ("-W", "-X"), "Rscript": (), "julia": ("-t", "--threads", "-p", "--project")}


def _relative(value: str | None) -> bool:
    if not value:
        return False
    return not value.startswith(("/", "~", "$", "-")) and "://" not in value


def first_relative_use(script):
    """(start, end, what) of the first command word that names a file relative to the working
    directory, before any `cd` (a function's body runs when called: it is skipped); None when the
    script changes directory first or uses none."""
    for command in sorted(script.commands, key=lambda c: c.start):
        name = command.name
        if name in ("cd", "pushd"):
            return None
        if command.embedded or command.depth or command.function:
            continue  # a function body runs when it is called, maybe after a `cd`
        if name and "/" in name and _relative(name):
            return command.words[0].start, command.words[0].end, "`%s`" % name
        program = os.path.basename(name) if name else None
        if program and (program in INTERPRETERS or program.rstrip("0123456789.") in INTERPRETERS):
            found = _script_argument(command, program)
            if found is not None:
                return found
        for redirect in command.redirects:
            target = redirect.target.value
            if redirect.op in ("<", ">", ">>") and _relative(target) and "/" in target:
                return redirect.target.start, redirect.target.end, "`%s`" % target
    return None


def _script_argument(command, program):
    base = program.rstrip("0123456789.")
    takes_value = OPTIONS_WITH_VALUE.get(base, ())
    args = command.args
    i = 0
    while i < len(args):
        value = args[i].value
        if value is None:
            return None
        if value in ("-m", "-c", "-e", "--version", "-"):
            return None
        if value.startswith("-"):
            i += 2 if value in takes_value else 1
            continue
        if _relative(value) and value.endswith(SCRIPT_EXTENSIONS):
            return args[i].start, args[i].end, "`%s %s`" % (program, value)
        return None
    return None
