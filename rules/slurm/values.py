from __future__ import annotations

from . import grammar
from .value_rule import ValueRule
from jobcheck import Severity


class TimeFormat(ValueRule):
    """
    ## What it does
    Checks `--time`, `--time-min`, `--begin` and `--deadline` values.

    ## Why is this bad?
    A malformed value makes sbatch refuse the script ("Invalid --time specification"). Worse,
    some mistakes are accepted and silently changed: `--time=90:30` is 90 minutes 30 seconds,
    rounded up to 01:31:00; a negative limit wraps around to no limit. `--time=12:00` is twelve *minutes* (MM:SS), which
    is what most authors mean (judged on real scripts), so it is not reported; MM:SS with
    seconds (`--time=90:30`) is, since it is rounded and reads like hours and minutes.

    A field above its usual range (`0-24:00:00`, `0:90:00`) is added up: the limit is exactly
    the duration written, so it is not reported either.

    ## Example
        #SBATCH --time=1-12h

    Use instead:

        #SBATCH --time=1-12:00:00

    ## Fix safety
    No fix: the intended duration is the author's.

    Severity: error when sbatch refuses the value, warning when it silently changes it.
    """

    code = "JC113"
    name = "sbatch-time-format"
    severity = Severity.ERROR
    summary = "Malformed or silently normalised --time/--begin value"
    OPTIONS = ("time", "time-min", "begin", "deadline")

    def verdict(self, use, script, settings):
        if use.name in ("begin", "deadline"):
            return grammar.check_begin(use.value, use.name)
        return grammar.check_time(use.value, use.name)


class MemoryFormat(ValueRule):
    """
    ## What it does
    Checks `--mem`, `--mem-per-cpu`, `--mem-per-gpu` and `--tmp`: a whole number with an
    optional K, M, G or T suffix (case-insensitive, a trailing B allowed; default MB).

    ## Why is this bad?
    `2GiB`, `1.5G` or `-1` make sbatch refuse the script ("Invalid --mem specification").
    (`--mem=0`, all the memory of each node, is what its authors mean: not reported.)

    ## Example
        #SBATCH --mem=1.5G

    Use instead:

        #SBATCH --mem=1536M

    ## Fix safety
    No fix.
    """

    code = "JC114"
    name = "sbatch-memory-format"
    severity = Severity.ERROR
    summary = "Malformed memory size in --mem/--mem-per-cpu/--mem-per-gpu"
    OPTIONS = ("mem", "mem-per-cpu", "mem-per-gpu", "tmp")

    def verdict(self, use, script, settings):
        return grammar.check_memory(use.value, use.name)


class ArrayFormat(ValueRule):
    """
    ## What it does
    Checks `--array`: index ranges `A-B[:STEP]`, lists (in brackets or not: `[1-2]` is valid),
    an optional `%LIMIT`, and that every index is below MaxArraySize. MaxArraySize is the
    cluster's setting (Slurm's default 1001, many sites raise it): without `max-array-size` in
    the options an index at or above 1001 is a warning; with it, an error.

    ## Why is this bad?
    sbatch refuses a malformed specification or a too large index ("Invalid job array
    specification"). A `%` with no number is accepted and ignored: the array runs unthrottled.

    Severity: error when sbatch refuses the value on any cluster (or above the configured
    `max-array-size`), warning when it depends on the cluster's MaxArraySize or is silently
    changed.

    ## Example
        #SBATCH --array=1-5000%

    Use instead:

        #SBATCH --array=1-1000%50

    ## Fix safety
    No fix.
    """

    code = "JC116"
    name = "sbatch-array-format"
    severity = Severity.ERROR
    summary = "Malformed --array, index above MaxArraySize, or an empty `%` throttle"
    OPTIONS = ("array",)

    def verdict(self, use, script, settings):
        configured = settings.get("max-array-size")
        return grammar.check_array(use.value, int(configured) if configured else None)


class MailType(ValueRule):
    """
    ## What it does
    Checks the words of `--mail-type` (NONE, BEGIN, END, FAIL, REQUEUE, ALL, INVALID_DEPEND,
    STAGE_OUT, TIME_LIMIT, TIME_LIMIT_90/80/50, ARRAY_TASKS; any case).

    ## Why is this bad?
    An unknown word alone makes sbatch refuse the script; next to valid words it is silently
    dropped (`ALL,FOO` sends the ALL mails, and nothing for FOO).

    ## Example
        #SBATCH --mail-type=END,FAILED

    Use instead:

        #SBATCH --mail-type=END,FAIL

    ## Fix safety
    No fix.
    """

    code = "JC117"
    name = "sbatch-mail-type"
    severity = Severity.ERROR
    summary = "Unknown --mail-type word: refused, or silently dropped"
    OPTIONS = ("mail-type",)

    def verdict(self, use, script, settings):
        return grammar.check_mail_type(use.value)


class Dependency(ValueRule):
    """
    ## What it does
    Checks `--dependency`: `TYPE:JOBID[:JOBID...]` items separated by `,` (all) or `?` (any),
    with TYPE one of after, afterany, afterburstbuffer, aftercorr, afternotok, afterok,
    singleton, expand.

    ## Why is this bad?
    The controller refuses the job ("Job dependency problem"). A common slip is `after_ok`.

    ## Example
        #SBATCH --dependency=after_ok:123456

    Use instead:

        #SBATCH --dependency=afterok:123456

    ## Fix safety
    No fix.
    """

    code = "JC118"
    name = "sbatch-dependency"
    severity = Severity.ERROR
    summary = "Malformed --dependency: the job is refused"
    OPTIONS = ("dependency",)

    def verdict(self, use, script, settings):
        for item in grammar.dependency_items(use.value):
            verdict = grammar.check_dependency_item(item)
            if verdict is not None:
                return verdict
        return None


class Signal(ValueRule):
    """
    ## What it does
    Checks `--signal`: `[R:|B:]SIGNAL[@SECONDS]`, SIGNAL a name (USR1, SIGUSR1, TERM, ...) or a
    number, SECONDS at most 65535.

    ## Why is this bad?
    sbatch refuses the script ("Invalid --signal specification").

    ## Example
        #SBATCH --signal=USR1@tenminutes

    Use instead:

        #SBATCH --signal=B:USR1@600

    ## Fix safety
    No fix.
    """

    code = "JC119"
    name = "sbatch-signal"
    severity = Severity.ERROR
    summary = "Malformed --signal"
    OPTIONS = ("signal",)

    def verdict(self, use, script, settings):
        return grammar.check_signal(use.value)


class Counts(ValueRule):
    """
    ## What it does
    Checks the counts of `--nodes` (N or MIN-MAX), `--ntasks`, `--cpus-per-task`,
    `--ntasks-per-node` and the other per-node, per-socket and per-core counts (whole numbers
    above zero), and `--extra-node-info`/`-B` (SOCKETS[:CORES[:THREADS]], each a number or `*`;
    on Slurm 22.05 `--extra=...` is read as this option).

    ## Why is this bad?
    sbatch refuses the script ("Invalid numeric value \\"0\\" for --cpus-per-task.").

    ## Example
        #SBATCH --cpus-per-task=0

    Use instead:

        #SBATCH --cpus-per-task=1

    ## Fix safety
    No fix.
    """

    code = "JC120"
    name = "sbatch-count-format"
    severity = Severity.ERROR
    summary = "A node, task or CPU count that is not a whole number above zero"
    OPTIONS = ("nodes", "ntasks", "cpus-per-task", "ntasks-per-node", "ntasks-per-core", "ntasks-per-socket",
               "ntasks-per-gpu", "cores-per-socket", "sockets-per-node", "threads-per-core", "cpus-per-gpu",
               "mincpus", "extra-node-info")

    def verdict(self, use, script, settings):
        if use.name == "nodes":
            return grammar.check_nodes(use.value)
        if use.name == "extra-node-info":
            return grammar.check_extra_node_info(use.value)
        return grammar.check_positive_int(use.value, use.name)


class Distribution(ValueRule):
    """
    ## What it does
    Checks `--distribution`: `block|cyclic|arbitrary|plane=N` optionally followed by
    `:block|cyclic|fcyclic` (twice) and `,Pack|NoPack`.

    ## Why is this bad?
    sbatch refuses the script ("Invalid --distribution specification").

    ## Example
        #SBATCH --distribution=cyclical

    Use instead:

        #SBATCH --distribution=cyclic

    ## Fix safety
    No fix.
    """

    code = "JC121"
    name = "sbatch-distribution"
    severity = Severity.ERROR
    summary = "Malformed --distribution"
    OPTIONS = ("distribution",)

    def verdict(self, use, script, settings):
        return grammar.check_distribution(use.value)
