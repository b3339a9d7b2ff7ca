"""JC7xx: PBS Pro/OpenPBS and Torque `#PBS` directives, read the way their qsub reads them."""

from .pbs_array_spec import ArraySpec
from .pbs_array_variable import ArrayVariable
from .pbs_crlf_line_endings import CrlfLineEndings
from .pbs_dependency import Dependency
from .pbs_directive_after_command import DirectiveAfterCommand
from .pbs_directive_variable import DirectiveVariable
from .pbs_flavor_mismatch import FlavorMismatch
from .pbs_job_name import JobName
from .pbs_job_starts_in_home import JobStartsInHome
from .pbs_option_value import OptionValue
from .pbs_output_path_variable import OutputPathVariable
from .pbs_prefix_option_in_script import PrefixOptionInScript
from .pbs_resource_name import ResourceName
from .pbs_select_mixed_with_nodes import SelectMixedWithNodes
from .pbs_size_value import SizeValue
from .pbs_time_value import TimeValue
from .pbs_trailing_comment import TrailingComment
from .pbs_unknown_option import UnknownOption

RULES = [
    UnknownOption,
    TrailingComment,
    DirectiveAfterCommand,
    CrlfLineEndings,
    PrefixOptionInScript,
    SizeValue,
    TimeValue,
    JobName,
    OptionValue,
    FlavorMismatch,
    ArrayVariable,
    SelectMixedWithNodes,
    ArraySpec,
    Dependency,
    OutputPathVariable,
    JobStartsInHome,
    ResourceName,
    DirectiveVariable,
]
