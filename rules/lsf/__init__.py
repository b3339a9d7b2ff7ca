"""JC8xx: IBM Spectrum LSF `#BSUB` directives, read the way bsub reads a script on standard input."""

from .lsf_array_spec import ArraySpec
from .lsf_crlf_line_endings import LsfCrlfLineEndings
from .lsf_dependency_syntax import DependencySyntax
from .lsf_directive_after_command import DirectiveAfterCommand
from .lsf_directive_spelling import DirectiveSpelling
from .lsf_gpu_option import GpuOption
from .lsf_memory_unit import MemoryUnit
from .lsf_output_pattern import OutputPattern
from .lsf_resource_requirement import ResourceRequirement
from .lsf_run_limit import RunLimit
from .lsf_slot_range import SlotRange
from .lsf_unknown_option import UnknownOption

RULES = [
    UnknownOption,
    DirectiveSpelling,
    DirectiveAfterCommand,
    RunLimit,
    MemoryUnit,
    OutputPattern,
    ArraySpec,
    ResourceRequirement,
    GpuOption,
    DependencySyntax,
    SlotRange,
    LsfCrlfLineEndings,
]
