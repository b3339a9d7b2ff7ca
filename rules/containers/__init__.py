"""JC2xx: containers inside jobs (apptainer, singularity)."""

from .env_format import ContainerEnvFormat
from .unknown_flag import ContainerUnknownFlag

RULES = [ContainerUnknownFlag, ContainerEnvFormat]
