"""JC8xx: IBM Spectrum LSF `#BSUB` directives, read the way bsub reads a script on standard input."""

from .crlf import LsfCrlfLineEndings
from .options import DirectiveAfterCommand, DirectiveSpelling, UnknownOption
from .requests import DependencySyntax, GpuOption, ResourceRequirement, SlotRange
from .values import ArraySpec, MemoryUnit, OutputPattern, RunLimit

RULES = [UnknownOption, DirectiveSpelling, DirectiveAfterCommand, RunLimit, MemoryUnit, OutputPattern, ArraySpec,
         ResourceRequirement, GpuOption, DependencySyntax, SlotRange, LsfCrlfLineEndings]
