"""JC4xx: Python job scripts and the Python code inside shell jobs (read by the libcst front end)."""

from .python_gpu_without_request import PythonGpuWithoutRequest
from .python_syntax_error import PythonSyntaxErrorRule
from .python_unknown_slurm_variable import PythonUnknownSlurmVariable
from .python_uses_all_cores import AllCores
from .slurm_variable_without_default import SlurmVariableWithoutDefault

RULES = [
    PythonSyntaxErrorRule,
    PythonUnknownSlurmVariable,
    SlurmVariableWithoutDefault,
    AllCores,
    PythonGpuWithoutRequest,
]
