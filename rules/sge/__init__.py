"""JC6xx: Grid Engine `#$` directives (Son of Grid Engine 8.1.9 behaviour, from a real cell)."""

from .sge_array_output_shared import ArrayOutputShared
from .sge_array_spec import ArraySpec
from .sge_crlf_line_endings import CrlfLineEndings
from .sge_directive_not_read import IndentedDirective
from .sge_hash_in_directive import HashInDirective
from .sge_hold_jid_syntax import HoldJobSyntax
from .sge_job_name import JobName
from .sge_job_starts_in_home import JobStartsInHome
from .sge_memory_value import MemoryValue
from .sge_option_ignored_in_script import OptionIgnoredInScript
from .sge_option_value import OptionValue
from .sge_output_path_variable import OutputPathVariable
from .sge_parallel_environment import ParallelEnvironment
from .sge_priority_not_a_number import PriorityNotANumber
from .sge_repeated_option import RepeatedOption
from .sge_resource_name import ResourceName
from .sge_shebang_ignored import ShebangIgnored
from .sge_time_value import TimeValue
from .sge_unknown_option import UnknownOption
from .sge_wd_home_without_output import WorkdirHomeWithoutOutput

RULES = [
    UnknownOption,
    HashInDirective,
    IndentedDirective,
    TimeValue,
    MemoryValue,
    ArraySpec,
    OutputPathVariable,
    JobName,
    ShebangIgnored,
    HoldJobSyntax,
    ParallelEnvironment,
    RepeatedOption,
    OptionValue,
    ResourceName,
    OptionIgnoredInScript,
    CrlfLineEndings,
    ArrayOutputShared,
    JobStartsInHome,
    WorkdirHomeWithoutOutput,
    PriorityNotANumber,
]
