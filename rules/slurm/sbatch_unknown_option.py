from __future__ import annotations

from collections.abc import Iterable

from jobcheck import Applicability, Diagnostic, Edit, Fix, JobScript, Rule, Settings, Severity
from jobcheck.knowledge import sbatch_options
from jobcheck.semantics.sbatch_header import header_uses
from jobcheck.semantics.suggest import suggest

from .directives import release
from .templates import TOOL_RE, covered

# Names people write for an sbatch option (from PBS/SGE/LSF habits, or a guess), too far from the
# real one for an edit-distance suggestion: each has one evident meaning, so the fix is safe.
# (None is a getopt_long prefix of a real option: `--cpus`, `--mail` are ambiguous, `--tasks`,
# `--threads`, `--depend` abbreviate one, so sbatch never reports them as unknown.)
OTHER_SPELLINGS = {
    "memory": "mem",
    "walltime": "time",
    "time-limit": "time",
    "timelimit": "time",
    "wall-time": "time",
    "ncpus": "cpus-per-task",
    "jobname": "job-name",
    "queue": "partition",
    "email": "mail-user",
    "workdir": "chdir",
    "cwd": "chdir",
    "wd": "chdir",
    "mem-per-core": "mem-per-cpu",
    "share": "oversubscribe",
}

# sbatch options that site plugins (SPANK) add where they are installed: valid there, refused
# elsewhere, so a script that uses them was written for such a site. NERSC's Shifter; the EAR
# energy manager; Paderborn's FPGA link plugin; pyxis (enroot containers); the quota type of
# Shanghai AI Lab's clusters.
PLUGIN_OPTIONS = frozenset(
    (
        "image",
        "volume",
        "module",
        "fpgalink",
        "ear",
        "ear-policy",
        "ear-cpufreq",
        "ear-policy-th",
        "ear-user-db",
        "ear-verbose",
        "ear-learning",
        "ear-tag",
        "ear-mpi-dist",
        "quotatype",
    )
)
PLUGIN_PREFIXES = ("container-", "no-container-")


class UnknownOption(Rule):
    """
    ## What it does
    Checks every option in the `#SBATCH` header against the options of the target Slurm release
    (`--slurm-version`, default the newest), with a did-you-mean.

    ## Why is this bad?
    sbatch refuses the whole script:

        sbatch: unrecognized option '--ntasks-per-nodes=1'

    An option that only newer Slurm releases know fails the same way on an older cluster.

    Options that site plugins (SPANK) add are not reported: Shifter's `--image`, `--volume`,
    `--module`; EAR's `--ear*`; `--fpgalink`; pyxis' `--container-*` (pyxis-container-options
    checks those). A script that uses them was written for a site that has the plugin.

    ## Example
        #SBATCH --ntasks-per-nodes=4

    Use instead:

        #SBATCH --ntasks-per-node=4

    ## Fix safety
    Replacing the option with the only one a single edit away is safe; with the only one two
    edits away, unsafe; with several equally close, there is no fix. Names with one evident
    meaning borrowed from other schedulers or guessed (`--memory`, `--walltime`, `--ncpus`,
    `--queue`, `--workdir`, ...) get a safe fix to the sbatch name.
    """

    code = "JC103"
    name = "sbatch-unknown-option"
    severity = Severity.ERROR
    summary = "Unknown sbatch option: sbatch refuses the script"
    fix_availability = "sometimes"
    languages = ("shell", "python")

    def check(self, script: JobScript, settings: Settings) -> Iterable[Diagnostic]:
        target = release(settings)
        table = sbatch_options()
        known = table.for_release(target)
        for use in header_uses(script):
            o = use.option
            if o.kind != "unknown" or covered(script, o.start, o.end) or TOOL_RE.search(o.spelled):
                continue  # (`--exclusive{% endif %}`, `--{{{name}}}`: a template's text, reported as one)
            if not o.spelled.startswith("--"):
                letter = o.spelled[1:]
                yield Diagnostic(
                    o.start,
                    o.end,
                    "`-%s` is not an sbatch option: sbatch stops with \"invalid option -- '%s'\"" % (letter, letter),
                )
                continue
            name = o.spelled[2:]
            if name in PLUGIN_OPTIONS or name.startswith(PLUGIN_PREFIXES):
                continue  # a site plugin's option: right where the script was meant to run
            message = "`--%s` is not an sbatch option: sbatch stops with \"unrecognized option '--%s'\"" % (
                name,
                name if o.value is None else "%s=%s" % (name, o.value),
            )
            newer = table.first_release(name)
            if newer is not None:
                yield Diagnostic(
                    o.start,
                    o.start + len(o.spelled),
                    message + "; `--%s` exists only from Slurm %s, and the target is %s "
                    "(--slurm-version)" % (name, newer, target),
                )
                continue
            start = o.start
            end = start + len(o.spelled)
            meant = OTHER_SPELLINGS.get(name)
            if meant is not None and meant in known:
                yield Diagnostic(
                    start,
                    end,
                    message + "; did you mean `--%s`?" % meant,
                    Fix.safe("use `--%s`" % meant, Edit(start, end, "--" + meant)),
                )
                continue
            found = suggest(name, known, max_distance=2)
            if not found.candidates:
                yield Diagnostic(start, end, message)
            elif not found.unique:
                names = " or ".join("`--%s`" % c for c in found.candidates)
                yield Diagnostic(start, end, message + "; did you mean %s?" % names)
            else:
                applicability = Applicability.SAFE if found.distance == 1 else Applicability.UNSAFE
                best = "--" + found.candidates[0]
                yield Diagnostic(
                    start,
                    end,
                    message + "; did you mean `%s`?" % best,
                    Fix(applicability, "use `%s`" % best, (Edit(start, end, best),)),
                )
