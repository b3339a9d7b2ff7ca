"""What the job asks Slurm for, as sbatch ends up reading it (for the cross-checks): the
`#SBATCH` header with sbatch's precedence (the last occurrence wins) and the `#PBS`/`#BSUB`
lines it translates and applies after the header."""

from __future__ import annotations

from dataclasses import dataclass

from ..slurm.conflicts import requests_gpus
from ..slurm.directives import slurm_directives
from ..slurm.translation import effective_with_translation


@dataclass
class Request:
    batch: bool                 # the script has #SBATCH directives: it is a batch job
    gpus: bool                  # some GPU request (--gres=gpu..., --gpus*)
    gpus_per_node: int | None   # when it can be read off the request
    cpus_per_task: int          # Slurm's default is 1
    ntasks: int | None          # explicit --ntasks, or nodes x ntasks-per-node
    nodes: int | None
    array: bool
    options: dict


def _number(use) -> int | None:
    if use is None or not use.value:
        return None
    head = use.value.split("-")[0]
    return int(head) if head.isdigit() else None


def request_of(script) -> Request:
    def build():
        options = effective_with_translation(script, 0)  # #PBS/#BSUB lines sbatch translates included
        nodes = _number(options.get("nodes"))
        per_node = _number(options.get("ntasks-per-node"))
        ntasks = _number(options.get("ntasks"))
        if ntasks is None and per_node is not None:
            ntasks = (nodes or 1) * per_node
        gpn = None
        for name in ("gpus-per-node", "gres"):
            use = options.get(name)
            if use is not None and use.value:
                last = use.value.split(",")[0].split(":")[-1]
                if last.isdigit():
                    gpn = int(last)
                elif use.value.split(",")[0] in ("gpu",):
                    gpn = 1
        return Request(bool(slurm_directives(script)), requests_gpus(options), gpn,
                       _number(options.get("cpus-per-task")) or 1, ntasks, nodes, "array" in options, options)

    return script.memoized("request", build)
