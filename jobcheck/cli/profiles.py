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
from typing import TYPE_CHECKING

from ..semantics.slurm_values import expand_hostlist, time_minutes
from ..semantics.suggest import suggest
from .config import read_toml

if TYPE_CHECKING:
    from ..model.cluster import Profile


class ProfileError(ValueError):
    """A profile file that cannot be used, with the reason."""


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
PROFILE_TYPES = {
    "name": str,
    "require-account": bool,
    "accounts": list,
    "qos": list,
    "default": bool,
    "nodes": list,
    "cpus": int,
    "memory-mb": int,
    "gres": list,
    "features": list,
}


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
        if (
            not isinstance(max_time, (str, int))
            or isinstance(max_time, bool)
            or (time_minutes(str(max_time)) is None and str(max_time).upper() not in ("UNLIMITED", "INFINITE"))
        ):
            problems.append(
                "%s: `max-time` must be a Slurm time (minutes, HH:MM:SS, D-HH:MM:SS) or UNLIMITED, "
                "not %r" % (where, max_time)
            )
        max_nodes = spec.get("max-nodes", "UNLIMITED")
        if not (_is(max_nodes, int) and max_nodes >= 0) and not (
            isinstance(max_nodes, str) and (max_nodes.isdigit() or max_nodes.upper() == "UNLIMITED")
        ):
            problems.append("%s: `max-nodes` must be a whole number or UNLIMITED, not %r" % (where, max_nodes))
        if not _is(spec.get("nodes", []), list):
            problems.append("%s: `nodes` must be a list of host lists" % where)
    return problems


def _unknown_keys(spec: dict, table: str, where: str) -> list[str]:
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
    from ..model.cluster import Node, Partition, Profile  # only a run with a cluster profile needs them

    problems = profile_problems(data)
    if problems:
        raise ProfileError("\n".join("profile %s: %s" % (source, p) for p in problems))
    cluster = data.get("cluster", {})
    profile = Profile(
        name=str(cluster.get("name", "")),
        require_account=bool(cluster.get("require-account", False)),
        accounts=list(cluster["accounts"]) if "accounts" in cluster else None,
        qos=list(cluster["qos"]) if "qos" in cluster else None,
        source=source,
    )
    for key, spec in data.get("nodes", {}).items():
        for name in expand_hostlist(key):
            try:
                profile.nodes[name] = Node(
                    name,
                    int(spec.get("cpus", 0)),
                    int(spec.get("memory-mb", 0)),
                    list(spec.get("gres", [])),
                    list(spec.get("features", [])),
                )
            except (TypeError, ValueError) as exc:
                raise ProfileError("%s: node %s: %s" % (source, key, exc)) from None
    for name, spec in data.get("partitions", {}).items():
        max_time = str(spec.get("max-time", "UNLIMITED"))
        max_nodes = spec.get("max-nodes", "UNLIMITED")
        nodes = [n for entry in spec.get("nodes", []) for n in expand_hostlist(entry)]
        profile.partitions[name] = Partition(
            name,
            bool(spec.get("default", False)),
            time_minutes(max_time),
            max_time,
            nodes,
            None if str(max_nodes).upper() == "UNLIMITED" else int(max_nodes),
        )
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
        raise ProfileError(
            "no `PartitionName=` or `NodeName=` lines: give the output of "
            "`scontrol show partition --oneliner` and `scontrol show node --oneliner`"
        )
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
