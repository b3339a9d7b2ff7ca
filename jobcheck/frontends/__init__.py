"""Front ends: Source -> JobScript. Each reads one aspect; `analyse` puts them together."""

from __future__ import annotations

import os
import re

from ..model import JobScript, Shebang
from ..source import Source
from . import slurm_header
from .raw import RawCommand, TooDeep, build_commands

SHELL_PARSERS = ("bashlex", "tree-sitter")
PYTHON_RE = re.compile(r"^(python|pypy)(\d+(\.\d+)*)?$")


def read_shebang(text: str) -> Shebang | None:
    if not text.startswith("#!"):
        return None
    nl = text.find("\n")
    line = text[: len(text) if nl < 0 else nl].rstrip("\r")
    i = 2
    while i < len(line) and line[i] in " \t":
        i += 1
    j = i
    while j < len(line) and line[j] not in " \t":
        j += 1
    return Shebang(text=line, interpreter=line[i:j], interpreter_start=i, argument=line[j:].strip())


def script_language(shebang: Shebang | None) -> str:
    """'python' when the shebang names a Python interpreter (directly or through env), else 'shell'."""
    if shebang is None:
        return "shell"
    program = os.path.basename(shebang.interpreter)
    if program == "env":
        words = [w for w in shebang.argument.split() if not w.startswith("-") and "=" not in w]
        program = os.path.basename(words[0]) if words else ""
    return "python" if PYTHON_RE.match(program) else "shell"


def parse_shell(text: str, parser: str | None = None) -> tuple[list[RawCommand], str, str | None]:
    """Raw commands, the parser that produced them, and why bashlex gave up (if it did)."""
    reason = None
    if parser in (None, "bashlex"):
        from . import bashlex_frontend

        try:
            return bashlex_frontend.parse(text), "bashlex", None
        except TooDeep as exc:
            reason = str(exc)
        except RecursionError:
            reason = "nested too deeply for bashlex"
        except Exception as exc:  # bashlex raises many kinds of errors on what it cannot parse
            reason = "%s: %s" % (type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "")
        if parser == "bashlex":
            raise ValueError(reason)
    from . import treesitter_frontend

    raws, has_error = treesitter_frontend.parse(text)
    if has_error and reason is None:
        reason = "syntax error"
    return raws, "tree-sitter", reason


def analyse(source: Source, parser: str | None = None, slurm_release: str | None = None) -> JobScript:
    """Build the JobScript for one source. `parser` forces a shell front end (tests use it)."""
    script = JobScript(source=source)
    if source.is_binary:
        script.language = "none"
        return script
    text = source.text
    script.shebang = read_shebang(text)
    script.language = script_language(script.shebang)
    script.directives, script.header_end = slurm_header.scan(text, slurm_release)
    if script.language != "shell":
        return script
    raws, script.parser, script.parse_error = parse_shell(text, parser)
    script.commands, script.heredocs = build_commands(text, raws)
    return script
