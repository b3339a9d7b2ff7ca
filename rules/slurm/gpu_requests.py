"""Whether a job's options request GPUs (JC123, and the request the cross-checks read)."""

from __future__ import annotations

GPU_REQUESTS = ("gpus", "gpus-per-node", "gpus-per-task", "gpus-per-socket")


def requests_gpus(options) -> bool:
    if any(name in options for name in GPU_REQUESTS):
        return True
    gres = options.get("gres")
    return (
        gres is not None
        and gres.value is not None
        and any(item.split(":")[0] == "gpu" for item in gres.value.split(","))
    )
