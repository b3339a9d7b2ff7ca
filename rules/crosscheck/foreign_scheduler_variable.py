from __future__ import annotations

import re
from collections.abc import Iterable

from jobcheck import Diagnostic, JobScript, Rule, Settings, Severity
from jobcheck.patterns import lazy

from ..pbs.pbs_directives import flavor

SCHEDULERS = ("slurm", "pbs", "lsf", "sge")
NAMES = {"slurm": "Slurm", "pbs": "PBS", "lsf": "LSF", "sge": "Grid Engine"}
# What each scheduler calls the same fact, in the order of SCHEDULERS ('' where it has none).
SAME_FACT = [
    ("SLURM_SUBMIT_DIR", "PBS_O_WORKDIR", "LS_SUBCWD", "SGE_O_WORKDIR"),
    ("SLURM_JOB_ID", "PBS_JOBID", "LSB_JOBID", "JOB_ID"),
    ("SLURM_ARRAY_TASK_ID", "PBS_ARRAY_INDEX", "LSB_JOBINDEX", "SGE_TASK_ID"),
    ("SLURM_ARRAY_TASK_ID", "PBS_ARRAYID", "LSB_JOBINDEX", "SGE_TASK_ID"),
    ("SLURM_JOB_NAME", "PBS_JOBNAME", "LSB_JOBNAME", "JOB_NAME"),
    ("SLURM_JOB_NODELIST", "PBS_NODEFILE", "LSB_DJOB_HOSTFILE", "PE_HOSTFILE"),
    ("SLURM_NTASKS", "PBS_NP", "LSB_DJOB_NUMPROC", "NSLOTS"),
    ("SLURM_SUBMIT_HOST", "PBS_O_HOST", "LSB_SUB_HOST", "SGE_O_HOST"),
    ("SLURM_JOB_PARTITION", "PBS_QUEUE", "LSB_QUEUE", ""),
    ("SLURM_ARRAY_JOB_ID", "", "", ""),
]
# Names only one scheduler sets: any `$SLURM_...`, `$PBS_...`, `$LSB_...`, and Grid Engine's own.
FAMILY = [
    ("slurm", lazy(r"^SLURM_[A-Z0-9_]+$")),
    ("pbs", lazy(r"^PBS_[A-Z0-9_]+$")),
    ("lsf", lazy(r"^(LSB_[A-Z0-9_]+|LS_SUBCWD)$")),
    # not JOB_ID or JOB_NAME: names many scripts use for their own things
    ("sge", lazy(r"^(SGE_TASK_(ID|FIRST|LAST|STEPSIZE)|SGE_O_[A-Z]+|PE_HOSTFILE|NSLOTS)$")),
]
# What PBS Pro and Torque call it.
PBS_BY_FLAVOR = {
    "PBS_ARRAY_INDEX": ("`$PBS_ARRAY_INDEX`", "`$PBS_ARRAYID`"),
    "PBS_NP": ('`$(wc -l < "$PBS_NODEFILE")`', "`$PBS_NP`"),
}
# A line `exit` or `exit 0` in column 1: what follows is notes, not run.
TOP_LEVEL_EXIT = lazy(r"^exit(\s+\d+)?\s*$", re.MULTILINE)


class ForeignSchedulerVariable(Rule):
    """
    ## What it does
    Finds a variable that another scheduler sets, read in a job of this one: `$PBS_O_WORKDIR`,
    `$LSB_JOBINDEX` or `$SGE_TASK_ID` in a Slurm job, `$SLURM_ARRAY_TASK_ID` in a PBS job, ...,
    and names this scheduler's variable for the same fact.

    ## Why is this bad?
    Nothing sets it here, so it is empty: `cd $PBS_O_WORKDIR` in a Slurm job goes to the home
    folder, and every array task that reads `$PBS_ARRAYID` does the same work.

    ## Example
        #SBATCH --array=1-10
        cd $PBS_O_WORKDIR
        python run.py --task $PBS_ARRAYID

    Use instead:

        cd "$SLURM_SUBMIT_DIR"
        python run.py --task "$SLURM_ARRAY_TASK_ID"

    ## Fix safety
    No fix: a script may be meant for both schedulers.

    Quiet where the script is written for both (it has the other scheduler's directives too),
    sets the variable itself, gives it a default (`${PBS_O_WORKDIR:-.}`), or tests it
    (`[ -n "$PBS_O_WORKDIR" ]`).
    """

    code = "JC315"
    name = "foreign-scheduler-variable"
    severity = Severity.WARNING
    summary = "A variable another scheduler sets, read in a job of this one: it is empty here"

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        own = script.scheduler
        if own not in SCHEDULERS or not script.scheduler_directives:
            return
        also = _families_with_directives(script)
        if own in ("pbs", "lsf"):
            also.add("slurm")  # sbatch reads #PBS and #BSUB lines too: `$SLURM_...` says it submits them
        assigned = {a.name for a in script.assignments}
        text = script.text
        # (no `exit` at all, the common case: no search of the whole text line by line)
        ends = TOP_LEVEL_EXIT.search(text, script.header_end) if "exit" in text else None
        found = []
        tested: dict[str, bool] = {}  # a name's test is a search of the whole text: once per name
        families: dict[str, str | None] = {}  # a name's family is a few pattern matches: once per name
        for command in script.commands:
            if ends is not None and command.start > ends.start():
                break
            if text.find("$", command.start, command.end) < 0:
                continue  # the command's words and assignments lie in its text: none reads a variable
            for word in command.words + tuple(a.value for a in command.assignments):
                if "$" not in word.text:
                    continue
                for part in word.params:
                    name = part.value
                    if name not in families:
                        families[name] = _family(name)
                    family = families[name]
                    if family is None or family == own or family in also or name in assigned:
                        continue
                    if re.match(r"^\$\{%s:?[-=?]" % name, text[part.start : part.end]):
                        continue
                    if name not in tested:
                        tested[name] = _tested(text, name)
                    if tested[name]:
                        continue
                    found.append((part, name, family))
        if not found:
            return
        read = {
            part.value
            for command in script.commands
            for word in command.words + tuple(a.value for a in command.assignments)
            if "$" in word.text
            for part in word.params
        }
        # Written for both: it reads this scheduler's name for one of the same facts too.
        both = {family for _, name, family in found if _counterpart(name, family, own) in read}
        reported = set()
        for part, name, family in found:
            if family in both or name in reported:
                continue
            reported.add(name)
            yield Diagnostic(
                part.start,
                part.end,
                "`$%s` is set by %s, not by %s: in this %s job it is empty%s"
                % (name, NAMES[family], NAMES[own], NAMES[own], _did_you_mean(script, name, family, own)),
            )


def _family(name: str) -> str | None:
    return next((family for family, pattern in FAMILY if pattern.match(name)), None)


def _families_with_directives(script) -> set[str]:
    found = {
        family
        for family, lines in (
            ("slurm", script.directives),
            ("pbs", script.pbs_directives),
            ("lsf", script.lsf_directives),
            ("sge", script.sge_directives),
        )
        if lines
    }
    for directive in script.foreign_directives:  # #PBS/#BSUB lines sbatch translates
        found.add("pbs" if directive.prefix.upper().startswith("#PBS") else "lsf")
    return found


def _tested(text: str, name: str) -> bool:
    return re.search(r"-[nz]\s+\"?\$\{?%s\b" % name, text) is not None


def _counterpart(name: str, family: str, own: str) -> str | None:
    return next(
        (
            row[SCHEDULERS.index(own)]
            for row in SAME_FACT
            if row[SCHEDULERS.index(family)] == name and row[SCHEDULERS.index(own)]
        ),
        None,
    )


def _did_you_mean(script, name: str, family: str, own: str) -> str:
    wanted = _counterpart(name, family, own)
    if not wanted:
        return ""
    if own == "pbs" and wanted in PBS_BY_FLAVOR:
        pro, torque = PBS_BY_FLAVOR[wanted]
        known = flavor(script)[0]
        if known is not None:
            return "; did you mean %s?" % (pro if known == "pbspro" else torque)
        return "; did you mean %s (PBS Pro) or %s (Torque)?" % (pro, torque)
    if own == "slurm" and wanted == "SLURM_JOB_NODELIST":
        return "; did you mean `$SLURM_JOB_NODELIST` (a compact list: `scontrol show hostnames` expands it)?"
    return "; did you mean `$%s`?" % wanted
