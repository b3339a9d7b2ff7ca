"""JC617-JC619: where a Grid Engine job runs and writes (it starts in $HOME without -cwd/-wd)."""

from __future__ import annotations

import posixpath

from jobcheck import Diagnostic, Rule, Severity

from ..crosscheck.workdir import first_relative_use
from ..directive_values import value_span
from .common import sge_uses



class ArrayOutputShared(Rule):
    """
    ## What it does
    In an array job (`-t`), finds `-o`/`-e` paths that name one file for every task: no
    `$TASK_ID` in a path whose last part looks like a file name.

    ## Why is this bad?
    All tasks append to the same file, so their output is interleaved and cannot be told
    apart. A folder (`-o logs/`) is fine: Grid Engine names the file
    `<name>.o<job>.<task>` inside it.

    ## Example
        #$ -t 1-100
        #$ -o logs/sweep.out

    Use instead:

        #$ -o logs/sweep.$TASK_ID.out

    ## Fix safety
    No fix.
    """

    code = "JC617"
    name = "sge-array-output-shared"
    severity = Severity.WARNING
    summary = "An array job whose -o/-e file has no $TASK_ID: every task writes into one file"
    languages = ("shell", "python")

    def check(self, script, settings):
        uses = sge_uses(script, words=True)
        if not any(o.spelled == "-t" and o.value for _, o in uses):
            return
        joined = any(o.spelled == "-j" and (o.value or "").lower() in ("y", "yes") for _, o in uses)
        for _, option in uses:
            if option.spelled not in ("-o", "-e") or not option.value or (option.spelled == "-e" and joined):
                continue
            for path in option.value.split(","):
                path = path.rpartition(":")[2] if ":" in path and not path.startswith("/") else path
                last = posixpath.basename(path)
                if "$TASK_ID" in path or path.endswith("/") or "." not in last or path in ("/dev/null",):
                    continue
                yield Diagnostic(*value_span(option), "`%s %s` is one file for every task of this array job: their output "
                                 "is mixed in it; put `$TASK_ID` in the name, or give a folder" % (option.spelled, path))


class JobStartsInHome(Rule):
    """
    ## What it does
    In a Grid Engine job without `-cwd` or `-wd`, finds the first relative path the script
    relies on before any `cd` (`./run.sh`, `python train.py`), and (as advice) relative
    `-o`/`-e` paths.

    ## Why is this bad?
    Without `-cwd` the job runs in your home directory, and relative `-o`/`-e` paths are
    relative to it too: the program is not found there, and the logs land in `$HOME` (checked
    on a real cell).

    ## Example
        #$ -o logs/run.out
        ./run.sh

    Use instead:

        #$ -cwd
        #$ -o logs/run.out
        ./run.sh

    ## Fix safety
    No fix: adding `-cwd` changes where the job runs and writes.
    """

    code = "JC618"
    name = "sge-job-starts-in-home"
    severity = Severity.WARNING
    summary = "Relative paths in a Grid Engine job without -cwd/-wd: it runs in $HOME"
    languages = ("shell", "python")

    def check(self, script, settings):
        uses = sge_uses(script, words=True)
        if not uses or any(o.spelled in ("-cwd", "-wd") for _, o in uses):
            return
        for _, option in uses:
            if option.spelled in ("-o", "-e", "-i") and option.value:
                path = option.value.split(",")[0]
                if not path.startswith(("/", "$HOME", "~", "$")) and ":" not in path:
                    # advice only: qsub writes there without complaint, and some want their logs in $HOME
                    yield Diagnostic(*value_span(option), "`%s %s` is relative, and without `-cwd` it is relative to "
                                     "$HOME; add `#$ -cwd` (or write the full path)" % (option.spelled, path),
                                     severity=Severity.INFO)
        if script.language != "shell":
            return
        found = first_relative_use(script)
        if found is not None:
            start, end, what = found
            yield Diagnostic(start, end, "%s is relative, but without `-cwd` a Grid Engine job runs in $HOME; add "
                             "`#$ -cwd` or `cd` first" % what)


class WorkdirHomeWithoutOutput(Rule):
    """
    ## What it does
    Finds `-wd $HOME` or `-wd ~` in a job that has no `-o`.

    ## Why is this bad?
    qsub expands `$HOME` for the job's working directory, but then names the output file after
    the unexpanded text: the job's standard output goes to a file literally called `$HOME` (or
    `~`) in the home directory (checked on a real cell).

    ## Example
        #$ -wd $HOME

    Use instead:

        #$ -wd $HOME
        #$ -o $HOME/logs/

    ## Fix safety
    No fix.
    """

    code = "JC619"
    name = "sge-wd-home-without-output"
    severity = Severity.WARNING
    summary = "-wd $HOME or -wd ~ without -o: the output goes to a file named '$HOME'"
    languages = ("shell", "python")

    def check(self, script, settings):
        uses = sge_uses(script, words=True)
        if any(o.spelled == "-o" for _, o in uses):
            return
        for _, option in uses:
            if option.spelled == "-wd" and (option.value or "").rstrip("/") in ("$HOME", "~"):
                yield Diagnostic(*value_span(option), "with `-wd %s` and no `-o`, the job's output goes to a file literally "
                                 "named `%s` in your home directory; add `#$ -o` with a path" % (
                                     option.value, option.value.rstrip("/")))
