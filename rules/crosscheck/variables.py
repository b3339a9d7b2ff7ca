from __future__ import annotations

import re

from jobcheck import Diagnostic, Rule, Severity
from jobcheck.semantics.suggest import suggest
from jobcheck.words import PARAM, SINGLE

from ..containers.calls import container_calls
from .request import request_of

# What Slurm sets in a batch job and in srun steps (22.05 ... current), from the oracle's
# environment dumps and the sbatch/srun manuals.
SLURM_VARIABLES = frozenset("""
SLURM_ARRAY_JOB_ID SLURM_ARRAY_TASK_COUNT SLURM_ARRAY_TASK_ID SLURM_ARRAY_TASK_MAX SLURM_ARRAY_TASK_MIN
SLURM_ARRAY_TASK_STEP SLURM_CLUSTER_NAME SLURM_CONF SLURM_CONTAINER SLURM_CONTAINER_ID SLURM_CPUS_ON_NODE
SLURM_CPUS_PER_GPU SLURM_CPUS_PER_TASK SLURM_CPU_BIND SLURM_CPU_BIND_LIST SLURM_CPU_BIND_TYPE SLURM_CPU_BIND_VERBOSE
SLURM_CPU_FREQ_REQ SLURM_DIST_PLANESIZE SLURM_DISTRIBUTION SLURM_EXPORT_ENV SLURM_GPUS SLURM_GPU_BIND SLURM_GPU_FREQ
SLURM_GPUS_ON_NODE SLURM_GPUS_PER_NODE SLURM_GPUS_PER_SOCKET SLURM_GPUS_PER_TASK SLURM_GTIDS SLURM_HET_SIZE
SLURM_HINT SLURM_JOB_ACCOUNT SLURM_JOB_CPUS_PER_NODE SLURM_JOB_DEPENDENCY SLURM_JOB_END_TIME SLURM_JOB_GID
SLURM_JOB_GPUS SLURM_JOB_GROUP SLURM_JOB_ID SLURM_JOBID SLURM_JOB_LICENSES SLURM_JOB_NAME SLURM_JOB_NODELIST
SLURM_JOB_NUM_NODES SLURM_JOB_PARTITION SLURM_JOB_QOS SLURM_JOB_RESERVATION SLURM_JOB_START_TIME SLURM_JOB_UID
SLURM_JOB_USER SLURM_LAUNCH_NODE_IPADDR SLURM_LOCALID SLURM_MEM_BIND SLURM_MEM_BIND_LIST SLURM_MEM_BIND_PREFER
SLURM_MEM_BIND_TYPE SLURM_MEM_BIND_VERBOSE SLURM_MEM_PER_CPU SLURM_MEM_PER_GPU SLURM_MEM_PER_NODE SLURM_MPI_TYPE
SLURM_NNODES SLURM_NODE_ALIASES SLURM_NODEID SLURM_NODELIST SLURM_NPROCS SLURM_NTASKS SLURM_NTASKS_PER_CORE
SLURM_NTASKS_PER_GPU SLURM_NTASKS_PER_NODE SLURM_NTASKS_PER_SOCKET SLURM_OVERCOMMIT SLURM_PRIO_PROCESS SLURM_PROCID
SLURM_PROFILE SLURM_PTY_PORT SLURM_RESTART_COUNT SLURM_SHARDS_ON_NODE SLURM_SRUN_COMM_HOST SLURM_SRUN_COMM_PORT
SLURM_STEP_GPUS SLURM_STEP_ID SLURM_STEPID SLURM_STEP_LAUNCHER_PORT SLURM_STEP_NODELIST SLURM_STEP_NUM_NODES
SLURM_STEP_NUM_TASKS SLURM_STEP_TASKS_PER_NODE SLURM_SUBMIT_DIR SLURM_SUBMIT_HOST SLURM_TASK_PID
SLURM_TASKS_PER_NODE SLURM_THREADS_PER_CORE SLURM_TOPOLOGY_ADDR SLURM_TOPOLOGY_ADDR_PATTERN SLURM_TRES_PER_TASK
SLURM_UMASK SLURM_UNBUFFEREDIO SLURM_WORKING_CLUSTER SLURM_CLUSTERS SLURM_JOB_NUM_TASKS SLURM_CPU_FREQ
""".split())
PATTERNED = re.compile(r"^SLURM_(HET_JOB|PACK)_|^SLURM_JOB_CPUS_PER_NODE_(HET|PACK)_GROUP_\d+$")
ARRAY_VARIABLES = frozenset(v for v in SLURM_VARIABLES if v.startswith("SLURM_ARRAY_"))
# The script handles a run without --array itself: tests the task index for emptiness, gives
# it a default, or submits itself as an array.
NO_ARRAY_HANDLED_RE = re.compile(r"-[nz]\s+\"?\$\{?SLURM_ARRAY_|\$\{SLURM_ARRAY_\w+:?[-=+]"
                                 r"|\bsbatch\b[^\n]*--array")


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

    def check(self, script, settings):
        request = request_of(script)
        assigned = {a.name for a in script.assignments}
        reported = set()
        array_uses = []
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
                    after = text[part.end:part.end + 1]
                    if after.isalnum() or after == "_":
                        continue  # the name goes on in the source (a code string's offsets drifted): not a misspelling
                    found = suggest(name, SLURM_VARIABLES, max_distance=2)
                    if found.candidates:
                        yield Diagnostic(part.start, part.end, "Slurm never sets `$%s`, so it is empty; did you mean "
                                         "%s?" % (name, " or ".join("`$%s`" % c for c in found.candidates)))
        if request.batch and not request.array and not NO_ARRAY_HANDLED_RE.search(text):
            array_uses.extend(_task_index_patterns(request))
            if array_uses:
                start, end, what = min(array_uses)
                yield Diagnostic(start, end, "this script %s but has no `--array` line: it expects `--array` on the "
                                 "sbatch command line (`sbatch --array=...`); a plain `sbatch` runs it once, with no "
                                 "task index" % what, severity=Severity.INFO)


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


class ArrayWithoutTaskId(Rule):
    """
    ## What it does
    Finds an array job that never reads its task index: `--array` without
    `$SLURM_ARRAY_TASK_ID`; PBS `-J`/`-t` without `$PBS_ARRAY_INDEX`/`$PBS_ARRAYID` (or
    `^array_index^`); LSF `-J "name[...]"` without `$LSB_JOBINDEX` (or `%I`); Grid Engine `-t`
    without `$SGE_TASK_ID` (or `$TASK_ID` in a path).

    ## Why is this bad?
    Every task of the array then does exactly the same work, usually writing the same files.

    Opt-in (`--select JC308`): judged on real scripts, the program the job runs most often
    reads the index itself (`os.environ["SLURM_ARRAY_TASK_ID"]`, MATLAB's `getenv`), a script
    it calls does, or identical tasks are the point (a pool of workers); the job script alone
    cannot show which. An array of one task is never reported.

    ## Example
        #SBATCH --array=0-9
        python train.py --seed 1

    Use instead:

        python train.py --seed "$SLURM_ARRAY_TASK_ID"

    ## Fix safety
    No fix.
    """

    code = "JC308"
    name = "array-without-task-id"
    severity = Severity.INFO
    opt_in = True   # the index is usually read by the program the script runs, out of sight
    summary = "An array job that never reads its task index ($SLURM_ARRAY_TASK_ID, $PBS_ARRAY_INDEX, ...)"

    def check(self, script, settings):
        if script.scheduler in NATIVE_ARRAYS:
            yield from self._native(script)
            return
        request = request_of(script)
        if not request.array:
            return
        text = script.text
        if "SLURM_ARRAY_TASK_ID" in text or "SLURM_ARRAY_TASK" in text:
            return
        use = request.options["array"]
        if re.fullmatch(r"\[?(\d+)(?:-\1)?\]?(?:%\d*)?", use.value or ""):
            return  # one task: nothing is repeated
        yield Diagnostic(use.option.start, use.option.end, "this array job never reads `$SLURM_ARRAY_TASK_ID`: "
                         "every task does the same work")

    def _native(self, script):
        flags, variables = NATIVE_ARRAYS[script.scheduler]
        array = next((o for d in script.scheduler_directives for o in d.options
                      if o.kind == "option" and o.spelled in flags and o.value
                      and (script.scheduler != "lsf" or "[" in o.value)), None)
        if array is None or any(v in script.text for v in variables):
            return
        variable = "PBS_ARRAYID" if array.spelled == "-t" and script.scheduler == "pbs" else variables[0]
        yield Diagnostic(array.start, array.end, "this array job never reads `$%s`: every task does the same work"
                         % variable)


# Per scheduler: its array options, and what reads the task index (the variables, and the
# patterns its output paths expand per task).
NATIVE_ARRAYS = {
    "pbs": (("-J", "-t"), ("PBS_ARRAY_INDEX", "PBS_ARRAYID", "^array_index^")),
    "lsf": (("-J",), ("LSB_JOBINDEX", "%I")),
    "sge": (("-t",), ("SGE_TASK_ID", "$TASK_ID")),
}


class QuotedVariableUsedInContainer(Rule):
    """
    ## What it does
    Follows a variable assigned a single-quoted `$...` text (which never expands) to where a
    container command uses it as a path: `--bind`, `--home`, `--overlay`, `--mount`,
    `--workdir`, the image. (`--env` is left out: apptainer evaluates `--env` values inside the
    container, where `$HOME` does expand.)

    ## Why is this bad?
    The use site is where the job fails: `--bind $DATA_DIR:/data` binds a folder literally named
    `$HOME/data`, which does not exist ("mount source doesn't exist"). Reporting it there shows
    why the assignment matters.

    ## Example
        export DATA_DIR='$HOME/data'
        apptainer exec --bind $DATA_DIR:/data image.sif ls /data

    Use instead:

        export DATA_DIR="$HOME/data"

    ## Fix safety
    No fix here; the assignment's finding (JC010) carries it.
    """

    code = "JC309"
    name = "quoted-variable-used-in-container"
    severity = Severity.WARNING
    summary = "A container flag uses a variable that holds an unexpanded `$...` text"

    def check(self, script, settings):
        literal = {}
        for assignment in script.assignments:
            if "'" not in assignment.value.text:
                continue  # no single quote, so no quoted region to look at (without lexing the value)
            for region in assignment.value.quoted_regions:
                inner = script.text[region.inner_start:region.inner_end]
                if region.quote == SINGLE and re.search(r"\$\{?[A-Za-z_]", inner):
                    literal[assignment.name] = (assignment, inner)
        if not literal:
            return
        for call in container_calls(script, settings):
            # not --env: apptainer evaluates --env values inside the container, where `$HOME` expands
            uses = [(use.spelled, use.value) for use in call.flags
                    if use.name in ("bind", "home", "overlay", "mount", "workdir") and use.value is not None]
            if call.image is not None:
                uses.append(("the image", call.image))
            for flag, word in uses:
                for part in word.params[:1]:
                    if part.value in literal and part.quote != SINGLE:
                        assignment, inner = literal[part.value]
                        line = script.source.position(assignment.start).line
                        yield Diagnostic(part.start, part.end, "`$%s` holds the literal text `%s` (set in single "
                                         "quotes on line %d), so %s gets a path that does not exist" % (
                                             part.value, inner, line, "`%s`" % flag if flag.startswith("-") else flag))
