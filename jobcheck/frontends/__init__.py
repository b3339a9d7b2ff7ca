"""Front ends: Source -> JobScript. Each reads one aspect; `analyse` puts them together."""

from __future__ import annotations

import os

from ..model.script import JobScript, Shebang
from ..model.source import Source
from ..patterns import lazy
from ..semantics.definition_files import looks_like_definition_file
from ..semantics.launcher_table import Launchers
from ..semantics.pbs_directives import header_end as pbs_header_end
from . import foreign_header, lsf_header, other_scripts, pbs_header, sge_header, slurm_header
from .raw_commands import build_commands
from .shell import embedded_commands, parse_shell

PYTHON_RE = lazy(r"^(python|pypy)(\d+(\.\d+)*)?$")


def as_written_without_cr(text: str) -> str:
    """The shell text as its author meant it when the file has CRLF line endings, at the same
    offsets: each CR before a newline becomes a blank (a `\\` CR LF line continuation becomes
    blank, `\\`, LF). bash would read the CRs as part of the words (`--nv \\` CR LF escapes the
    CR and ends the command), but the rules for CRLF report that once, as the cause; the other
    rules then see the commands that were written, not every one of their CR-broken pieces."""
    if "\r\n" not in text:
        return text
    return text.replace("\\\r\n", " \\\n").replace("\r\n", " \n")


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


def analyse(
    source: Source,
    parser: str | None = None,
    slurm_release: str | None = None,
    scheduler: str = "auto",
    launchers: Launchers | None = None,
) -> JobScript:
    """Build the JobScript for one source. `parser` forces a shell front end (tests use it);
    `scheduler` is the setting of that name (auto, slurm, pbspro, torque, lsf, sge); `launchers`
    the run's launcher table (the registry's: built-in and plugin launchers; None: the built-in ones)."""
    script = JobScript(source=source, launchers=launchers)
    if source.is_binary:
        script.language = "none"
        return script
    text = source.text
    if looks_like_definition_file(source.path, text):
        return _definition_file(script, text, parser)
    script.shebang = read_shebang(text)
    script.language = script_language(script.shebang)
    script.directives, script.header_end = slurm_header.scan(text, slurm_release)
    script.pbs_header_end = pbs_header_end(text)
    if "#PBS" in text or "#BSUB" in text:
        script.foreign_directives = foreign_header.scan(text)
    if "#$" in text:
        script.sge_directives = sge_header.scan(text)
    if "#PBS" in text:
        script.pbs_directives = pbs_header.scan(text)
    if "BSUB" in text:
        script.lsf_directives = lsf_header.scan(text)
    if script.language == "python":
        # The Python front end (libcst behind it) loads only for scripts that are or run Python.
        from ..model.python_code import SCRIPT
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
    shell_text = as_written_without_cr(text)
    raws, script.parser, script.parse_error = parse_shell(shell_text, parser)
    script.commands, script.heredocs = build_commands(shell_text, raws)
    embedded = embedded_commands(shell_text, script.commands, parser, launchers) if "-c" in text else []
    if embedded:
        script.commands, script.heredocs = build_commands(shell_text, raws + embedded)
    if PYTHON_IN_SHELL_RE.search(text):
        script.python = _inline_python(script)
    _set_other_scripts(
        script, other_scripts.shell_regions(text, script.commands, script.heredocs, parsed=script.parse_error is None)
    )
    script.scheduler, script.pbs_flavor = choose_scheduler(script, scheduler)
    return script


def _set_other_scripts(script: JobScript, regions: list) -> None:
    """Record the text that belongs to other scripts (generated or pasted), and drop the
    directive lines there that the scheduler would not read anyway (past the header) and that
    the author did not mean for this job: sbatch and PBS's qsub stop at the first command.
    Late lines whose prefix runs into a word (`#SLURM_JOB_ID=...`, a commented-out
    assignment) are not directives either. Grid Engine and LSF read their lines anywhere, so
    theirs stay; choose_scheduler does not count them."""
    starts = sorted(
        d.start
        for family in (script.directives, script.pbs_directives, script.lsf_directives, script.sge_directives)
        for d in family
    )
    found = other_scripts.Regions(regions + other_scripts.pasted_script_regions(script.source.text, starts))
    script.other_scripts = found if found else None
    text = script.source.text

    def this_jobs(d) -> bool:
        if d.in_header:
            return True
        after = text.find(d.prefix, d.start) + len(d.prefix)  # #PBS lines may be indented
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
    counts = [
        (_real_directives(script, script.sge_directives), "sge"),
        (_real_directives(script, script.pbs_directives), "pbs"),
        (_real_directives(script, script.lsf_directives), "lsf"),
    ]
    best = max(counts, key=lambda c: c[0])
    if best[0] == 0:
        return None, None
    return best[1], None


def _real_directives(script: JobScript, directives) -> int:
    """How many lines are evidently directives: an option right after the prefix (`#$ -N x`,
    not a commented-out `#$VAR ...` or `#${JSRUN} ...`), outside text meant for other scripts."""
    return sum(
        1 for d in directives if d.tokens and d.tokens[0].value.startswith("-") and not script.in_other_script(d.start)
    )


def _definition_file(script: JobScript, text: str, parser: str | None) -> JobScript:
    from . import deffile_frontend  # only definition files need it (and the recipe model's classes)

    script.language = "deffile"
    script.parser = "deffile"
    script.recipe = deffile_frontend.parse(text)
    script.commands, script.heredocs = build_commands(text, deffile_frontend.section_shell(text, script.recipe, parser))
    return script


# A cheap test before looking for inline Python: most shell scripts never call it.
PYTHON_IN_SHELL_RE = lazy(r"\b(python|pypy|ipython)[0-9.]*\b")


def _inline_python(script):
    # Loaded only for a shell script that runs Python (see PYTHON_IN_SHELL_RE).
    from .python_frontend import analyse_code
    from .python_sources import python_sources

    return [
        analyse_code(code, offsets, origin, placeholders)
        for code, offsets, origin, placeholders in python_sources(script)
    ]
