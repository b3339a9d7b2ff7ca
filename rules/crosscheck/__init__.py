"""JC3xx: what the job asks for, against what its commands do."""

from .array_without_task_id import ArrayWithoutTaskId
from .directive_placeholder_value import DirectivePlaceholder
from .foreign_scheduler_variable import ForeignSchedulerVariable
from .gpu_container_without_nv import GpuContainerWithoutNv
from .gpu_work_without_gpu_request import GpuWorkWithoutRequest
from .hard_coded_cuda_visible_devices import HardCodedCudaDevices
from .launch_count_exceeds_request import LaunchCountExceedsRequest
from .log_folder_created_too_late import LogFolderCreatedTooLate
from .log_path_not_writable import LogPathNotWritable
from .multi_node_single_process import MultiNodeSingleProcess
from .overwritten_scheduler_variable import OverwrittenSchedulerVariable
from .quoted_variable_used_in_container import QuotedVariableUsedInContainer
from .srun_cpus_per_task_not_inherited import SrunCpusPerTask
from .thread_count_mismatch import ThreadCountMismatch
from .unknown_slurm_variable import UnknownSlurmVariable
from .unset_variable_in_container_path import OPTIONS, UnsetVariableInContainerPath

__all__ = ["OPTIONS", "RULES"]

RULES = [
    GpuContainerWithoutNv,
    GpuWorkWithoutRequest,
    HardCodedCudaDevices,
    ThreadCountMismatch,
    LaunchCountExceedsRequest,
    SrunCpusPerTask,
    UnknownSlurmVariable,
    ArrayWithoutTaskId,
    QuotedVariableUsedInContainer,
    LogFolderCreatedTooLate,
    UnsetVariableInContainerPath,
    DirectivePlaceholder,
    MultiNodeSingleProcess,
    OverwrittenSchedulerVariable,
    ForeignSchedulerVariable,
    LogPathNotWritable,
]
