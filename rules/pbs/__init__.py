"""JC7xx: PBS Pro/OpenPBS and Torque `#PBS` directives, read the way their qsub reads them."""

from .flavor import ArraySpec, ArrayVariable, FlavorMismatch, SelectMixedWithNodes
from .directive_variable import DirectiveVariable
from .job import Dependency, JobStartsInHome, OutputPathVariable
from .options import CrlfLineEndings, DirectiveAfterCommand, PrefixOptionInScript, TrailingComment, UnknownOption
from .resources import ResourceName
from .values import JobName, OptionValue, SizeValue, TimeValue

RULES = [UnknownOption, TrailingComment, DirectiveAfterCommand, CrlfLineEndings, PrefixOptionInScript, SizeValue,
         TimeValue, JobName, OptionValue, FlavorMismatch, ArrayVariable, SelectMixedWithNodes, ArraySpec, Dependency,
         OutputPathVariable, JobStartsInHome, ResourceName, DirectiveVariable]
