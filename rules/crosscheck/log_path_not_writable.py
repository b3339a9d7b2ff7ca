from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from .slurm_request import request_of

# Folders no job user may create files in (kernel and system trees), and the few files under
# them that anyone may write. Not /usr: sites mount user file systems there (LLNL's
# /usr/workspace).
SYSTEM = lazy(r"^/(dev|proc|sys|etc|bin|sbin|lib|lib64|boot)(/|$)")
WRITABLE = lazy(r"^/dev/(null|stdout|stderr|tty|zero|full|fd/\d+|shm/.+)$")
OUTPUT_OPTIONS = {"pbs": ("-o", "-e"), "lsf": ("-o", "-e", "-oo", "-eo"), "sge": ("-o", "-e")}


class LogPathNotWritable(Rule):
    """
    ## What it does
    Finds a job's output or error path that no job can write: a file in a system folder
    (`/dev/job.out`, `/etc/run.log`, `/proc/x.err`; `/dev/null` and `/dev/shm/...` are
    fine), and, for Slurm, a path ending in `/` (a folder: Slurm opens the path itself as the
    log file; PBS, LSF and Grid Engine put a file of their own into a folder). LSF's `-oo`/`-eo`
    are checked like `-o`/`-e`; a path under a file (`/dev/null/run.out`) is one under `/dev`.

    Not reported: a relative path whose folder may be a file (`-oo logs/run.out` where `logs`
    is a file). Whether it is depends on the folder the job is submitted from, which the script
    does not show, and the script's own `touch`/`>` run only after the scheduler opened the log.

    ## Why is this bad?
    The scheduler opens the log before the script starts. When it cannot (permission denied,
    "Is a directory"), the job fails at launch or runs with its output thrown away, and there
    is no log saying why.

    ## Example
        #SBATCH --output=/dev/train.out

    Use instead:

        #SBATCH --output=logs/train-%j.out

    ## Fix safety
    No fix: where the log belongs is the author's choice.
    """

    code = "JC316"
    name = "log-path-not-writable"
    severity = Severity.WARNING
    summary = "An output/error path in a system folder, or a Slurm log path that is a folder"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for start, end, _spelled, path in _log_paths(script):
            said = script.text[start:end]
            if SYSTEM.match(path) and not WRITABLE.match(path):
                yield Diagnostic(
                    start,
                    end,
                    "`%s`: a job cannot create files under `/%s`, so the scheduler "
                    "cannot open this log: the job fails at launch or its output is lost" % (said, path.split("/")[1]),
                )
            elif script.scheduler in (None, "slurm") and path.endswith("/") and "%" not in path.rsplit("/", 2)[-2]:
                yield Diagnostic(
                    start,
                    end,
                    "`%s` is a folder: Slurm opens the path itself as the log file and "
                    'fails ("Is a directory"); name a file in it, e.g. `%s%%x-%%j.out`' % (said, path),
                )


def _log_paths(script):
    """(start, end, option as written, path) of each output/error path the job's scheduler reads."""
    if script.scheduler in OUTPUT_OPTIONS:
        for directive in script.scheduler_directives:
            for option in directive.options:
                if option.spelled in OUTPUT_OPTIONS[script.scheduler] and option.kind == "option" and option.value:
                    path = option.value
                    if script.scheduler == "sge" and ":" in path:
                        path = path.split(":", 1)[1]  # host:path
                    yield option.start, option.end, option.spelled, path
        return
    request = request_of(script)
    if not request.batch:
        return
    for name in ("output", "error"):
        use = request.options.get(name)
        if use is not None and use.value and hasattr(use, "option") and use.option is not None:
            yield use.option.start, use.option.end, use.option.spelled, use.value
