"""JC311: a container path built from a variable nothing sets."""

from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.model.words import SINGLE
from jobcheck.patterns import lazy
from jobcheck.semantics.container_calls import container_calls

from .slurm_request import request_of

# Set by the shell, the login environment, the scheduler (Slurm, PBS, LSF, Grid Engine) or a
# container runtime in every job.
STANDARD = frozenset(
    """
HOME USER LOGNAME PWD OLDPWD TMPDIR TMP TEMP PATH SHELL HOSTNAME HOST LANG LC_ALL TERM UID EUID PPID
RANDOM SECONDS LINENO IFS BASHPID BASH_SOURCE FUNCNAME HOSTTYPE MACHTYPE OSTYPE MAIL DISPLAY
LD_LIBRARY_PATH LIBRARY_PATH CPATH MANPATH PYTHONPATH MODULEPATH LOADEDMODULES
NCPUS NSLOTS NHOSTS NQUEUES JOB_ID JOB_NAME PE_HOSTFILE PE QUEUE ENVIRONMENT REQUEST RESTARTED
""".split()
)
STANDARD_PREFIXES = (
    "SLURM_",
    "SBATCH_",
    "SRUN_",
    "SALLOC_",
    "BASH",
    "XDG_",
    "APPTAINER",
    "SINGULARITY",
    "CUDA_",
    "OMPI_",
    "PMI_",
    "PMIX_",
    "CONDA_",
    "LMOD_",
    "MODULE",
    "EBROOT",
    "EBVERSION",
    "LC_",
    "SSH_",
    "PBS_",
    "LSB_",
    "LS_",
    "SGE_",
)
# Defined by the login environment of many clusters (so often not in the script, and fine).
SITE_COMMON = frozenset(
    """
SCRATCH WORK WORKDIR PROJECT PROJECTS STORE ARCHIVE LOCALSCRATCH LOCAL_SCRATCH PSCRATCH CFS
GROUP_HOME GROUP_SCRATCH USERWORK WRKDIR FASTSCRATCH SCRATCHDIR DATADIR VIRTUAL_ENV
""".split()
)
# `source FILE`, `. FILE`, `module load X`, `ml X`: variables set where this script cannot see
SETS_ENVIRONMENT_RE = lazy(r"^[ \t]*(?:source|\.|module|ml)[ \t]+\S", re.MULTILINE)
# (the gap is bounded: an unbounded one is quadratic on a long line full of `export`s)
ASSIGNED_RE = (
    r"\b{name}\+?=|\b(?:for|select|read|export|declare|local|readonly|typeset|getopts|mapfile|readarray)\b"
    r"[^\n;|&]{{0,400}}\b{name}\b|printf\s+-v\s*{name}\b|\$\{{{name}:?="
)
# ${X:-default}, ${X-default}, ${X:=...}, ${X:?msg}, ${X+alt}: the author handled the unset case.
HANDLED_RE = lazy(r"^\$\{[A-Za-z_][A-Za-z0-9_]*:?[-=?+]")
PATH_FLAGS = ("bind", "home", "overlay", "mount", "workdir", "pwd")


class UnsetVariableInContainerPath(Rule):
    """
    ## What it does
    In a job that keeps the submitting environment out (`#SBATCH --export=NONE`, or a list
    without `ALL`), finds a variable used in a container path (`--bind`, `--home`, `--overlay`,
    `--mount`, `--workdir`, `--pwd`, the image) that the script never sets and that is not one
    the shell, the scheduler or the usual cluster environment provides (`HOME`, `USER`,
    `TMPDIR`, `SLURM_*`, `SCRATCH`, `WORK`, ...). Names your site's login environment sets can
    be listed in the `environment-variables` option.

    ## Why is this bad?
    An unset variable expands to nothing: `--bind $DATASET:/data` becomes `--bind :/data` and
    apptainer stops, or the image path becomes `/image.sif`. With `--export=NONE` the job does
    not see what was exported before `sbatch`, so the path is very likely wrong.

    Not reported: jobs that inherit the submitting environment (sbatch's default,
    `--export=ALL`), where an `export` typed before `sbatch` is the author's way of passing the
    path; and scripts that `source` a file or load a module, which may set the variable.

    ## Example
        #SBATCH --export=NONE
        apptainer exec --bind $DATASET:/data image.sif ls /data

    Use instead:

        DATASET=/project/data/imagenet
        apptainer exec --bind "$DATASET":/data image.sif ls /data

    or `${DATASET:?set DATASET before sbatch}` to stop with a clear message.

    ## Fix safety
    No fix: only the author knows the path.
    """

    code = "JC311"
    name = "unset-variable-in-container-path"
    severity = Severity.WARNING
    summary = "A container path uses a variable the job never gets (--export=NONE)"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        calls = container_calls(script, settings)
        if not calls:
            return
        export = request_of(script).options.get("export")
        if export is None or not export.value or "ALL" in export.value.upper().split(","):
            return  # the job inherits the submitting shell's environment: relying on it is the author's choice
        if SETS_ENVIRONMENT_RE.search(script.text):
            return  # a sourced file or a module sets variables this script cannot see
        known = STANDARD | SITE_COMMON | set(settings.get("environment-variables", ()) or ())
        reported: set[str] = set()
        for call in calls:
            words = [(use.spelled, use.value) for use in call.flags if use.name in PATH_FLAGS and use.value is not None]
            if call.image is not None:
                words.append(("the image", call.image))
            for flag, word in words:
                for part in word.params:
                    name = part.value
                    if (
                        part.quote == SINGLE
                        or name in reported
                        or name in known
                        or name.startswith(STANDARD_PREFIXES)
                        or not re.match(r"[A-Za-z_]", name)
                        or HANDLED_RE.match(script.text[part.start : part.end])
                        or _assigned(script.text, name)
                    ):
                        continue
                    reported.add(name)
                    where = "`%s`" % flag if flag.startswith("-") else flag
                    yield Diagnostic(
                        part.start,
                        part.end,
                        "`$%s` is never set in this script and `--export=%s` "
                        "keeps the submitting environment out of the job, so %s gets an empty "
                        "value" % (name, export.value, where),
                    )


def _assigned(text: str, name: str) -> bool:
    """Anything that could set `name`: an assignment, `for`/`read`/`export`/`declare`/..., `printf -v`,
    `${name:=...}`. Generous on purpose: a missed setter would be a false alarm."""
    return re.search(ASSIGNED_RE.format(name=re.escape(name)), text) is not None
