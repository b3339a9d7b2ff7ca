"""JC004, JC1xx: Slurm batch scripts, read the way sbatch reads them."""

from .crlf_line_endings import CrlfLineEndings
from .directive_after_command import DirectiveAfterCommand
from .directive_near_miss import DirectiveNearMiss
from .foreign_scheduler_directives import ForeignDirectives
from .qsub_wrapper_overrides_output import QsubWrapperOverrides
from .sbatch_abbreviated_option import AbbreviatedOption
from .sbatch_ambiguous_option import AmbiguousOption
from .sbatch_array_format import ArrayFormat
from .sbatch_count_format import Counts
from .sbatch_dependency import Dependency
from .sbatch_distribution import Distribution
from .sbatch_duplicate_option import DuplicateOption
from .sbatch_gres_format import GresFormat
from .sbatch_hash_in_value import HashInValue
from .sbatch_mail_type import MailType
from .sbatch_memory_format import MemoryFormat
from .sbatch_missing_account import MissingAccount
from .sbatch_option_argument import OptionArgument
from .sbatch_output_directory_missing import OutputDirectoryMissing
from .sbatch_output_pattern import OutputPattern
from .sbatch_placeholder_value import PlaceholderValue
from .sbatch_request_exceeds_cluster import RequestExceedsCluster
from .sbatch_resource_conflict import ResourceConflict
from .sbatch_signal import Signal
from .sbatch_single_dash_option import SingleDashLongOption
from .sbatch_stray_word import StrayWord
from .sbatch_task_count_conflict import TaskCountConflict
from .sbatch_time_format import TimeFormat
from .sbatch_time_over_partition_limit import TimeOverPartitionLimit
from .sbatch_unknown_account_or_qos import UnknownAccountOrQos
from .sbatch_unknown_option import UnknownOption
from .sbatch_unknown_partition import UnknownPartition
from .sbatch_unmatched_quote import UnmatchedQuote
from .sbatch_variable_in_value import VariableInValue
from .script_path_from_dollar_zero import ScriptPathFromDollarZero
from .translated_export_replaces_environment import TranslatedExportReplacesEnvironment
from .translated_memory_misread import TranslatedMemoryMisread
from .translated_option_misread import TranslatedOptionMisread
from .translated_time_misread import TranslatedTimeMisread

RULES = [
    CrlfLineEndings,
    DirectiveAfterCommand,
    DirectiveNearMiss,
    UnknownOption,
    AmbiguousOption,
    AbbreviatedOption,
    OptionArgument,
    SingleDashLongOption,
    StrayWord,
    UnmatchedQuote,
    HashInValue,
    VariableInValue,
    OutputPattern,
    TimeFormat,
    MemoryFormat,
    GresFormat,
    ArrayFormat,
    MailType,
    Dependency,
    Signal,
    Counts,
    Distribution,
    DuplicateOption,
    ResourceConflict,
    TaskCountConflict,
    ForeignDirectives,
    PlaceholderValue,
    ScriptPathFromDollarZero,
    OutputDirectoryMissing,
    UnknownPartition,
    TimeOverPartitionLimit,
    RequestExceedsCluster,
    MissingAccount,
    UnknownAccountOrQos,
    TranslatedTimeMisread,
    TranslatedMemoryMisread,
    TranslatedExportReplacesEnvironment,
    TranslatedOptionMisread,
    QsubWrapperOverrides,
]
