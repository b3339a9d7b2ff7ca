"""JC5xx: Apptainer/SingularityCE definition files (container recipes)."""

from .deffile_apptainer_variable_on_singularity import ApptainerVariableOnSingularity
from .deffile_bash_in_sh_section import BashInShSection
from .deffile_bootstrap_not_first import BootstrapNotFirst
from .deffile_build_argument_without_default import BuildArgumentWithoutDefault
from .deffile_conda_without_yes import CondaWithoutYes
from .deffile_duplicate_header_key import DuplicateHeaderKey
from .deffile_duplicate_section import DuplicateSection
from .deffile_environment_not_exported import EnvironmentNotExported
from .deffile_environment_sources_bash import EnvironmentSourcesBash
from .deffile_files_syntax import FilesSyntax
from .deffile_from_with_scheme import FromWithScheme
from .deffile_frontend_not_exported import FrontendNotExported
from .deffile_hash_in_header_value import HashInHeaderValue
from .deffile_header_line_without_colon import HeaderLineWithoutColon
from .deffile_host_variable_in_post import HostVariableInPost
from .deffile_indented_section import IndentedSection
from .deffile_install_before_update import InstallBeforeUpdate
from .deffile_install_without_yes import InstallWithoutYes
from .deffile_label_format import LabelFormat
from .deffile_missing_agent_key import MissingAgentKey
from .deffile_missing_line_continuation import MissingLineContinuation
from .deffile_pip_externally_managed import PipExternallyManaged
from .deffile_post_shell_without_errexit import PostShellWithoutErrexit
from .deffile_relative_files_source import RelativeFilesSource
from .deffile_shell_syntax_error import ShellSyntaxError
from .deffile_unknown_bootstrap_agent import UnknownBootstrapAgent
from .deffile_unknown_header_key import UnknownHeaderKey
from .deffile_unknown_section import UnknownSection
from .deffile_unset_variable import UnsetVariable
from .deffile_untagged_base_image import UntaggedBaseImage
from .definition_file_crlf_line_endings import DefinitionFileCrlf

RULES = [
    UnknownHeaderKey,
    HeaderLineWithoutColon,
    BootstrapNotFirst,
    UnknownBootstrapAgent,
    MissingAgentKey,
    UnknownSection,
    IndentedSection,
    FilesSyntax,
    LabelFormat,
    EnvironmentNotExported,
    InstallWithoutYes,
    PostShellWithoutErrexit,
    FromWithScheme,
    UntaggedBaseImage,
    InstallBeforeUpdate,
    FrontendNotExported,
    DuplicateSection,
    BashInShSection,
    EnvironmentSourcesBash,
    HostVariableInPost,
    BuildArgumentWithoutDefault,
    ApptainerVariableOnSingularity,
    RelativeFilesSource,
    HashInHeaderValue,
    DuplicateHeaderKey,
    DefinitionFileCrlf,
    CondaWithoutYes,
    PipExternallyManaged,
    MissingLineContinuation,
    ShellSyntaxError,
    UnsetVariable,
]
