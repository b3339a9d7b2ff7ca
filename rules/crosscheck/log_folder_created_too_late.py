from __future__ import annotations

import os
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity, Word
from jobcheck.semantics.command_views import views_named
from jobcheck.semantics.sbatch_header import components, effective


class LogFolderCreatedTooLate(Rule):
    """
    ## What it does
    Finds an `--output`/`--error` path whose folder the script itself creates (`mkdir -p logs`),
    also for absolute paths and for paths relative to `--chdir` (where Slurm opens them, and
    where the script starts).

    ## Why is this bad?
    Slurm opens the log file before the script starts, so a `mkdir` in the script comes too
    late: on the first run the folder does not exist, the job fails at launch
    (`JobLaunchFailure`) and leaves no log anywhere.

    ## Example
    In a folder with no `logs/` folder:

        #SBATCH --output=logs/%x-%j.out
        mkdir -p logs

    Use instead: create the folder before submitting (`mkdir -p logs && sbatch job.sh`), or write
    the log next to the script:

        #SBATCH --output=%x-%j.out

    ## Fix safety
    No fix.
    """

    code = "JC310"
    name = "log-folder-created-too-late"
    severity = Severity.WARNING
    summary = "The script creates the folder of its own --output, after Slurm needed it"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        created: dict[str, Word] = {}
        for view in views_named(script, settings.container_runtime, "mkdir"):
            for word in view.args:
                if word.value and not word.value.startswith("-"):
                    created.setdefault(os.path.normpath(word.value), word)
        if not created:
            return
        for component in components(script):
            options = effective(script, component)
            chdir = options.get("chdir")
            workdir = chdir.value if chdir is not None and chdir.value and chdir.value.startswith("/") else None
            for name in ("output", "error"):
                use = options.get(name)
                if use is None or not use.value or "$" in use.value:
                    continue
                folder = os.path.dirname(use.value)
                if not folder:
                    continue
                # The job starts in --chdir, and Slurm resolves a relative log path there too: a
                # relative `mkdir` at the top and an absolute one under --chdir make the same folder.
                places = [os.path.normpath(folder)]
                if workdir is not None and not folder.startswith("/"):
                    places.append(os.path.normpath(os.path.join(workdir, folder)))
                made = next((created[place] for place in places if place in created), None)
                if made is not None:
                    line = script.source.position(made.start).line
                    yield Diagnostic(
                        *use.value_span,
                        "the script creates `%s` itself (line %d), but Slurm opens "
                        "`%s` before the script runs: on the first run the job fails at launch with no "
                        "log; create the folder before submitting" % (folder, line, use.value),
                    )
