"""JC2xx: containers inside jobs (apptainer, singularity, pyxis, docker/podman)."""

from .container_bind_format import BindFormat
from .container_bool_flag_value import BoolFlagValue
from .container_build_from_local_docker_tag import BuildFromLocalDockerTag
from .container_clean_environment import CleanEnvironment
from .container_contain_shorthand import ContainShorthand
from .container_deprecated_flag import DeprecatedFlag
from .container_engine_outside_allocation import EngineOutsideAllocation
from .container_engine_run import ContainerEngineRun
from .container_env_format import ContainerEnvFormat
from .container_environment_prefixes import EnvironmentPrefixes
from .container_flag_after_image import FlagAfterImage
from .container_flag_swallows_image import FlagSwallowsImage
from .container_flag_too_new import FlagTooNew
from .container_global_flag_position import GlobalFlagPosition
from .container_gpu_flags import GpuFlags
from .container_implementation_only_flag import ImplementationOnlyFlag
from .container_oras_without_registry import OrasWithoutRegistry
from .container_overwrite_without_force import OverwriteWithoutForce
from .container_push_target import PushTarget
from .container_remote_image_per_job import DockerImagePerJob
from .container_too_few_arguments import TooFewArguments
from .container_unknown_flag import ContainerUnknownFlag
from .container_writable_image import WritableImage
from .gpus_all_beyond_request import GpusAllBeyondRequest
from .pyxis_container_options import PyxisOptions

RULES = [
    ContainerUnknownFlag,
    ContainerEnvFormat,
    GlobalFlagPosition,
    FlagAfterImage,
    BoolFlagValue,
    FlagSwallowsImage,
    TooFewArguments,
    BindFormat,
    WritableImage,
    GpuFlags,
    DeprecatedFlag,
    FlagTooNew,
    ImplementationOnlyFlag,
    CleanEnvironment,
    EnvironmentPrefixes,
    DockerImagePerJob,
    PyxisOptions,
    ContainerEngineRun,
    ContainShorthand,
    BuildFromLocalDockerTag,
    OverwriteWithoutForce,
    PushTarget,
    OrasWithoutRegistry,
    EngineOutsideAllocation,
    GpusAllBeyondRequest,
]
