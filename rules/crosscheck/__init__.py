"""JC3xx: what the job asks for, against what its commands do."""

from .foreign_scheduler_variable import ForeignSchedulerVariable
from .gpus import GpuContainerWithoutNv, GpuWorkWithoutRequest, HardCodedCudaDevices
from .launch_counts import LaunchCountExceedsRequest, SrunCpusPerTask
from .log_folder import LogFolderCreatedTooLate
from .log_path_not_writable import LogPathNotWritable
from .multi_node_single_process import MultiNodeSingleProcess
from .overwritten_scheduler_variable import OverwrittenSchedulerVariable
from .placeholders import DirectivePlaceholder
from .threads import ThreadCountMismatch
from .unset_variable import OPTIONS, UnsetVariableInContainerPath
from .variables import ArrayWithoutTaskId, QuotedVariableUsedInContainer, UnknownSlurmVariable

RULES = [GpuContainerWithoutNv, GpuWorkWithoutRequest, HardCodedCudaDevices, ThreadCountMismatch,
         LaunchCountExceedsRequest, SrunCpusPerTask, UnknownSlurmVariable, ArrayWithoutTaskId,
         QuotedVariableUsedInContainer, LogFolderCreatedTooLate, UnsetVariableInContainerPath,
         DirectivePlaceholder, MultiNodeSingleProcess, OverwrittenSchedulerVariable,
         ForeignSchedulerVariable, LogPathNotWritable]
