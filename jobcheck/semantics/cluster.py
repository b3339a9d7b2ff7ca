"""A cluster as a cluster profile describes it: partitions, nodes and what they offer; and the
Slurm host-list and time syntax its values use.

Rules read the profile the settings carry (`settings.profile`); the CLI's profile loader reads
it from a TOML file or from `scontrol show` output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .slurm_values import TIME_RE

UNLIMITED = None


@dataclass
class Node:
    name: str
    cpus: int
    memory_mb: int
    gres: list[str] = field(default_factory=list)       # 'gpu:tesla:2'
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
    nodes: list[str] = field(default_factory=list)      # expanded node names
    max_nodes: int | None = UNLIMITED


@dataclass
class Profile:
    name: str = ""
    partitions: dict[str, Partition] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    require_account: bool = False
    accounts: list[str] | None = None      # None: not known, so not checked
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


# ---- Slurm host lists and times ----------------------------------------------------------

def expand_hostlist(text: str) -> list[str]:
    """'gpu[01-03,07],login1' -> ['gpu01', 'gpu02', 'gpu03', 'gpu07', 'login1']."""
    names: list[str] = []
    for item in re.findall(r"[^,\[]+(?:\[[^\]]*\][^,\[]*)*", text):
        names.extend(_expand_one(item))
    return names


def _expand_one(item: str) -> list[str]:
    m = re.search(r"\[([^\]]*)\]", item)
    if not m:
        return [item] if item and item != "(null)" else []
    head, tail = item[:m.start()], item[m.end():]
    out = []
    for part in m.group(1).split(","):
        low, _, high = part.partition("-")
        if high:
            width = len(low)
            for i in range(int(low), int(high) + 1):
                out.extend(_expand_one("%s%0*d%s" % (head, width, i, tail)))
        else:
            out.extend(_expand_one(head + low + tail))
    return out


def time_minutes(text: str) -> int | None:
    """A Slurm time limit in minutes (None for UNLIMITED/INFINITE, and for text that is not one)."""
    text = str(text).strip()
    if text.upper() in ("UNLIMITED", "INFINITE", "NONE", "") or text in ("-1",):
        return None
    m = TIME_RE.match(text)
    if not m:
        return None
    days, a, b, c = m.groups()
    if days is not None:
        hours, minutes, seconds = int(a), int(b or 0), int(c or 0)
    elif c is not None:
        hours, minutes, seconds = int(a), int(b), int(c)
    elif b is not None:
        hours, minutes, seconds = 0, int(a), int(b)
    else:
        hours, minutes, seconds = 0, int(a), 0
    total_seconds = ((int(days or 0) * 24 + hours) * 60 + minutes) * 60 + seconds
    return -(-total_seconds // 60)
