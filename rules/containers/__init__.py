"""JC2xx: containers inside jobs (apptainer, singularity, pyxis, docker/podman)."""

from .arguments import BoolFlagValue, FlagSwallowsImage, TooFewArguments
from .bind_format import BindFormat
from .docker_run import ContainerEngineRun
from .env_format import ContainerEnvFormat
from .environment import CleanEnvironment, DockerImagePerJob, EnvironmentPrefixes
from .build_flow import BuildFromLocalDockerTag, OrasWithoutRegistry, OverwriteWithoutForce, PushTarget
from .engine_outside_allocation import EngineOutsideAllocation
from .gpus_all_beyond_request import GpusAllBeyondRequest
from .flag_combinations import ContainShorthand, GpuFlags, WritableImage
from .flag_position import FlagAfterImage, GlobalFlagPosition
from .flag_versions import DeprecatedFlag, FlagTooNew, ImplementationOnlyFlag
from .pyxis import PyxisOptions
from .unknown_flag import ContainerUnknownFlag

RULES = [
    ContainerUnknownFlag, ContainerEnvFormat, GlobalFlagPosition, FlagAfterImage, BoolFlagValue, FlagSwallowsImage,
    TooFewArguments, BindFormat, WritableImage, GpuFlags, DeprecatedFlag, FlagTooNew, ImplementationOnlyFlag,
    CleanEnvironment, EnvironmentPrefixes, DockerImagePerJob, PyxisOptions, ContainerEngineRun, ContainShorthand,
    BuildFromLocalDockerTag, OverwriteWithoutForce, PushTarget, OrasWithoutRegistry, EngineOutsideAllocation,
    GpusAllBeyondRequest,
]
