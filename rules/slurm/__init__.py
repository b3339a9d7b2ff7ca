"""JC004, JC1xx: Slurm batch scripts, read the way sbatch reads them."""

from .arguments import HashInValue, OptionArgument, SingleDashLongOption, StrayWord, UnmatchedQuote
from .conflicts import ResourceConflict, TaskCountConflict
from .crlf import CrlfLineEndings
from .dollar_zero import ScriptPathFromDollarZero
from .duplicates import DuplicateOption
from .foreign_directives import ForeignDirectives
from .gres import GresFormat
from .late_directive import DirectiveAfterCommand
from .near_miss import DirectiveNearMiss
from .option_spelling import AbbreviatedOption, AmbiguousOption
from .output_directory import OutputDirectoryMissing
from .output_pattern import OutputPattern
from .placeholders import PlaceholderValue
from .site import MissingAccount, RequestExceedsCluster, TimeOverPartitionLimit, UnknownAccountOrQos, UnknownPartition
from .qsub_wrapper import QsubWrapperOverrides
from .translated_export import TranslatedExportReplacesEnvironment
from .translated_memory import TranslatedMemoryMisread
from .translated_misread import TranslatedOptionMisread
from .translated_time import TranslatedTimeMisread
from .unknown_option import UnknownOption
from .values import ArrayFormat, Counts, Dependency, Distribution, MailType, MemoryFormat, Signal, TimeFormat
from .variables import VariableInValue

RULES = [
    CrlfLineEndings, DirectiveAfterCommand, DirectiveNearMiss, UnknownOption, AmbiguousOption,
    AbbreviatedOption, OptionArgument, SingleDashLongOption, StrayWord, UnmatchedQuote, HashInValue,
    VariableInValue, OutputPattern, TimeFormat, MemoryFormat, GresFormat, ArrayFormat, MailType, Dependency,
    Signal, Counts, Distribution, DuplicateOption, ResourceConflict, TaskCountConflict, ForeignDirectives,
    PlaceholderValue, ScriptPathFromDollarZero, OutputDirectoryMissing, UnknownPartition, TimeOverPartitionLimit, RequestExceedsCluster,
    MissingAccount, UnknownAccountOrQos, TranslatedTimeMisread, TranslatedMemoryMisread,
    TranslatedExportReplacesEnvironment, TranslatedOptionMisread, QsubWrapperOverrides,
]
