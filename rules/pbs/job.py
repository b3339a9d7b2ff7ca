from __future__ import annotations

import re

from jobcheck import Diagnostic, Edit, Fix, Rule, Severity

from ..crosscheck.workdir import first_relative_use
from ..directive_templates import is_template
from .common import flavor, pbs_uses, resources, value_span

DEPEND_TYPES = ("after", "afterok", "afternotok", "afterany", "before", "beforeok", "beforenotok", "beforeany", "on",
                "synccount", "syncwith", "afterstartarray", "afterokarray", "afternotokarray", "afteranyarray",
                "beforestartarray", "beforeokarray", "beforenotokarray", "beforeanyarray", "runone")


class Dependency(Rule):
    """
    ## What it does
    Checks `-W depend=type:jobid[:jobid...][,type:...]`: the dependency type, and job ids that
    are shell variables.

    ## Why is this bad?
    An unknown type makes qsub refuse the job ("illegal -W value"). qsub does not expand
    variables in directives: `depend=afterok:$PREV` names a job called `$PREV`, which does not
    exist, so the server deletes the job after queueing it (and mails you).

    ## Example
        #PBS -W depend=afterok:$PREV

    Use instead: `qsub -W depend=afterok:$PREV job.sh` (the shell expands it there).

    ## Fix safety
    No fix.
    """

    code = "JC714"
    name = "pbs-dependency"
    severity = Severity.ERROR
    summary = "A -W depend= type PBS does not have, or a job id that is a shell variable"
    languages = ("shell", "python")

    def check(self, script, settings):
        for _, option in pbs_uses(script):
            if option.spelled != "-W" or option.kind != "option" or not option.value:
                continue
            for item in _depend_items(option.value):
                kind, _, ids = item.partition(":")
                span = value_span(option)
                if kind not in DEPEND_TYPES:
                    yield Diagnostic(*span, "`depend=%s`: `%s` is not a PBS dependency type (afterok, afternotok, "
                                     "afterany, after, before..., on): qsub stops with \"illegal -W value\"" %
                                     (item, kind))
                elif not ids:
                    yield Diagnostic(*span, "`depend=%s` names no job" % item)
                elif "$" in ids or "`" in ids:
                    yield Diagnostic(*span, "`depend=%s`: qsub does not expand variables in #PBS lines, so the job "
                                     "waits for a job literally named `%s`, and the server deletes it; pass "
                                     "`-W depend=...` on the qsub command line" % (item, ids))


def _depend_items(value: str):
    for part in value.split(","):
        key, eq, rest = part.partition("=")
        if eq and key == "depend":
            yield rest
        elif not eq and ":" in part and part.split(":")[0].isalpha():
            yield part  # a further type of the same depend= list


SLURM_VARIABLE_RE = re.compile(r"^[^#\n]*\$\{?SLURM_[A-Z_]+", re.MULTILINE)
VARIABLE_RE = re.compile(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|~")
OTHER_PATTERN_RE = re.compile(r"%[jAaJIxu]")


class OutputPathVariable(Rule):
    """
    ## What it does
    Finds other schedulers' patterns (`%j`, `%A`, `%J`) in `#PBS -o` and `-e` paths, and shell
    variables and `~` there when the job is PBS Pro's (the setting `pbspro`, or `select=`, `-J`,
    `place=` in the job).

    ## Why is this bad?
    PBS Pro/OpenPBS expands nothing in these paths: `-o $HOME/logs/run.out` asks for a folder
    literally named `$HOME`, and the output is lost or lands in an unexpected place. Torque's
    MOM expands variables and `~` (with `wordexp()`, in the job's environment) when it delivers
    the file, so there they work; where the flavour is open, a variable there is taken as a sign
    that the author's site expands it, and not reported. `%j` is literal everywhere. (PBS Pro's own `^array_index^` token is fine.)

    ## Example
        #PBS -o $HOME/logs/train.out

    Use instead:

        #PBS -o /home/alice/logs/train.out

    ## Fix safety
    No fix.
    """

    code = "JC715"
    name = "pbs-output-path-variable"
    severity = Severity.WARNING
    summary = "A %j, or a variable or ~ in a PBS Pro job, in a #PBS -o/-e path: it is used literally"
    languages = ("shell", "python")

    def check(self, script, settings):
        pbspro = flavor(script)[0] == "pbspro"
        for _, option in pbs_uses(script):
            if option.spelled not in ("-o", "-e") or option.kind != "option" or not option.value:
                continue
            span = value_span(option)
            m = OTHER_PATTERN_RE.search(option.value)
            if m:
                yield Diagnostic(*span, "`%s %s`: `%s` is another scheduler's pattern; PBS writes it literally"
                                 % (option.spelled, option.value, m.group(0)))
                continue
            m = VARIABLE_RE.search(option.value)
            if m and pbspro:
                why = flavor(script)[1]
                yield Diagnostic(*span, "`%s %s`: PBS Pro/OpenPBS does not expand `%s`, and this is a PBS Pro job "
                                 "(%s): the path is used literally" % (option.spelled, option.value,
                                                                       m.group(0).rstrip("{"), why))


class JobStartsInHome(Rule):
    """
    ## What it does
    In a PBS job, finds the first relative path the script relies on (`./run.sh`,
    `python train.py`, `> results/out.txt`) before any `cd`, when the job sets no working
    directory (Torque's `-d`/`-w`, NCI's `-l wd`).

    ## Why is this bad?
    PBS starts the job in your home directory, not in the folder you ran qsub from: the
    relative path is looked for in `$HOME` and the job fails with "No such file or directory".
    The folder qsub ran in is `$PBS_O_WORKDIR`. It is opt-in info: a job submitted from `$HOME`
    itself, or meaning a path under `$HOME` (`./miniconda3/bin/python`), works, and sites
    differ (NCI's `-l wd`, sites whose hooks start jobs in the submission folder, as NCAR's
    scripts evidently rely on); on real scripts it was right too rarely to be on by default. Templates, function bodies (they run when called)
    and scripts that read `$SLURM_*` (sbatch runs them, in the submit folder) are left alone.

    ## Example
        #PBS -l walltime=01:00:00
        python train.py

    Use instead:

        #PBS -l walltime=01:00:00
        cd "$PBS_O_WORKDIR"
        python train.py

    ## Fix safety
    Inserting `cd "$PBS_O_WORKDIR"` after the header is unsafe: it changes where every later
    command runs.
    """

    code = "JC716"
    name = "pbs-job-starts-in-home"
    severity = Severity.INFO
    opt_in = True
    summary = "(opt-in) A relative path before any cd in a PBS job, which starts in $HOME"
    fix_availability = "always"

    def check(self, script, settings):
        if script.scheduler != "pbs" or is_template(script) or SLURM_VARIABLE_RE.search(script.text):
            return  # a template's paths are not final; `$SLURM_JOB_ID` means sbatch runs it, in the submit folder
        if any(o.spelled in ("-d", "-w") for _, o in pbs_uses(script, words=True)):
            return
        if any(key == "wd" for _, o in pbs_uses(script, words=True) if o.spelled == "-l" for key, _, _, _ in
               resources(script, o)):
            return  # NCI Gadi's `-l wd`: the job starts in the folder qsub ran in
        found = first_relative_use(script)
        if found is None:
            return
        start, end, what = found
        at = script.pbs_header_end
        yield Diagnostic(start, end, "%s is relative, and a PBS job starts in $HOME, not where qsub ran: unless "
                         "it is submitted from $HOME, add `cd \"$PBS_O_WORKDIR\"` before it" % what,
                         Fix.unsafe("add `cd \"$PBS_O_WORKDIR\"` after the header",
                                    Edit.insert(at, "cd \"$PBS_O_WORKDIR\"" + script.source.newline)))
