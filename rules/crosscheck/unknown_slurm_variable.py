from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy
from jobcheck.semantics.suggest import suggest

from .slurm_request import request_of
from .slurm_variables import PATTERNED, SLURM_VARIABLES

ARRAY_VARIABLES = frozenset(v for v in SLURM_VARIABLES if v.startswith("SLURM_ARRAY_"))
# The script handles a run without --array itself: tests the task index for emptiness, gives
# it a default, or submits itself as an array.
NO_ARRAY_HANDLED = (
    lazy(r"-[nz]\s+\"?\$\{?SLURM_ARRAY_"),
    lazy(r"\$\{SLURM_ARRAY_\w+:?[-=+]"),
)
SELF_SUBMITTED_ARRAY_RE = lazy(r"\bsbatch\b[^\n]*--array")


class UnknownSlurmVariable(Rule):
    """
    ## What it does
    Finds `$SLURM_...` names that Slurm never sets but that are one or two letters away from one
    it does (`$SLURM_ARRAY_TASKID`, `$SLURM_CPU_PER_TASK`). And, once per file as info, a job
    that reads `$SLURM_ARRAY_*` or names its logs with `%a` but has no `--array` line: it
    expects `--array` on the sbatch command line.

    ## Why is this bad?
    Nothing complains about an unset variable: `$SLURM_ARRAY_TASKID` is empty, and every array
    task does the same work; `--threads $SLURM_CPU_PER_TASK` passes an empty value.

    Array jobs are very often submitted as `sbatch --array=1-N job.sh`, because N depends on the
    data; such a script is fine. The info only says so, so that a plain `sbatch job.sh` (where
    `$SLURM_ARRAY_TASK_ID` is empty and `%a` becomes 4294967294) is a conscious choice. Nothing
    is said when the script handles a run without an array itself (tests the variable with
    `-z`/`-n`, gives it a default with `${SLURM_ARRAY_TASK_ID:-0}`, or submits itself with
    `sbatch --array`).

    ## Example
        python run.py --task $SLURM_ARRAY_TASKID

    Use instead:

        python run.py --task $SLURM_ARRAY_TASK_ID

    ## Fix safety
    No fix.
    """

    code = "JC307"
    name = "unknown-slurm-variable"
    severity = Severity.WARNING
    summary = "A $SLURM_ variable Slurm never sets (a misspelling); array variables without --array (info)"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        request = request_of(script)
        assigned = {a.name for a in script.assignments}
        reported = set()
        array_uses = []
        suggestions: dict[str, tuple[str, ...]] = {}  # a misspelling repeated is looked up once
        text = script.text
        for command in script.commands:
            if text.find("SLURM_", command.start, command.end) < 0:
                continue  # the common case: one search of the command's text, no look at its words
            words = command.words + tuple(a.value for a in command.assignments)
            for word in words:
                if "SLURM_" not in word.text:
                    continue  # the common case, without lexing the word
                for part in word.params:
                    name = part.value
                    if not name.startswith("SLURM_") or name in assigned or (part.start, name) in reported:
                        continue
                    reported.add((part.start, name))
                    if name in SLURM_VARIABLES or PATTERNED.match(name):
                        if name in ARRAY_VARIABLES:
                            array_uses.append((part.start, part.end, "reads `$%s`" % name))
                        continue
                    after = text[part.end : part.end + 1]
                    if after.isalnum() or after == "_":
                        continue  # the name goes on in the source (a code string's offsets drifted): not a misspelling
                    if name not in suggestions:
                        suggestions[name] = tuple(suggest(name, SLURM_VARIABLES, max_distance=2).candidates)
                    if suggestions[name]:
                        yield Diagnostic(
                            part.start,
                            part.end,
                            "Slurm never sets `$%s`, so it is empty; did you mean "
                            "%s?" % (name, " or ".join("`$%s`" % c for c in suggestions[name])),
                        )
        if request.batch and not request.array and not _handles_no_array(text):
            array_uses.extend(_task_index_patterns(request))
            if array_uses:
                start, end, what = min(array_uses)
                yield Diagnostic(
                    start,
                    end,
                    "this script %s but has no `--array` line: it expects `--array` on the "
                    "sbatch command line (`sbatch --array=...`); a plain `sbatch` runs it once, with no "
                    "task index" % what,
                    severity=Severity.INFO,
                )


def _handles_no_array(text: str) -> bool:
    """Whether the script tests the task index, gives it a default or submits itself as an array.
    Three searches: one pattern with the three alternatives scans a large script position by
    position (a tenth of a second per 2 MB); each alone starts with text the engine finds fast."""
    if any(pattern.search(text) for pattern in NO_ARRAY_HANDLED):
        return True
    return "sbatch" in text and SELF_SUBMITTED_ARRAY_RE.search(text) is not None


def _task_index_patterns(request):
    """`%a` in the log paths: the task index, which only an array job has."""
    for name in ("output", "error", "input"):
        use = request.options.get(name)
        if use is None or not use.value:
            continue
        start, end = use.value_span
        for m in re.finditer(r"%\d*a", use.value):
            if end - start == len(use.value):  # the value as written: point at the pattern itself
                yield start + m.start(), start + m.end(), "names its log with `%s`" % m.group(0)
            else:
                yield start, end, "names its log with `%s`" % m.group(0)
