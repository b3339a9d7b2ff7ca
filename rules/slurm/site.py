"""Rules that need to know the cluster: they run only with a cluster profile (`--profile`)."""

from __future__ import annotations

import re

from jobcheck import Diagnostic, Rule, Severity
from jobcheck.semantics.cluster import time_minutes
from jobcheck.semantics.suggest import suggest

from .directives import components, effective, shown
from .grammar import MEMORY_RE, parse_gpus, parse_gres

UNIT_MB = {"K": 1 / 1024, "M": 1, "G": 1024, "T": 1024 * 1024, "": 1}


def memory_mb(value: str | None) -> float | None:
    m = MEMORY_RE.match(value or "")
    return int(m.group(1)) * UNIT_MB[(m.group(2) or "").upper()] if m else None


def _int(use, default=None):
    if use is None or use.value is None:
        return default
    first = use.value.split("-")[0]
    return int(first) if first.isdigit() else default


class SiteRule(Rule):
    languages = ("shell", "python")

    def check(self, script, settings):
        profile = settings.profile
        if profile is None:
            return
        for component in components(script):
            options = effective(script, component)
            yield from self.check_job(options, profile, script)

    def partitions(self, options, profile):
        """The partitions the job may run in: those it names, or the default one."""
        use = options.get("partition")
        if use is None or use.value is None:
            default = profile.default_partition
            return ([default] if default else []), None
        return [profile.partitions[p] for p in use.value.split(",") if p in profile.partitions], use


class UnknownPartition(SiteRule):
    """
    ## What it does
    With a cluster profile, checks that every partition in `--partition` exists.

    ## Why is this bad?
    sbatch refuses the job: "invalid partition specified: gpu-large".

    ## Example
        #SBATCH --partition=gpus

    Use instead:

        #SBATCH --partition=gpu

    ## Fix safety
    No fix; the message names the nearest partitions.
    """

    code = "JC130"
    name = "sbatch-unknown-partition"
    severity = Severity.ERROR
    summary = "A partition the cluster profile does not have"

    def check_job(self, options, profile, script):
        use = options.get("partition")
        if use is None or use.value is None or "$" in use.value:
            return
        for name in use.value.split(","):
            if name in profile.partitions:
                continue
            found = suggest(name, profile.partitions, max_distance=3)
            hint = "; did you mean %s?" % " or ".join("`%s`" % c for c in found.candidates) if found.candidates \
                else "; partitions: %s" % ", ".join(sorted(profile.partitions))
            yield Diagnostic(*use.value_span, "partition `%s` does not exist on this cluster: sbatch stops with "
                             "\"invalid partition specified: %s\"%s" % (name, name, hint))


class TimeOverPartitionLimit(SiteRule):
    """
    ## What it does
    With a cluster profile, compares `--time` with the MaxTime of the job's partition.

    ## Why is this bad?
    Unless the site enforces partition limits at submission, sbatch accepts the job and it then
    waits forever with `Reason=PartitionTimeLimit`.

    ## Example
        #SBATCH --partition=debug      # MaxTime 1-00:00:00
        #SBATCH --time=2-00:00:00

    Use instead: a time within the limit, or a partition that allows it.

    ## Fix safety
    No fix.
    """

    code = "JC131"
    name = "sbatch-time-over-partition-limit"
    severity = Severity.WARNING
    summary = "--time above the partition's MaxTime: the job never starts"

    def check_job(self, options, profile, script):
        use = options.get("time")
        if use is None:
            return
        minutes = time_minutes(use.value)
        partitions, _ = self.partitions(options, profile)
        limited = [p for p in partitions if p.max_time_minutes is not None]
        if minutes is None or not partitions or len(limited) < len(partitions):
            return
        if all(minutes > p.max_time_minutes for p in limited):
            limits = ", ".join("`%s` allows %s" % (p.name, p.max_time_text) for p in limited)
            yield Diagnostic(*use.value_span, "`%s` is longer than the partition allows (%s): the job waits in the "
                             "queue forever with Reason=PartitionTimeLimit" % (shown(use), limits))


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
        #SBATCH --partition=gpu        # nodes with 4 GPUs
        #SBATCH --gres=gpu:8

    Use instead: `--gres=gpu:4`, with `--nodes=2` if the job needs 8.

    ## Fix safety
    No fix.
    """

    code = "JC132"
    name = "sbatch-request-exceeds-cluster"
    severity = Severity.ERROR
    summary = "A request that no node of the partition can satisfy"

    def check_job(self, options, profile, script):
        partitions, _ = self.partitions(options, profile)
        if not partitions:
            return
        where = "partition %s" % "/".join("`%s`" % p.name for p in partitions)
        nodes = [n for p in partitions for n in profile.partition_nodes(p)]
        if not nodes:
            return
        refused = "the controller refuses the job (\"Requested node configuration is not available\")"
        cpus = _int(options.get("cpus-per-task"), 1)
        max_cpus = max(n.cpus for n in nodes)
        if "cpus-per-task" in options and cpus > max_cpus:
            yield self._at(options["cpus-per-task"], "%d CPUs per task, but the nodes of %s have at most %d: %s"
                           % (cpus, where, max_cpus, refused))
        memory = memory_mb(options["mem"].value) if "mem" in options else None
        max_memory = max(n.memory_mb for n in nodes)
        if memory and memory > max_memory:
            yield self._at(options["mem"], "`%s` is more memory than any node of %s has (%d MB): %s"
                           % (shown(options["mem"]), where, max_memory, refused))
        per_cpu = memory_mb(options["mem-per-cpu"].value) if "mem-per-cpu" in options else None
        if per_cpu and per_cpu * cpus > max_memory:
            yield self._at(options["mem-per-cpu"], "`%s` x %d CPUs per task is more memory than any node of %s has "
                           "(%d MB): %s" % (shown(options["mem-per-cpu"]), cpus, where, max_memory, refused))
        node_count = _int(options.get("nodes"))
        available = max(len(profile.partition_nodes(p)) for p in partitions)
        if node_count is not None and node_count > available:
            yield self._at(options["nodes"], "%d nodes, but %s has %d: %s" % (node_count, where, available, refused))
        ntasks = _int(options.get("ntasks"))
        if ntasks is not None and node_count is None:
            total = max(sum(n.cpus for n in profile.partition_nodes(p)) for p in partitions)
            if ntasks * cpus > total:
                yield self._at(options["ntasks"], "%d tasks x %d CPUs need more CPUs than %s has (%d): %s"
                               % (ntasks, cpus, where, total, refused))
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
            items, verdict = parse_gpus(options["gpus-per-node"].value, "gpus-per-node")
            if verdict is None:
                requests += [(options["gpus-per-node"], "gpu", gres_type, count) for gres_type, count in items]
        for use, name, gres_type, count in requests:
            if not count.isdigit():
                continue
            types = set().union(*(n.gres_types(name) for n in nodes))
            if gres_type is not None and gres_type not in types:
                known = ", ".join(sorted(types)) or "none"
                yield self._at(use, "no node of %s has `%s` of type `%s` (types there: %s): %s"
                               % (where, name, gres_type, known, refused))
                continue
            most = max(n.gres_count(name, gres_type) for n in nodes)
            if int(count) > most:
                yield self._at(use, "%s `%s%s` per node, but the nodes of %s have at most %d: %s"
                               % (count, name, ":" + gres_type if gres_type else "", where, most, refused))

    def _constraint(self, options, profile):
        use = options.get("constraint")
        if use is None or not use.value:
            return
        features = profile.features
        for word in re.findall(r"[A-Za-z_][A-Za-z0-9_.-]*", use.value):
            if word not in features:
                yield self._at(use, "no node has the feature `%s`: the controller refuses the job (\"Invalid feature "
                               "specification\"); features: %s" % (word, ", ".join(sorted(features)) or "none"))

    def _nodelist(self, options, profile):
        from jobcheck.semantics.cluster import expand_hostlist

        use = options.get("nodelist")
        if use is None or not use.value or "/" in use.value:
            return
        for name in expand_hostlist(use.value):
            if name not in profile.nodes:
                yield self._at(use, "there is no node `%s`: the controller refuses the job (\"Invalid node name "
                               "specified\")" % name)

    @staticmethod
    def _at(use, message):
        return Diagnostic(*use.value_span, message)


class MissingAccount(SiteRule):
    """
    ## What it does
    With a cluster profile that sets `require-account = true`, checks that the job names an
    account.

    ## Why is this bad?
    Sites that bill by project refuse jobs without `--account` (or put them on a default
    account that runs out).

    ## Example
        #SBATCH --time=10

    Use instead:

        #SBATCH --time=10
        #SBATCH --account=proj1234

    ## Fix safety
    No fix.
    """

    code = "JC133"
    name = "sbatch-missing-account"
    severity = Severity.ERROR
    summary = "The site requires --account and the job has none"

    def check_job(self, options, profile, script):
        if profile.require_account and "account" not in options:
            first_line_end = script.text.find("\n")
            yield Diagnostic(0, len(script.text) if first_line_end < 0 else first_line_end,
                             "this cluster requires `#SBATCH --account=...` and the job has none")


class UnknownAccountOrQos(SiteRule):
    """
    ## What it does
    With a cluster profile that lists the site's `accounts` and `qos`, checks `--account` and
    `--qos` against them.

    ## Why is this bad?
    The controller refuses the job: "Invalid account or account/partition combination
    specified", "Invalid qos specification".

    ## Example
        #SBATCH --account=proj1243

    Use instead:

        #SBATCH --account=proj1234

    ## Fix safety
    No fix; the message names the nearest known names.
    """

    code = "JC134"
    name = "sbatch-unknown-account-or-qos"
    severity = Severity.ERROR
    summary = "An account or QOS the cluster profile does not list"

    def check_job(self, options, profile, script):
        for option, known, said in (("account", profile.accounts, "Invalid account or account/partition combination "
                                     "specified"), ("qos", profile.qos, "Invalid qos specification")):
            use = options.get(option)
            if known is None or use is None or not use.value or "$" in use.value:
                continue
            for name in use.value.split(","):
                if name not in known:
                    found = suggest(name, known, max_distance=2)
                    hint = "; did you mean %s?" % " or ".join("`%s`" % c for c in found.candidates) \
                        if found.candidates else ""
                    yield Diagnostic(*use.value_span, "%s `%s` is not on this cluster: the controller refuses the job "
                                     "(\"%s\")%s" % ("account" if option == "account" else "QOS", name, said, hint))
