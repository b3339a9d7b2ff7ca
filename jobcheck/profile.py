"""Cluster profiles: what a site's partitions and nodes offer, as a TOML file.

    [cluster]
    name = "mycluster"
    require-account = false
    accounts = ["proj1234", "proj5678"]    # optional: when given, others are reported
    qos = ["normal", "long"]               # optional

    [partitions.gpu]
    default = false
    max-time = "2-00:00:00"          # Slurm time, or "UNLIMITED"
    nodes = ["gpu[01-04]"]           # Slurm host lists
    max-nodes = "UNLIMITED"

    [nodes."gpu[01-04]"]
    cpus = 64
    memory-mb = 512000
    gres = ["gpu:a100:4"]
    features = ["a100", "ib"]

An admin makes one on a login node with
`scontrol show partition --oneliner > p.txt; scontrol show node --oneliner > n.txt;
jobcheck --import-profile p.txt n.txt > site.toml`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .config import read_toml
from .patterns import lazy

UNLIMITED = None


class ProfileError(ValueError):
    """A profile file that cannot be used, with the reason."""


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


TIME_RE = lazy(r"^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$")


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


# ---- loading ----------------------------------------------------------------------------

def load(path: str) -> Profile:
    try:
        data = read_toml(path)
    except ValueError as exc:
        raise ProfileError("profile %s: %s" % (path, exc)) from None
    return from_dict(data, path)


PROFILE_KEYS = {
    "": ("cluster", "partitions", "nodes"),
    "cluster": ("name", "require-account", "accounts", "qos"),
    "partitions": ("default", "max-time", "max-nodes", "nodes"),
    "nodes": ("cpus", "memory-mb", "gres", "features"),
}
PROFILE_TYPES = {"name": str, "require-account": bool, "accounts": list, "qos": list, "default": bool,
                 "nodes": list, "cpus": int, "memory-mb": int, "gres": list, "features": list}


def profile_problems(data: dict) -> list[str]:
    """Unknown keys (with did-you-mean) and values of the wrong type or form: a misspelt
    `max_time` or a `max-time = "two days"` would otherwise switch a check off in silence."""
    problems = _unknown_keys(data, "", "")
    for table in ("cluster",):
        if not isinstance(data.get(table, {}), dict):
            problems.append("[%s] must be a table" % table)
    if problems:
        return problems
    problems += _entry_problems(data.get("cluster", {}), "cluster", "[cluster]")
    for table in ("partitions", "nodes"):
        entries = data.get(table, {})
        if not isinstance(entries, dict) or not all(isinstance(v, dict) for v in entries.values()):
            problems.append("[%s] must hold one table per %s" % (table, table[:-1]))
            continue
        for name, spec in entries.items():
            problems += _entry_problems(spec, table, "[%s.%s]" % (table, name))
    return problems


def _entry_problems(spec: dict, table: str, where: str) -> list[str]:
    problems = _unknown_keys(spec, table, where)
    for key, value in spec.items():
        if table == "partitions" and key == "nodes":
            pass
        elif key in PROFILE_TYPES and key in PROFILE_KEYS[table] and not _is(value, PROFILE_TYPES[key]):
            problems.append("%s: `%s` must be %s, not %r" % (where, key, _kind(PROFILE_TYPES[key]), value))
    if table == "partitions":
        max_time = spec.get("max-time", "UNLIMITED")
        if not isinstance(max_time, (str, int)) or isinstance(max_time, bool) or (
                time_minutes(str(max_time)) is None and str(max_time).upper() not in ("UNLIMITED", "INFINITE")):
            problems.append("%s: `max-time` must be a Slurm time (minutes, HH:MM:SS, D-HH:MM:SS) or UNLIMITED, "
                            "not %r" % (where, max_time))
        max_nodes = spec.get("max-nodes", "UNLIMITED")
        if not (_is(max_nodes, int) and max_nodes >= 0) and not (isinstance(max_nodes, str) and (
                max_nodes.isdigit() or max_nodes.upper() == "UNLIMITED")):
            problems.append("%s: `max-nodes` must be a whole number or UNLIMITED, not %r" % (where, max_nodes))
        if not _is(spec.get("nodes", []), list):
            problems.append("%s: `nodes` must be a list of host lists" % where)
    return problems


def _unknown_keys(spec: dict, table: str, where: str) -> list[str]:
    from .suggest import suggest

    problems = []
    for key in spec:
        if key not in PROFILE_KEYS[table]:
            found = suggest(key, PROFILE_KEYS[table], max_distance=3)
            hint = "; did you mean `%s`?" % found.best if found.candidates else ""
            problems.append("%sunknown key `%s`%s" % (where + ": " if where else "", key, hint))
    return problems


def _is(value, kind: type) -> bool:
    return isinstance(value, kind) and not (kind is int and isinstance(value, bool))


def _kind(kind: type) -> str:
    return {bool: "true or false", int: "a whole number", str: "a string", list: "a list"}[kind]


def from_dict(data: dict, source: str = "") -> Profile:
    problems = profile_problems(data)
    if problems:
        raise ProfileError("\n".join("profile %s: %s" % (source, p) for p in problems))
    cluster = data.get("cluster", {})
    profile = Profile(name=str(cluster.get("name", "")), require_account=bool(cluster.get("require-account", False)),
                      accounts=list(cluster["accounts"]) if "accounts" in cluster else None,
                      qos=list(cluster["qos"]) if "qos" in cluster else None, source=source)
    for key, spec in data.get("nodes", {}).items():
        for name in expand_hostlist(key):
            try:
                profile.nodes[name] = Node(name, int(spec.get("cpus", 0)), int(spec.get("memory-mb", 0)),
                                           list(spec.get("gres", [])), list(spec.get("features", [])))
            except (TypeError, ValueError) as exc:
                raise ProfileError("%s: node %s: %s" % (source, key, exc)) from None
    for name, spec in data.get("partitions", {}).items():
        max_time = str(spec.get("max-time", "UNLIMITED"))
        max_nodes = spec.get("max-nodes", "UNLIMITED")
        nodes = [n for entry in spec.get("nodes", []) for n in expand_hostlist(entry)]
        profile.partitions[name] = Partition(
            name, bool(spec.get("default", False)), time_minutes(max_time), max_time, nodes,
            None if str(max_nodes).upper() == "UNLIMITED" else int(max_nodes))
    return profile


# ---- importing from scontrol ------------------------------------------------------------

def _fields(line: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(r"(\w+)=(\S*)", line)}


def import_scontrol(texts: list[str]) -> dict:
    """The profile (as TOML-ready data) from `scontrol show partition/node --oneliner` output."""
    partitions, nodes = {}, {}
    for text in texts:
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("PartitionName="):
                f = _fields(line)
                partitions[f["PartitionName"]] = {
                    "default": f.get("Default") == "YES",
                    "max-time": f.get("MaxTime", "UNLIMITED"),
                    "max-nodes": f.get("MaxNodes", "UNLIMITED"),
                    "nodes": [f["Nodes"]] if f.get("Nodes", "(null)") != "(null)" else [],
                }
            elif line.startswith("NodeName="):
                f = _fields(line)
                gres = [g for g in f.get("Gres", "(null)").split(",") if g and g != "(null)"]
                features = [x for x in f.get("AvailableFeatures", "(null)").split(",") if x and x != "(null)"]
                nodes[f["NodeName"]] = {
                    "cpus": int(f.get("CPUTot", "0") or 0),
                    "memory-mb": int(f.get("RealMemory", "0") or 0),
                    "gres": gres,
                    "features": features,
                }
    if not partitions and not nodes:
        raise ProfileError("no `PartitionName=` or `NodeName=` lines: give the output of "
                           "`scontrol show partition --oneliner` and `scontrol show node --oneliner`")
    return {"cluster": {"name": "", "require-account": False}, "partitions": partitions, "nodes": nodes}


def to_toml(data: dict) -> str:
    """Write a profile as TOML (strings are JSON-quoted, which TOML basic strings accept)."""
    def value(v) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, list):
            return "[%s]" % ", ".join(value(x) for x in v)
        return json.dumps(str(v), ensure_ascii=False)

    def key(k: str) -> str:
        return k if re.match(r"^[A-Za-z0-9_-]+$", k) else json.dumps(k, ensure_ascii=False)

    lines = ["# cluster profile for jobcheck --profile (imported from scontrol output)", "", "[cluster]"]
    lines += ["%s = %s" % (key(k), value(v)) for k, v in data["cluster"].items()]
    for section in ("partitions", "nodes"):
        for name, spec in data[section].items():
            lines += ["", "[%s.%s]" % (section, key(name))]
            lines += ["%s = %s" % (key(k), value(v)) for k, v in spec.items()]
    return "\n".join(lines) + "\n"

