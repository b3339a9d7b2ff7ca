"""JC5xx: Apptainer/SingularityCE definition files (container recipes)."""

from .apt import FrontendNotExported, InstallBeforeUpdate
from .base_image import FromWithScheme, UntaggedBaseImage
from .bootstrap import BootstrapNotFirst, MissingAgentKey, UnknownBootstrapAgent
from .files_section import FilesSyntax
from .header_keys import HeaderLineWithoutColon, UnknownHeaderKey
from .conda_without_yes import CondaWithoutYes
from .crlf import DefinitionFileCrlf
from .header_values import DuplicateHeaderKey, HashInHeaderValue
from .labels import LabelFormat
from .deffile_missing_line_continuation import MissingLineContinuation
from .pip_externally_managed import PipExternallyManaged
from .more_sections import (ApptainerVariableOnSingularity, BashInShSection, RelativeFilesSource, BuildArgumentWithoutDefault, DuplicateSection, EnvironmentSourcesBash,
                            HostVariableInPost)
from .sections import IndentedSection, UnknownSection
from .deffile_shell_syntax_error import ShellSyntaxError
from .shell_sections import EnvironmentNotExported, InstallWithoutYes, PostShellWithoutErrexit

RULES = [UnknownHeaderKey, HeaderLineWithoutColon, BootstrapNotFirst, UnknownBootstrapAgent, MissingAgentKey,
         UnknownSection, IndentedSection, FilesSyntax, LabelFormat, EnvironmentNotExported, InstallWithoutYes,
         PostShellWithoutErrexit, FromWithScheme, UntaggedBaseImage, InstallBeforeUpdate, FrontendNotExported,
         DuplicateSection, BashInShSection, EnvironmentSourcesBash, HostVariableInPost, BuildArgumentWithoutDefault,
         ApptainerVariableOnSingularity, RelativeFilesSource, HashInHeaderValue, DuplicateHeaderKey,
         DefinitionFileCrlf, CondaWithoutYes, PipExternallyManaged, MissingLineContinuation,
         ShellSyntaxError]
