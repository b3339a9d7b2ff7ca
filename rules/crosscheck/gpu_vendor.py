"""Which GPUs a job is evidently for: AMD (ROCm) ones need no `--nv`, and a message about a
missing GPU flag names `--rocm` beside `--nv` unless the script shows NVIDIA."""

from __future__ import annotations

import re

from jobcheck import derived_fact
from jobcheck.patterns import lazy

# ROCm modules and paths, the HIP/ROCr device variables, MI-series GRES (`gpu:mi250:8`),
# LUMI's project folders and GPU partitions (`standard-g`, `small-g`, `dev-g`)
AMD_SIGNS = lazy(
    r"--rocm\b|\brocm|\bhip_visible_devices\b|\brocr_visible_devices\b|\bamdgpu\b|rocm-smi|rocminfo"
    r"|\bmi(?:50|60|100|210|250x?|300[ax]?)\b|\bproject_46\d{4}\b"
    r"|(?:--partition[= ]|(?<![\w-])-p[ =]?)\s{0,8}['\"]?[\w-]{1,64}-g\b",  # bounded: linear on any text
    re.IGNORECASE,
)
NVIDIA_SIGNS = lazy(
    r"--nv\b|nvidia-smi|\bcuda|\bcudnn\b|\bnccl\b|\bv100\b|\ba100\b|\bh100\b|\bnvcr\.io\b", re.IGNORECASE
)


@derived_fact
def amd_gpus(script) -> bool:
    """The script shows AMD GPUs (ROCm)."""
    return bool(AMD_SIGNS.search(script.text))


@derived_fact
def nvidia_gpus(script) -> bool:
    """The script shows NVIDIA GPUs (CUDA) and no AMD ones."""
    return not amd_gpus(script) and bool(NVIDIA_SIGNS.search(script.text))
