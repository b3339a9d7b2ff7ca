"""A cluster as a cluster profile describes it: its partitions and nodes and what they offer.

Rules read the profile the settings carry (`settings.profile`); the CLI's profile loader reads
it from a TOML file or from `scontrol show` output.
"""

from __future__ import annotations

from dataclasses import dataclass, field

UNLIMITED = None


@dataclass
class Node:
    name: str
    cpus: int
    memory_mb: int
    gres: list[str] = field(default_factory=list)  # 'gpu:tesla:2'
    features: list[str] = field(default_factory=list)

    def gres_count(self, name: str, gres_type: str | None) -> int:
        total = 0
        for item in self.gres:
            fields = item.split("(")[0].split(":")
            if fields[0] != name:
                continue
            count = int(fields[-1]) if len(fields) >= 2 and fields[-1].isdigit() else 1
            item_type = fields[1] if len(fields) == 3 or (len(fields) == 2 and not fields[1].isdigit()) else None
            if gres_type is None or gres_type == item_type:
                total += count
        return total

    def gres_types(self, name: str) -> set[str]:
        types = set()
        for item in self.gres:
            fields = item.split("(")[0].split(":")
            if fields[0] == name and len(fields) >= 2 and not fields[1].isdigit():
                types.add(fields[1])
        return types


@dataclass
class Partition:
    name: str
    default: bool = False
    max_time_minutes: int | None = UNLIMITED
    max_time_text: str = "UNLIMITED"
    nodes: list[str] = field(default_factory=list)  # expanded node names
    max_nodes: int | None = UNLIMITED


@dataclass
class Profile:
    name: str = ""
    partitions: dict[str, Partition] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    require_account: bool = False
    accounts: list[str] | None = None  # None: not known, so not checked
    qos: list[str] | None = None
    source: str = ""

    @property
    def default_partition(self) -> Partition | None:
        return next((p for p in self.partitions.values() if p.default), None)

    def partition_nodes(self, partition: Partition) -> list[Node]:
        return [self.nodes[n] for n in partition.nodes if n in self.nodes]

    @property
    def features(self) -> set[str]:
        return {f for node in self.nodes.values() for f in node.features}
