"""Front ends: Source -> JobScript. Each reads one aspect; `analyse` puts them together."""

from __future__ import annotations

import contextlib
import os
import signal
import threading

from ..model import JobScript, Shebang
from ..patterns import lazy
from ..recipe_files import looks_like_definition_file
from ..source import Source
from . import foreign_header, lsf_header, other_scripts, pbs_header, sge_header, slurm_header
from .raw import RawCommand, TooDeep, build_commands

SHELL_PARSERS = ("bashlex", "tree-sitter")
# bashlex takes about 20 s per MB; beyond this size tree-sitter (about 0.2 s per MB) parses alone.
BASHLEX_MAX_CHARS = 256 * 1024
PYTHON_RE = lazy(r"^(python|pypy)(\d+(\.\d+)*)?$")


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
    if parser is None and len(text) > BASHLEX_MAX_CHARS:
        parser = "tree-sitter"
        reason = "larger than %d KiB: bashlex (a pure-Python parser) is skipped" % (BASHLEX_MAX_CHARS // 1024)
    if parser in (None, "bashlex") and not _has_code(text):
        return [], "bashlex", None  # blank lines and comments only: nothing to parse (bashlex would raise)
    if parser in (None, "bashlex"):
        from . import bashlex_frontend

        try:
            with _time_limit(BASHLEX_SECONDS_BASE + BASHLEX_SECONDS_PER_CHAR * len(text)):
                return bashlex_frontend.parse(text), "bashlex", None
        except _TimeLimit as exc:
            reason = str(exc)
        except TooDeep as exc:
            reason = str(exc)
        except RecursionError:
            reason = "nested too deeply for bashlex"
        except Exception as exc:  # bashlex raises many kinds of errors on what it cannot parse
            reason = "%s: %s" % (type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "")
        if parser == "bashlex":
            raise ValueError(reason)
    from . import treesitter_frontend

    crowded = most_heredocs_on_a_line(text)
    if crowded > MAX_HEREDOCS_PER_LINE:
        # tree-sitter's here-document scanner is quadratic in the here-documents pending on one
        # line (17,000 take minutes); no script has more than a handful
        return [], "tree-sitter", "%d here-documents on one line: not parsed" % crowded
    raws, has_error = treesitter_frontend.parse(text)
    if has_error and reason is None:
        reason = "syntax error"
    return raws, "tree-sitter", reason


MAX_HEREDOCS_PER_LINE = 256


def most_heredocs_on_a_line(text: str) -> int:
    """The most `<<` operators on one line (an upper bound on the here-documents it opens)."""
    if "<<" not in text:
        return 0
    return max(line.count("<<") for line in text.split("\n") if "<<" in line)


# bashlex loops forever on some inputs (found by the fuzz test: a `${` inside a quote that
# spans lines); it normally needs about 20 microseconds a character.
BASHLEX_SECONDS_BASE = 2.0
BASHLEX_SECONDS_PER_CHAR = 0.00005


TIME_LIMIT_REPEAT = 0.2  # seconds between further alarms once the limit is reached


class _TimeLimit(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Raise _TimeLimit in the block after `seconds` (main thread only: elsewhere, no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum, _frame):   # a signal handler's signature
        raise _TimeLimit("bashlex did not finish within %.0f s" % seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    # The timer repeats: an exception raised while the interpreter runs a garbage-collector
    # callback (hypothesis installs one) is printed and dropped, and a one-shot timer would then
    # leave bashlex looping for ever. The next tick raises again until one gets through.
    signal.setitimer(signal.ITIMER_REAL, seconds, TIME_LIMIT_REPEAT)
    try:
        yield
    finally:
        while True:  # an alarm may still arrive right here; keep going until the timer is off
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                break
            except _TimeLimit:
                continue
        signal.signal(signal.SIGALRM, previous)


def _has_code(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return True
    return False


def analyse(source: Source, parser: str | None = None, slurm_release: str | None = None,
            scheduler: str = "auto") -> JobScript:
    """Build the JobScript for one source. `parser` forces a shell front end (tests use it);
    `scheduler` is the setting of that name (auto, slurm, pbspro, torque, lsf, sge)."""
    script = JobScript(source=source)
    if source.is_binary:
        script.language = "none"
        return script
    text = source.text
    if looks_like_definition_file(source.path, text):
        return _definition_file(script, text, parser)
    script.shebang = read_shebang(text)
    script.language = script_language(script.shebang)
    script.directives, script.header_end = slurm_header.scan(text, slurm_release)
    if "#PBS" in text or "#BSUB" in text:
        script.foreign_directives = foreign_header.scan(text)
    if "#$" in text:
        script.sge_directives = sge_header.scan(text)
    if "#PBS" in text:
        script.pbs_directives = pbs_header.scan(text)
    if "BSUB" in text:
        script.lsf_directives = lsf_header.scan(text)
    if script.language == "python":
        from ..pycode import SCRIPT
        from .python_frontend import analyse_code
        from .python_sources import Shifted

        script.python = [analyse_code(text, Shifted(0, len(text)), SCRIPT)]
        script.parser = "libcst"
        if script.python[0].syntax_error is not None:
            script.parse_error = "Python syntax error: %s" % script.python[0].syntax_error.message
        _set_other_scripts(script, other_scripts.python_regions(text) if "\n" in text else [])
        script.scheduler, script.pbs_flavor = choose_scheduler(script, scheduler)
        return script
    if script.language != "shell":
        script.scheduler, script.pbs_flavor = choose_scheduler(script, scheduler)
        return script
    raws, script.parser, script.parse_error = parse_shell(text, parser)
    script.commands, script.heredocs = build_commands(text, raws)
    embedded = embedded_commands(text, script.commands, parser) if "-c" in text else []
    if embedded:
        script.commands, script.heredocs = build_commands(text, raws + embedded)
    if PYTHON_IN_SHELL_RE.search(text):
        script.python = _inline_python(script)
    _set_other_scripts(script, other_scripts.shell_regions(text, script.commands, script.heredocs,
                                                          parsed=script.parse_error is None))
    script.scheduler, script.pbs_flavor = choose_scheduler(script, scheduler)
    return script


def _set_other_scripts(script: JobScript, regions: list) -> None:
    """Record the text that belongs to other scripts (generated or pasted), and drop the
    directive lines there that the scheduler would not read anyway (past the header) and that
    the author did not mean for this job: sbatch and PBS's qsub stop at the first command.
    Late lines whose prefix runs into a word (`#SLURM_JOB_ID=...`, a commented-out
    assignment) are not directives either. Grid Engine and LSF read their lines anywhere, so
    theirs stay; choose_scheduler does not count them."""
    starts = sorted(d.start for family in (script.directives, script.pbs_directives, script.lsf_directives,
                                           script.sge_directives) for d in family)
    found = other_scripts.Regions(regions + other_scripts.pasted_script_regions(script.source.text, starts))
    script.other_scripts = found if found else None
    text = script.source.text

    def this_jobs(d) -> bool:
        if d.in_header:
            return True
        after = text.find(d.prefix, d.start) + len(d.prefix)   # #PBS lines may be indented
        return d.start not in found and (after >= len(text) or text[after] in " \t\r\n")

    script.directives = [d for d in script.directives if this_jobs(d)]
    script.pbs_directives = [d for d in script.pbs_directives if this_jobs(d)]


def choose_scheduler(script: JobScript, setting: str) -> tuple[str | None, str | None]:
    """Which scheduler reads the job, and the PBS flavour. Forced by the setting; otherwise
    #SBATCH lines make it Slurm (sbatch then translates #PBS/#BSUB lines itself), else the family
    with the most directive lines (ties: Grid Engine, PBS, LSF)."""
    if setting in ("pbspro", "torque"):
        return "pbs", setting
    if setting in ("slurm", "lsf", "sge"):
        return setting, None
    if script.directives:
        return "slurm", None
    counts = [(_real_directives(script, script.sge_directives), "sge"),
              (_real_directives(script, script.pbs_directives), "pbs"),
              (_real_directives(script, script.lsf_directives), "lsf")]
    best = max(counts, key=lambda c: c[0])
    if best[0] == 0:
        return None, None
    return best[1], None


def _real_directives(script: JobScript, directives) -> int:
    """How many lines are evidently directives: an option right after the prefix (`#$ -N x`,
    not a commented-out `#$VAR ...` or `#${JSRUN} ...`), outside text meant for other scripts."""
    return sum(1 for d in directives
               if d.tokens and d.tokens[0].value.startswith("-") and not script.in_other_script(d.start))


def _definition_file(script: JobScript, text: str, parser: str | None) -> JobScript:
    from . import deffile_frontend

    script.language = "deffile"
    script.parser = "deffile"
    script.recipe = deffile_frontend.parse(text)
    script.commands, script.heredocs = build_commands(text, deffile_frontend.section_shell(text, script.recipe, parser))
    return script


# A cheap test before looking for inline Python: most shell scripts never call it.
PYTHON_IN_SHELL_RE = lazy(r"\b(python|pypy|ipython)[0-9.]*\b")


def _inline_python(script):
    from .python_frontend import analyse_code
    from .python_sources import python_sources

    return [analyse_code(code, offsets, origin, placeholders)
            for code, offsets, origin, placeholders in python_sources(script)]


MAX_EMBEDDING = 4


def embedded_commands(text: str, commands, parser: str | None, level: int = 1) -> list[RawCommand]:
    """Commands inside `bash -c '...'` (and `sh -c`, `srun bash -c`, `apptainer exec IMG bash -c`)
    strings, parsed with their offsets in the file. Only strings whose text maps one to one onto
    the file are read: single-quoted ones, and double-quoted ones without backslashes."""
    from ..launchers import SHELLS, code_words, views

    found: list[RawCommand] = []
    if level > MAX_EMBEDDING:
        return found
    for command in commands:
        for view in views(command):
            if view.basename not in SHELLS:
                continue
            for word in code_words(view):
                inner = _code_text(word)
                if inner is None:
                    continue
                base, code = inner
                try:
                    raws, _, _ = parse_shell(code, parser if parser == "tree-sitter" else None)
                except ValueError:
                    continue
                shifted = [raw.shifted(base, command.depth + 1, command.function) for raw in raws]
                found.extend(shifted)
                nested, _ = build_commands(text, shifted)
                found.extend(embedded_commands(text, nested, parser, level + 1))
    return found


def _code_text(word) -> tuple[int, str] | None:
    text = word.text
    if len(text) >= 2 and text[0] == text[-1] == "'" and "'" not in text[1:-1]:
        return word.start + 1, text[1:-1]
    if len(text) >= 2 and text[0] == text[-1] == '"' and "\\" not in text and '"' not in text[1:-1]:
        return word.start + 1, text[1:-1]
    return None
