from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.model.words import SINGLE
from jobcheck.patterns import lazy
from jobcheck.semantics.code_words import code_words
from jobcheck.semantics.command_views import views
from jobcheck.semantics.container_calls import container_calls

CLEANING_FLAGS = ("cleanenv", "containall", "compat")
# Set inside the container whatever the host has, or kept by --cleanenv.
CONTAINER_DEFINED = {
    "HOME",
    "PATH",
    "USER",
    "LOGNAME",
    "SHELL",
    "PWD",
    "OLDPWD",
    "TERM",
    "LANG",
    "LC_ALL",
    "HOSTNAME",
    "SHLVL",
    "PS1",
    "PS2",
    "PS4",
    "IFS",
    "RANDOM",
    "LINENO",
    "SECONDS",
    "UID",
    "EUID",
    "PPID",
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "all_proxy",
    "ftp_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "ALL_PROXY",
    "FTP_PROXY",
    "OPTARG",
    "OPTIND",
    "REPLY",
    "USER_PATH",
}
NAME_RE = lazy(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")
ASSIGNED_RE = lazy(r"(?:^|[\s;&|(])(?:export\s+|local\s+|declare\s+(?:-\w+\s+)*)?([A-Za-z_][A-Za-z0-9_]*)=")
LOOP_RE = lazy(r"\b(?:for|read(?:\s+-\w+)*)\s+([A-Za-z_][A-Za-z0-9_]*)")


def passed_names(call, script) -> set[str] | None:
    """Variables the call hands into the container explicitly; None when unknowable (--env-file)."""
    names: set[str] = set()
    for use in call.flags:
        if use.name == "env-file":
            return None
        if use.name == "env" and use.value is not None:
            prefix = use.value.literal_prefix
            names.update(piece.split("=", 1)[0] for piece in prefix.split(",") if "=" in piece)
    for assignment in script.assignments:
        for prefix in ("APPTAINERENV_", "SINGULARITYENV_"):
            if assignment.name.startswith(prefix):
                names.add(assignment.name[len(prefix) :])
    return names


class CleanEnvironment(Rule):
    """
    ## What it does
    With `--cleanenv`/`-e`, `--containall`/`-C` or `--compat`, finds variables that the command
    run in the container reads (`bash -c '... $SLURM_PROCID ...'`) but that are not handed in with
    `--env NAME=...` or `APPTAINERENV_NAME`.

    ## Why is this bad?
    These flags keep the host environment out of the container: only `TERM`, the proxy
    variables and what `--env`/`APPTAINERENV_` pass get in. `$SLURM_PROCID`, `$CUDA_VISIBLE_DEVICES`
    or `$HF_HOME` are then empty inside, silently. (`$HOME` and `$PATH` are fine: apptainer sets
    them in the container.)

    ## Example
        apptainer exec --cleanenv image.sif bash -c 'python train.py --rank $SLURM_PROCID'

    Use instead:

        apptainer exec --cleanenv --env SLURM_PROCID=$SLURM_PROCID image.sif \\
            bash -c 'python train.py --rank $SLURM_PROCID'

    `export LD_LIBRARY_PATH=...` before a container call is noted as info: apptainer never
    passes `LD_LIBRARY_PATH` (nor `PATH`), with or without these flags.

    ## Fix safety
    No fix: which variables to pass is the author's call.
    """

    code = "JC214"
    name = "container-clean-environment"
    severity = Severity.WARNING
    summary = "--cleanenv/--containall keeps out host variables the container command uses"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        runtime = settings.container_runtime
        yield from self._never_passed(script, settings)
        for call in container_calls(script, settings):
            cleaning = [u for u in call.flags if u.name in CLEANING_FLAGS]
            if not cleaning or call.image is None or not call.args or call.origin is None:
                continue
            passed = passed_names(call, script)
            if passed is None:
                continue
            inner = [
                v
                for v in views(call.origin, runtime, script.launchers)
                if v.words and call.args and v.words[0] == call.args[0]
            ]
            for view in inner:
                for word in code_words(view, runtime):
                    yield from self._report(word, call, cleaning[0], passed)

    def _never_passed(self, script, settings):
        """`export LD_LIBRARY_PATH=...` before a container call: apptainer never hands it in."""
        starts = [
            c.origin.start
            for c in container_calls(script, settings)
            if c.command in ("exec", "run", "shell", "test") and c.origin is not None
        ]
        if not starts:
            return
        last_call = max(starts)
        for assignment in script.assignments:
            if assignment.name == "LD_LIBRARY_PATH" and assignment.exported and assignment.start < last_call:
                yield Diagnostic(
                    assignment.start,
                    assignment.end,
                    "`LD_LIBRARY_PATH` set here never reaches the container: apptainer does not pass "
                    "it; if the container needs it, export `APPTAINERENV_LD_LIBRARY_PATH` or use "
                    "`--env LD_LIBRARY_PATH=...`",
                    severity=Severity.INFO,
                )

    def _report(self, word, call, flag, passed):
        for region in word.quoted_regions:
            if region.quote != SINGLE:
                continue
            code = word.text[region.inner_start - word.start : region.inner_end - word.start]
            local = set(ASSIGNED_RE.findall(code)) | set(LOOP_RE.findall(code))
            seen = set()
            for m in NAME_RE.finditer(code):
                name = m.group(1)
                if (
                    name in seen
                    or name in local
                    or name in passed
                    or name in CONTAINER_DEFINED
                    or name.startswith(("APPTAINER", "SINGULARITY"))
                ):
                    continue
                seen.add(name)
                start = region.inner_start + m.start()
                yield Diagnostic(
                    start,
                    start + len(m.group(0)),
                    "`$%s` is read inside the container, but `%s` keeps the host's `%s` out: it is empty "
                    "there; pass it with `--env %s=$%s` (or export `APPTAINERENV_%s`)"
                    % (name, flag.spelled, name, name, name, name),
                )
