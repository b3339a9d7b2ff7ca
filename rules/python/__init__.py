"""JC4xx: Python job scripts and the Python code inside shell jobs (read by the libcst front end)."""

from .all_cores import AllCores
from .env_without_default import SlurmVariableWithoutDefault
from .gpu_without_request import PythonGpuWithoutRequest
from .syntax_error import PythonSyntaxErrorRule
from .unknown_slurm_variable import PythonUnknownSlurmVariable

RULES = [PythonSyntaxErrorRule, PythonUnknownSlurmVariable, SlurmVariableWithoutDefault, AllCores,
         PythonGpuWithoutRequest]
