"""jobcheck's built-in rule packs, registered through the `jobcheck.plugins` entry point exactly
as a third-party pack would be. Installed under the import name `jobcheck_rules`."""

from jobcheck import Option, hookimpl

from .containers import RULES as CONTAINER_RULES
from .crosscheck import OPTIONS as CROSSCHECK_OPTIONS
from .crosscheck import RULES as CROSSCHECK_RULES
from .deffile import RULES as DEFFILE_RULES
from .lsf import RULES as LSF_RULES
from .pbs import RULES as PBS_RULES
from .python import RULES as PYTHON_RULES
from .sge import RULES as SGE_RULES
from .shell import RULES as SHELL_RULES
from .slurm import RULES as SLURM_RULES


@hookimpl
def jobcheck_rules():
    return [
        *SHELL_RULES,
        *SLURM_RULES,
        *CONTAINER_RULES,
        *CROSSCHECK_RULES,
        *PYTHON_RULES,
        *DEFFILE_RULES,
        *SGE_RULES,
        *PBS_RULES,
        *LSF_RULES,
    ]


@hookimpl
def jobcheck_options():
    return [
        Option(
            "max-array-size",
            None,
            "the cluster's MaxArraySize (slurm.conf); --array indexes must be below it "
            "(unset: Slurm's default 1001, and an index above it is a warning, since sites raise it)",
        ),
        Option(
            "lsf-unit-for-limits",
            "",
            "the cluster's LSF_UNIT_FOR_LIMITS (e.g. MB); with KB, bsub -M numbers "
            "without a unit are reported (unset: not reported, most sites use MB or GB)",
        ),
        *CROSSCHECK_OPTIONS,
    ]
