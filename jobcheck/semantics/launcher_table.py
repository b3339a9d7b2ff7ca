"""The launcher table: commands that run another command named in their arguments (`time`,
`env`, `nohup`, `mpirun`, `timeout 60`, `conda run -n ENV`, ...) and the options of theirs that
take a value, so that the command they run can be found (jobcheck.semantics.command_views).
Plugins add site launchers through the `jobcheck_launchers` hook."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import NamedTuple


class Launcher(NamedTuple):
    """How a command that runs another one reads its own arguments, to find the command."""

    value_options: frozenset[str] = frozenset()  # options that take the next word as their value
    positionals: int = 0  # words before the command (timeout's DURATION)
    assignments: bool = False  # NAME=VALUE words may precede the command (env)


class Launchers(Mapping):
    """A launcher table: program name -> Launcher. The registry builds one per run (the
    built-in launchers plus those plugins return from `jobcheck_launchers`), the front end
    stores it on the JobScript it builds, and `views` reads it from there: nothing global
    changes when a plugin adds a launcher. Equal only to itself (it keys per-command caches)."""

    __slots__ = ("_table",)

    def __init__(self, table: Mapping[str, Launcher] | None = None) -> None:
        self._table = dict(table or {})

    def __getitem__(self, name: str) -> Launcher:
        return self._table[name]

    def __contains__(self, name: object) -> bool:
        return name in self._table

    def get(self, name, default=None):  # the table's own, not Mapping's (a try/except in Python)
        return self._table.get(name, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def extended(self, more: Mapping[str, Launcher]) -> Launchers:
        return Launchers({**self._table, **more})


def _opts(*names: str) -> frozenset[str]:
    return frozenset(names)


_BUILTIN: dict[str, Launcher] = {
    "time": Launcher(_opts("-o", "-f", "--output", "--format")),
    "env": Launcher(_opts("-u", "-C", "-S", "--unset", "--chdir", "--split-string"), assignments=True),
    "exec": Launcher(_opts("-a")),
    "nohup": Launcher(),
    "command": Launcher(),
    "builtin": Launcher(),
    "nice": Launcher(_opts("-n", "--adjustment")),
    "ionice": Launcher(_opts("-c", "-n", "--class", "--classdata")),
    "timeout": Launcher(_opts("-s", "-k", "--signal", "--kill-after"), positionals=1),
    "stdbuf": Launcher(_opts("-i", "-o", "-e", "--input", "--output", "--error")),
    "taskset": Launcher(_opts(), positionals=1),
    "numactl": Launcher(
        _opts(
            "-C", "-N", "-m", "-i", "-p", "--physcpubind", "--cpunodebind", "--membind", "--interleave", "--preferred"
        )
    ),
    "xargs": Launcher(
        _opts(
            "-n",
            "-P",
            "-I",
            "-d",
            "-L",
            "-s",
            "-a",
            "-E",
            "-e",
            "--max-args",
            "--max-procs",
            "--delimiter",
            "--max-lines",
            "--arg-file",
            "--eof",
        )
    ),
    "sudo": Launcher(
        _opts(
            "-u",
            "-g",
            "-C",
            "-D",
            "-h",
            "-p",
            "-r",
            "-t",
            "-T",
            "-U",
            "--user",
            "--group",
            "--chdir",
            "--host",
            "--prompt",
        )
    ),
    "mpirun": Launcher(
        _opts(
            "-np",
            "-n",
            "-c",
            "-N",
            "-npernode",
            "--npernode",
            "-ppn",
            "--ppn",
            "-map-by",
            "--map-by",
            "-bind-to",
            "--bind-to",
            "-rank-by",
            "--rank-by",
            "-x",
            "-H",
            "-host",
            "--host",
            "-hostfile",
            "--hostfile",
            "-machinefile",
            "--machinefile",
            "-f",
            "-prefix",
            "--prefix",
            "-wdir",
            "--wdir",
            "-wd",
            "-genvlist",
            "-envlist",
            "-launcher",
            "-bootstrap",
            "-iface",
            "-rf",
            "--rankfile",
            "-rankfile",
            "-output-filename",
            "--output-filename",
            "-hosts",
            "-configfile",
            "--mca",
            "-mca",
            "-genv",
            "-env",
            "--personality",
            "-gmca",
            "--gmca",
        )
    ),
}
# `conda run -n ENV cmd ...` and friends: a launcher only with the `run` subcommand.
_CONDA_RUN = Launcher(_opts("-n", "--name", "-p", "--prefix", "--cwd"))
ENV_RUNNERS = {
    "conda": _CONDA_RUN,
    "mamba": _CONDA_RUN,
    "micromamba": _CONDA_RUN,
    "pixi": Launcher(_opts("-e", "--environment", "--manifest-path")),
    "uv": Launcher(_opts("--with", "--python", "-p", "--project", "--directory", "--env-file")),
    "poetry": Launcher(_opts("-C", "--directory", "-P", "--project")),
}
_BUILTIN["mpiexec"] = _BUILTIN["mpirun"]
_BUILTIN["mpiexec.hydra"] = _BUILTIN["mpirun"]
BUILTIN_LAUNCHERS = Launchers(_BUILTIN)
# Options that take two words (`--mca btl self`, `-genv NAME value`).
TWO_VALUE_OPTIONS = frozenset({"--mca", "-mca", "-genv", "-env", "-gmca", "--gmca"})
