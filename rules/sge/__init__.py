"""JC6xx: Grid Engine `#$` directives (Son of Grid Engine 8.1.9 behaviour, from a real cell)."""

from .job import HoldJobSyntax, JobName, ParallelEnvironment, RepeatedOption, ShebangIgnored
from .option_values import OptionIgnoredInScript, OptionValue, ResourceName
from .paths import ArrayOutputShared, JobStartsInHome, WorkdirHomeWithoutOutput
from .priority_not_a_number import PriorityNotANumber
from .options import CrlfLineEndings, HashInDirective, IndentedDirective, UnknownOption
from .values import ArraySpec, MemoryValue, OutputPathVariable, TimeValue

RULES = [UnknownOption, HashInDirective, IndentedDirective, TimeValue, MemoryValue, ArraySpec, OutputPathVariable,
         JobName, ShebangIgnored, HoldJobSyntax, ParallelEnvironment, RepeatedOption, OptionValue, ResourceName,
         OptionIgnoredInScript, CrlfLineEndings, ArrayOutputShared, JobStartsInHome, WorkdirHomeWithoutOutput,
         PriorityNotANumber]
