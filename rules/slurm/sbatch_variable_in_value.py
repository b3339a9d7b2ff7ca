from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy
from jobcheck.semantics.sbatch_header import header_uses

from .templates import placeholder_of

EXPANSION_RE = lazy(r"\$(\{[^}]*\}|\([^)]*\)|[A-Za-z_][A-Za-z0-9_]*)|^~")
# Options whose value is a path the job is started with: a literal `$HOME` there makes the launch fail.
LAUNCH_PATHS = ("output", "error", "input", "chdir")
# Slurm's own filename patterns for what people write as variables
PATTERNS = {
    "SLURM_JOB_ID": "%j",
    "SLURM_JOBID": "%j",
    "SLURM_JOB_NAME": "%x",
    "SLURM_ARRAY_JOB_ID": "%A",
    "SLURM_ARRAY_TASK_ID": "%a",
    "USER": "%u",
}


class VariableInValue(Rule):
    """
    ## What it does
    Finds `$VAR`, `${VAR}`, `$(...)` and a leading `~` in `#SBATCH` values.

    ## Why is this bad?
    sbatch reads the header itself; no shell ever sees it, so nothing is expanded. With
    `--output=$HOME/logs/x.log` Slurm tries to open a file below a folder literally named `$HOME`
    in the submit directory: the job fails at launch and leaves no log anywhere. With
    `--job-name=$USER` the job is named `$USER`. With `--dependency=afterok:$PREV` the job is
    refused.

    ## Example
        #SBATCH --output=$HOME/logs/%x-$SLURM_JOB_ID.out

    Use instead:

        #SBATCH --output=logs/%x-%j.out

    ## Fix safety
    In `--output`, `--error` and `--input`, `$SLURM_JOB_ID`, `$SLURM_JOB_NAME`,
    `$SLURM_ARRAY_JOB_ID`, `$SLURM_ARRAY_TASK_ID` and `$USER` have exact `%` equivalents
    (`%j`, `%x`, `%A`, `%a`, `%u`); that replacement is safe. Other variables have no fix: pass
    the option on the sbatch command line, where the shell expands it.

    Not reported in a file named as a template (`job.template.sh`, `job.sh.in`, `.tmpl`, `.j2`):
    there `${name}` is a field a tool fills in (sbatch-placeholder-value says so, as info).

    Severity: error for `--output`, `--error`, `--input`, `--chdir` and `--dependency` (the job
    cannot start), warning for the others.
    """

    code = "JC111"
    name = "sbatch-variable-in-value"
    severity = Severity.ERROR
    summary = "`$VAR`, `$(...)` or `~` in a #SBATCH value is never expanded"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for use in header_uses(script):
            value = use.value
            if value is None or use.option.kind != "option" or not EXPANSION_RE.search(value):
                continue
            if placeholder_of(script, use.option) is not None:
                continue  # a template's field (`${nodes}` in job.template.sh): sbatch-placeholder-value
            found = [m.group(0) for m in EXPANSION_RE.finditer(value)]
            start, end = use.value_span
            raw = script.text[start:end]
            fatal = use.name in LAUNCH_PATHS or use.name == "dependency"
            consequence = {
                "output": "the job fails at launch and writes no log anywhere",
                "error": "the job fails at launch and writes no log anywhere",
                "input": "the job fails at launch",
                "chdir": "the job fails at launch",
                "dependency": 'the job is refused ("Job dependency problem")',
            }.get(use.name or "", "the value is taken literally")
            message = "sbatch never expands %s in `#SBATCH` lines: `--%s` gets the literal text `%s`, and %s" % (
                ", ".join("`%s`" % f for f in found),
                use.name,
                value,
                consequence,
            )
            fix = None
            if use.name in ("output", "error", "input") and raw == value:
                replaced, complete = _with_patterns(value)
                if complete:
                    fix = Fix.safe("use Slurm's filename patterns: `%s`" % replaced, Edit(start, end, replaced))
                    message += "; write `%s`" % replaced
            if fix is None:
                message += "; pass the option on the sbatch command line, where the shell expands it"
            yield Diagnostic(start, end, message, fix, severity=Severity.ERROR if fatal else Severity.WARNING)


def _with_patterns(value: str) -> tuple[str, bool]:
    complete = True

    def replace(m):
        nonlocal complete
        name = m.group(1) or ""
        if name.startswith("{") and name.endswith("}"):
            name = name[1:-1]
        if name in PATTERNS:
            return PATTERNS[name]
        complete = False
        return m.group(0)

    return EXPANSION_RE.sub(replace, value), complete
