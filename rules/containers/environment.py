from __future__ import annotations

import re

from jobcheck import Diagnostic, Rule, Severity
from jobcheck.semantics.launchers import code_words, views
from jobcheck.words import SINGLE

from .calls import container_calls, describe

CLEANING_FLAGS = ("cleanenv", "containall", "compat")
# Set inside the container whatever the host has, or kept by --cleanenv.
CONTAINER_DEFINED = {"HOME", "PATH", "USER", "LOGNAME", "SHELL", "PWD", "OLDPWD", "TERM", "LANG", "LC_ALL", "HOSTNAME",
                     "SHLVL", "PS1", "PS2", "PS4", "IFS", "RANDOM", "LINENO", "SECONDS", "UID", "EUID", "PPID",
                     "http_proxy", "https_proxy", "no_proxy", "all_proxy", "ftp_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                     "NO_PROXY", "ALL_PROXY", "FTP_PROXY", "OPTARG", "OPTIND", "REPLY", "USER_PATH"}
NAME_RE = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")
ASSIGNED_RE = re.compile(r"(?:^|[\s;&|(])(?:export\s+|local\s+|declare\s+(?:-\w+\s+)*)?([A-Za-z_][A-Za-z0-9_]*)=")
LOOP_RE = re.compile(r"\b(?:for|read(?:\s+-\w+)*)\s+([A-Za-z_][A-Za-z0-9_]*)")


def passed_names(call, script) -> set[str] | None:
    """Variables the call hands into the container explicitly; None when unknowable (--env-file)."""
    names = set()
    for use in call.flags:
        if use.name == "env-file":
            return None
        if use.name == "env" and use.value is not None:
            prefix = use.value.literal_prefix
            names.update(piece.split("=", 1)[0] for piece in prefix.split(",") if "=" in piece)
    for assignment in script.assignments:
        for prefix in ("APPTAINERENV_", "SINGULARITYENV_"):
            if assignment.name.startswith(prefix):
                names.add(assignment.name[len(prefix):])
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

    def check(self, script, settings):
        runtime = settings.container_runtime
        yield from self._never_passed(script, settings)
        for call in container_calls(script, settings):
            cleaning = [u for u in call.flags if u.name in CLEANING_FLAGS]
            if not cleaning or call.image is None or not call.args:
                continue
            passed = passed_names(call, script)
            if passed is None:
                continue
            inner = [v for v in views(call.origin, runtime, script.launchers) if v.words and call.args and v.words[0] == call.args[0]]
            for view in inner:
                for word in code_words(view, runtime):
                    yield from self._report(word, call, cleaning[0], passed)

    def _never_passed(self, script, settings):
        """`export LD_LIBRARY_PATH=...` before a container call: apptainer never hands it in."""
        calls = [c for c in container_calls(script, settings) if c.command in ("exec", "run", "shell", "test")]
        if not calls:
            return
        last_call = max(c.origin.start for c in calls)
        for assignment in script.assignments:
            if assignment.name == "LD_LIBRARY_PATH" and assignment.exported and assignment.start < last_call:
                yield Diagnostic(assignment.start, assignment.end,
                                 "`LD_LIBRARY_PATH` set here never reaches the container: apptainer does not pass "
                                 "it; if the container needs it, export `APPTAINERENV_LD_LIBRARY_PATH` or use "
                                 "`--env LD_LIBRARY_PATH=...`", severity=Severity.INFO)

    def _report(self, word, call, flag, passed):
        for region in word.quoted_regions:
            if region.quote != SINGLE:
                continue
            code = word.text[region.inner_start - word.start:region.inner_end - word.start]
            local = set(ASSIGNED_RE.findall(code)) | set(LOOP_RE.findall(code))
            seen = set()
            for m in NAME_RE.finditer(code):
                name = m.group(1)
                if name in seen or name in local or name in passed or name in CONTAINER_DEFINED \
                        or name.startswith(("APPTAINER", "SINGULARITY")):
                    continue
                seen.add(name)
                start = region.inner_start + m.start()
                yield Diagnostic(start, start + len(m.group(0)),
                                 "`$%s` is read inside the container, but `%s` keeps the host's `%s` out: it is empty "
                                 "there; pass it with `--env %s=$%s` (or export `APPTAINERENV_%s`)" % (
                                     name, flag.spelled, name, name, name, name))


class EnvironmentPrefixes(Rule):
    """
    ## What it does
    Finds an `APPTAINER_X` and a `SINGULARITY_X` variable both set to different values, and
    `APPTAINER_BIND`/`SINGULARITY_BIND` set while a call also gives `--bind` onto a place the
    variable already binds (the author evidently meant to replace it).

    ## Why is this bad?
    Apptainer reads both prefixes; when they disagree it warns and uses `APPTAINER_X`, so the
    `SINGULARITY_X` line does nothing. `APPTAINER_BIND` is *added to* `--bind`, not replaced by it,
    which surprises people who expect the command line to win.

    ## Example
        export APPTAINER_CACHEDIR=/scratch/cache
        export SINGULARITY_CACHEDIR=$HOME/.cache

    Use instead: one of them.

    ## Fix safety
    No fix.

    Severity: warning for the conflict; info for the combined binds.
    """

    code = "JC215"
    name = "container-environment-prefixes"
    severity = Severity.WARNING
    summary = "APPTAINER_X and SINGULARITY_X disagree, or APPTAINER_BIND adds to --bind"

    def check(self, script, settings):
        values: dict[str, list] = {}
        for assignment in script.assignments:
            values.setdefault(assignment.name, []).append(assignment)
        for name, found in values.items():
            if not name.startswith("SINGULARITY_"):
                continue
            twin = "APPTAINER_" + name[len("SINGULARITY_"):]
            if twin in values:
                mine, theirs = found[-1], values[twin][-1]
                if mine.value.text != theirs.value.text:
                    yield Diagnostic(mine.start, mine.end, "`%s` and `%s` are both set, to different values: apptainer "
                                     "uses `%s=%s` and warns; keep one" % (name, twin, twin, theirs.value.text))
        env_bind = [a for name in ("APPTAINER_BIND", "SINGULARITY_BIND", "APPTAINER_BINDPATH", "SINGULARITY_BINDPATH")
                    for a in values.get(name, [])]
        if not env_bind:
            return
        targets = {_bind_target(item) for a in env_bind for item in (a.value.value or "").split(",") if item}
        for call in container_calls(script, settings):
            # only a --bind onto a place the variable already binds: the author evidently meant to replace it
            binds = [u for u in call.flags if u.name == "bind" and u.value is not None and any(
                _bind_target(item) in targets for item in (u.value.value or "").split(",") if item)]
            if binds and call.origin is not None and call.origin.start > env_bind[0].start:
                yield Diagnostic(binds[0].word.start, binds[0].end,
                                 "`%s` is set above, and apptainer adds its binds to those of `%s`, it does not "
                                 "replace them" % (env_bind[0].name, binds[0].spelled), severity=Severity.INFO)


def _bind_target(item: str) -> str:
    """Where a bind lands in the container: `src:dest[:opts]` -> dest, `path` -> path."""
    parts = item.split(":")
    return parts[1] if len(parts) > 1 and parts[1] else parts[0]


class DockerImagePerJob(Rule):
    """
    ## What it does
    Finds `docker://` (and `oras://`, `library://`) images run directly by a batch job.

    ## Why is this bad?
    Every run asks the registry for the image, and converts it to a SIF again wherever the cache
    (`$APPTAINER_CACHEDIR`, under `$HOME` by default) does not have it yet: on a new node-local
    cache, or when many array tasks or `srun` tasks start at once. A registry outage or rate
    limit then fails the job, and a moving tag (`latest`) changes the software between runs.
    Pulling once into a SIF is faster and keeps the image fixed.

    Opt-in (`--select JC216`): it is advice about robustness, not a failure; with a warm cache
    the job runs as meant.

    ## Example
        srun apptainer exec docker://pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime python train.py

    Use instead:

        # once, on a login node: apptainer pull pytorch.sif docker://pytorch/pytorch:2.3.0-...
        srun apptainer exec pytorch.sif python train.py

    ## Fix safety
    No fix.
    """

    code = "JC216"
    name = "container-remote-image-per-job"
    severity = Severity.INFO
    opt_in = True
    summary = "A docker:// image fetched from the registry by every job"

    def check(self, script, settings):
        if not script.directives:
            return
        for call in container_calls(script, settings):
            image = call.image.value if call.image is not None else None
            if call.command in ("exec", "run", "shell", "test") and image and image.startswith(
                    ("docker://", "oras://", "library://")):
                yield Diagnostic(call.image.start, call.image.end, "`%s` runs `%s` straight from the registry: every "
                                 "job depends on the registry and converts it again on a cold cache; pull it once "
                                 "(`%s pull image.sif %s`) and run the SIF" % (describe(call), image, call.tool, image))
