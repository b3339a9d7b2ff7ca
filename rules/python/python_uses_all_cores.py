from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity

from ..crosscheck.job_request import job_request
from ..crosscheck.slurm_request import request_of

# Calls that size themselves by every core of the node, with the argument that would bound them.
POOLS = {
    "multiprocessing.Pool": "processes",
    "multiprocessing.pool.Pool": "processes",
    "concurrent.futures.ProcessPoolExecutor": "max_workers",
}
CORE_COUNTS = frozenset({"os.cpu_count", "multiprocessing.cpu_count", "psutil.cpu_count"})
AFFINITY = "len(os.sched_getaffinity(0))"


class AllCores(Rule):
    """
    ## What it does
    Finds Python in a job that sizes its work by the node's core count: `os.cpu_count()`,
    `multiprocessing.cpu_count()`, `multiprocessing.Pool()` and `ProcessPoolExecutor()` without a
    size.

    ## Why is this bad?
    They count every core of the node, not the job's allocation: a job given 4 CPUs on a 128-core
    node starts 128 processes that share 4 cores (Slurm's cgroup), runs slower than with 4, and
    may run out of memory.

    ## Example
        #!/usr/bin/env python3
        #SBATCH --cpus-per-task=8
        import multiprocessing
        with multiprocessing.Pool() as pool:
            pool.map(work, items)

    Use instead:

        #!/usr/bin/env python3
        #SBATCH --cpus-per-task=8
        import multiprocessing, os
        with multiprocessing.Pool(len(os.sched_getaffinity(0))) as pool:
            pool.map(work, items)

    (`os.sched_getaffinity(0)` is the CPUs this process may use, which Slurm sets; or read
    `SLURM_CPUS_PER_TASK`.) Not reported in a file with no scheduler directives (no request
    says the node is shared) or in a job that holds its node (`--exclusive`, `--mem=0`).

    ## Fix safety
    Replacing `os.cpu_count()` with `len(os.sched_getaffinity(0))` is unsafe: it needs `os`
    imported under that name, and the function exists on Linux only.
    """

    code = "JC404"
    name = "python-uses-all-cores"
    severity = Severity.WARNING
    summary = "Python sizes its work by the node's cores, not the job's CPUs"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        request = job_request(script)
        if not request.batch:
            return  # no scheduler request: nothing says the node is shared
        if request.scheduler == "slurm" and _whole_node(script):
            return  # the job holds the node: every core of it is the job's
        for code in script.python:
            for call in code.calls:
                if call.name in CORE_COUNTS:
                    spelled = script.text[call.start : call.end]
                    fix = None
                    after = script.text[call.end : call.end + 2]
                    if call.name == "os.cpu_count" and spelled == "os.cpu_count" and after == "()":
                        fix = Fix.unsafe("use `%s`" % AFFINITY, Edit(call.start, call.end + 2, AFFINITY))
                    yield Diagnostic(
                        call.start,
                        call.end,
                        "`%s()` counts every core of the node, not the CPUs "
                        "of this job; use `%s`" % (spelled, AFFINITY),
                        fix,
                    )
                elif call.name in POOLS and call.positional == 0 and POOLS[call.name] not in call.keywords:
                    spelled = script.text[call.start : call.end]
                    yield Diagnostic(
                        call.start,
                        call.end,
                        "`%s()` without `%s` starts one process per core of the "
                        "node, not per CPU of this job; pass `%s`" % (spelled, POOLS[call.name], AFFINITY),
                    )


def _whole_node(script) -> bool:
    options = request_of(script).options
    mem = options.get("mem")
    return "exclusive" in options or (mem is not None and (mem.value or "").strip() in ("0", "0G", "0M"))
