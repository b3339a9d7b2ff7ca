from __future__ import annotations

import posixpath
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity

from ..directive_values import value_span
from .sge_directives import sge_uses


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
    schedulers = ("sge",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
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
                yield Diagnostic(
                    *value_span(option),
                    "`%s %s` is one file for every task of this array job: their "
                    "output is mixed in it; put `$TASK_ID` in the name, or give a folder" % (option.spelled, path),
                )
