from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.semantics.suggest import suggest

from .pbs_directives import requested_resources, select_chunks

# Built-in resources of PBS Pro/OpenPBS and Torque (their qsub and server manuals). Sites add
# their own, so only names from other schedulers and near-misses of these are reported.
KNOWN = frozenset(
    """
arch cput file host mem mpiprocs naccelerators accelerator accelerator_memory accelerator_model ncpus ngpus
nice nodect nodes ompthreads pcput pmem pvmem place select software vmem vnode vntype walltime min_walltime
max_walltime soft_walltime site start_time preempt_targets aoe eoe epilogue prologue feature opsys other procs
procs_bitmap gres trl naccesspolicy flags partition signal size ddisk mppwidth mppnppn mppdepth mppmem
mppnodes mpplabels mpparch mpphost qos tpn gpus
""".split()
)
FOREIGN = {
    "h_rt": "walltime",
    "s_rt": "walltime",
    "time": "walltime",
    "runtime": "walltime",
    "wallclock": "walltime",
    "h_vmem": "mem",
    "s_vmem": "mem",
    "memory": "mem",
    "mem_free": "mem",
    "ppn": "nodes=1:ppn=N (Torque) or select=1:ncpus=N",
    "cpus": "ncpus",
    "ntasks": "select=N:mpiprocs=M",
    "gpu": "ngpus (in select=) or gpus (in nodes=)",
}
MIN_TYPO_LENGTH = 4  # shorter names are too close to too many others


class ResourceName(Rule):
    """
    ## What it does
    Checks the names in `-l` lists and `select=` chunks: names from Slurm or Grid Engine
    (`h_rt`, `h_vmem`, `time`, `ppn=` on its own) and misspellings of PBS's built-in resources
    (`wallltime`, `ncpu`), with the PBS name.

    ## Why is this bad?
    The server refuses the job: "Unknown resource". Names a site defines itself are not
    reported unless they are one letter away from a built-in one.

    ## Example
        #PBS -l h_rt=01:00:00
        #PBS -l select=1:ncpu=4

    Use instead:

        #PBS -l walltime=01:00:00
        #PBS -l select=1:ncpus=4

    ## Fix safety
    A misspelling with a single built-in name one letter away is fixed unsafely.
    """

    code = "JC717"
    name = "pbs-resource-name"
    severity = Severity.ERROR
    summary = "A -l resource name of another scheduler, or a misspelt PBS resource"
    fix_availability = "sometimes"
    languages = ("shell", "python")
    schedulers = ("pbs",)

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        for key, value, start, _end in requested_resources(script):
            if start is None:
                continue
            yield from self._name(key, start - len(key) - 1)
            if key == "select":
                for _, items in select_chunks(value, start):
                    for res, _, s, _ in items:
                        if s is not None and res and not res.isdigit():
                            yield from self._name(res, s - len(res) - 1)

    def _name(self, key: str, at: int):
        if key in KNOWN or not key:
            return
        if key in FOREIGN:
            yield Diagnostic(
                at,
                at + len(key),
                '`%s` is not a PBS resource: the server refuses the job ("Unknown '
                'resource"); PBS uses `%s`' % (key, FOREIGN[key]),
            )
            return
        if len(key) < MIN_TYPO_LENGTH:
            return
        found = suggest(key, sorted(KNOWN), max_distance=1)
        if found.candidates and found.unique:
            yield Diagnostic(
                at,
                at + len(key),
                '`%s` is not a PBS resource: the server refuses the job ("Unknown '
                'resource"); did you mean `%s`?' % (key, found.best),
                Fix.unsafe("use `%s`" % found.best, Edit(at, at + len(key), found.candidates[0])),
            )
