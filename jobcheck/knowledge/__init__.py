"""Option tables read off the real tools, as committed data (see scripts/import_knowledge.py)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache, cached_property
from typing import NamedTuple

HERE = os.path.dirname(os.path.abspath(__file__))


def read_table(name: str):
    """A committed table beside this module (read from the file: importlib.resources costs a
    one-file run several milliseconds of imports)."""
    with open(os.path.join(HERE, name), encoding="utf-8") as handle:
        return json.load(handle)


class LongOption(NamedTuple):
    name: str  # without the leading '--'
    short: str  # one letter, or ''
    arg: str  # 'required', 'optional' or 'none'
    releases: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class OptionTable:
    """A tool's long options across the releases jobcheck knows, read from its knowledge table."""

    tool: str
    releases: tuple[str, ...]
    options: dict[str, LongOption]

    @cached_property
    def newest(self) -> str:
        """The newest released version (not the development branch); asked for per srun command."""
        released = [r for r in self.releases if r != "master"]
        return released[-1]

    def first_release(self, name: str) -> str | None:
        option = self.options.get(name)
        return option.releases[0] if option else None

    def for_release(self, release: str | None) -> dict[str, LongOption]:
        """The options of one release (computed once per release; callers must not change it)."""
        return _for_release(self, release or self.newest)

    def shorts(self, release: str | None = None) -> dict[str, LongOption]:
        return _shorts(self, release or self.newest)


@cache
def option_table(tool: str) -> OptionTable:
    """'sbatch' or 'srun' (srun includes pyxis's --container-* options)."""
    name = "%s_options.json" % tool
    raw = read_table(name)
    options = {name: LongOption(name, o["short"], o["arg"], tuple(o["releases"])) for name, o in raw["options"].items()}
    return OptionTable(raw["tool"], tuple(raw["releases"]), options)


@cache
def _for_release(table: OptionTable, release: str) -> dict[str, LongOption]:
    return {name: o for name, o in table.options.items() if release in o.releases}


@cache
def _shorts(table: OptionTable, release: str) -> dict[str, LongOption]:
    return {o.short: o for o in _for_release(table, release).values() if o.short}


def release_key(release: str) -> tuple[int, ...]:
    """'22.05' -> (22, 5); 'master' sorts after every release."""
    if release == "master":
        return (9999,)
    return tuple(int(part) for part in release.split(".")[:2])


def sbatch_options() -> OptionTable:
    return option_table("sbatch")


def srun_options() -> OptionTable:
    return option_table("srun")


class ContainerFlag(NamedTuple):
    long: str  # without '--'
    short: str  # one letter or ''
    type: str  # pflag type: bool, string, stringSlice, stringArray, stringToString, int, ...
    since: str  # first release with the flag ('<= v1.0.0', 'v1.4.0', 'SCE v4.2.0', ...)
    hidden: bool
    deprecated: str  # pflag's deprecation message, '' when not deprecated

    @property
    def takes_value(self) -> bool:
        return self.type != "bool"


CONTAINER_IMPLEMENTATIONS = ("apptainer", "singularityce")


@cache
def _container_tables() -> dict:
    return read_table("apptainer_flags.json")


@cache
def container_flags(implementation: str, command: str) -> dict[str, ContainerFlag]:
    """Every flag of `command` ('exec', 'instance start', 'global', ...) for one implementation."""
    table = _container_tables()["implementations"][implementation].get(command, {})
    return {
        name: ContainerFlag(name, f["short"], f["type"], f["since"], f["hidden"], f["deprecated"])
        for name, f in table.items()
    }


@cache
def container_commands(implementation: str) -> tuple[str, ...]:
    return tuple(_container_tables()["implementations"][implementation])


@cache
def scheduler_options(tool: str) -> dict[str, dict]:
    """'pbs' or 'lsf': flag -> {'arg': 'required'|'none', 'grammar': ..., 'flavors': [...] (PBS)}."""
    name = "%s_options.json" % tool
    return read_table(name)["options"]
