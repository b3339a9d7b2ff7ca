from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from jobcheck import Diagnostic, JobScript, Severity
from jobcheck.semantics.sbatch_header import Use
from jobcheck.semantics.slurm_values import MEMORY_RE, expand_hostlist, parse_gpus, parse_gres

from .directives import shown
from .site_rule import SiteRule

if TYPE_CHECKING:
    from jobcheck.model.cluster import Profile

UNIT_MB = {"K": 1 / 1024, "M": 1, "G": 1024, "T": 1024 * 1024, "": 1}


def memory_mb(value: str | None) -> float | None:
    m = MEMORY_RE.match(value or "")
    return int(m.group(1)) * UNIT_MB[(m.group(2) or "").upper()] if m else None


def _int(use, default=None):
    if use is None or use.value is None:
        return default
    first = use.value.split("-")[0]
    return int(first) if first.isdigit() else default


class RequestExceedsCluster(SiteRule):
    """
    ## What it does
    With a cluster profile, checks the request against what the job's partition has: CPUs per
    node, memory per node, node count, GPU (GRES) types and counts per node, node features for
    `--constraint`, and node names in `--nodelist`.

    ## Why is this bad?
    The controller refuses the job: "Requested node configuration is not available", "Invalid
    feature specification", "Invalid node name specified".

    ## Example
    With `--profile cluster.toml`, where cluster.toml holds:

        [partitions.gpu]
        nodes = ["gn[01-08]"]

        [nodes."gn[01-08]"]
        cpus = 64
        memory-mb = 512000
        gres = ["gpu:a100:4"]

    the job script

        #!/bin/bash
        #SBATCH --partition=gpu
        #SBATCH --gres=gpu:8

    Use instead: 4 GPUs on each of 2 nodes if the job needs 8:

        #!/bin/bash
        #SBATCH --partition=gpu
        #SBATCH --nodes=2
        #SBATCH --gres=gpu:4

    ## Fix safety
    No fix.
    """

    code = "JC132"
    name = "sbatch-request-exceeds-cluster"
    severity = Severity.ERROR
    summary = "A request that no node of the partition can satisfy"

    def check_job(self, options: dict[str, Use], profile: Profile, script: JobScript) -> Iterable[Diagnostic]:
        partitions, _ = self.partitions(options, profile)
        if not partitions:
            return
        where = "partition %s" % "/".join("`%s`" % p.name for p in partitions)
        nodes = [n for p in partitions for n in profile.partition_nodes(p)]
        if not nodes:
            return
        refused = 'the controller refuses the job ("Requested node configuration is not available")'
        cpus = _int(options.get("cpus-per-task"), 1)
        max_cpus = max(n.cpus for n in nodes)
        if "cpus-per-task" in options and cpus > max_cpus:
            yield self._at(
                options["cpus-per-task"],
                "%d CPUs per task, but the nodes of %s have at most %d: %s" % (cpus, where, max_cpus, refused),
            )
        memory = memory_mb(options["mem"].value) if "mem" in options else None
        max_memory = max(n.memory_mb for n in nodes)
        if memory and memory > max_memory:
            yield self._at(
                options["mem"],
                "`%s` is more memory than any node of %s has (%d MB): %s"
                % (shown(options["mem"]), where, max_memory, refused),
            )
        per_cpu = memory_mb(options["mem-per-cpu"].value) if "mem-per-cpu" in options else None
        if per_cpu and per_cpu * cpus > max_memory:
            yield self._at(
                options["mem-per-cpu"],
                "`%s` x %d CPUs per task is more memory than any node of %s has "
                "(%d MB): %s" % (shown(options["mem-per-cpu"]), cpus, where, max_memory, refused),
            )
        node_count = _int(options.get("nodes"))
        available = max(len(profile.partition_nodes(p)) for p in partitions)
        if node_count is not None and node_count > available:
            yield self._at(options["nodes"], "%d nodes, but %s has %d: %s" % (node_count, where, available, refused))
        ntasks = _int(options.get("ntasks"))
        if ntasks is not None and node_count is None:
            total = max(sum(n.cpus for n in profile.partition_nodes(p)) for p in partitions)
            if ntasks * cpus > total:
                yield self._at(
                    options["ntasks"],
                    "%d tasks x %d CPUs need more CPUs than %s has (%d): %s" % (ntasks, cpus, where, total, refused),
                )
        yield from self._gres(options, nodes, where, refused)
        yield from self._constraint(options, profile)
        yield from self._nodelist(options, profile)

    def _gres(self, options, nodes, where, refused):
        requests = []
        if "gres" in options and options["gres"].value:
            items, verdict = parse_gres(options["gres"].value)
            if verdict is None:
                requests += [(options["gres"], name, gres_type, count) for name, gres_type, count in items]
        if "gpus-per-node" in options and options["gpus-per-node"].value:
            gpus, verdict = parse_gpus(options["gpus-per-node"].value, "gpus-per-node")
            if verdict is None:
                requests += [(options["gpus-per-node"], "gpu", gres_type, count) for gres_type, count in gpus]
        for use, name, gres_type, count in requests:
            if not count.isdigit():
                continue
            types = set().union(*(n.gres_types(name) for n in nodes))
            if gres_type is not None and gres_type not in types:
                known = ", ".join(sorted(types)) or "none"
                yield self._at(
                    use,
                    "no node of %s has `%s` of type `%s` (types there: %s): %s"
                    % (where, name, gres_type, known, refused),
                )
                continue
            most = max(n.gres_count(name, gres_type) for n in nodes)
            if int(count) > most:
                yield self._at(
                    use,
                    "%s `%s%s` per node, but the nodes of %s have at most %d: %s"
                    % (count, name, ":" + gres_type if gres_type else "", where, most, refused),
                )

    def _constraint(self, options, profile):
        use = options.get("constraint")
        if use is None or not use.value:
            return
        features = profile.features
        for word in re.findall(r"[A-Za-z_][A-Za-z0-9_.-]*", use.value):
            if word not in features:
                yield self._at(
                    use,
                    'no node has the feature `%s`: the controller refuses the job ("Invalid feature '
                    'specification"); features: %s' % (word, ", ".join(sorted(features)) or "none"),
                )

    def _nodelist(self, options, profile):
        use = options.get("nodelist")
        if use is None or not use.value or "/" in use.value:
            return
        for name in expand_hostlist(use.value):
            if name not in profile.nodes:
                yield self._at(
                    use, 'there is no node `%s`: the controller refuses the job ("Invalid node name specified")' % name
                )

    @staticmethod
    def _at(use: Use, message: str) -> Diagnostic:
        return Diagnostic(*use.value_span, message)
