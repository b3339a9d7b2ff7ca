"""Commands that run other commands: `srun -n 4 python x.py`, `time env A=1 cmd`, `apptainer exec IMG cmd`.

`views(command)` returns the command itself and every command it wraps, each as a CommandView
(a suffix of the same words), so a rule that looks for `python -c` also finds it behind
`srun`, `mpirun`, `time`, `env`, `exec`, `nohup`, `xargs`, `apptainer exec IMG`, ...
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ..knowledge import srun_options
from ..model.script import Command, JobScript, Word, derived_fact
from .containers import CONTAINER_TOOLS, ContainerCall, parse_call
from .slurm_directives import resolve_long


@dataclass(frozen=True, slots=True, init=False)
class CommandView:
    command: Command
    index: int  # where this view's argv starts in command.words
    wrappers: tuple[str, ...]  # the launchers around it, outermost first
    words: tuple[Word, ...] = field(repr=False, compare=False)
    args: tuple[Word, ...] = field(repr=False, compare=False)
    name: str | None = field(repr=False, compare=False)  # argv[0] as a static string, or None
    basename: str | None = field(repr=False, compare=False)  # its last path component

    def __init__(self, command: Command, index: int, wrappers: tuple[str, ...] = ()) -> None:
        # Slot setters, as in model.Word: every command of a script gets at least one view.
        words = command.words[index:]
        name = words[0].value if words else None
        _set_view_command(self, command)
        _set_view_index(self, index)
        _set_view_wrappers(self, wrappers)
        _set_view_words(self, words)
        _set_view_args(self, words[1:])
        _set_view_name(self, name)
        _set_view_basename(self, name.rpartition("/")[2] if name else name)


(
    _set_view_command,
    _set_view_index,
    _set_view_wrappers,
    _set_view_words,
    _set_view_args,
    _set_view_name,
    _set_view_basename,
) = (
    CommandView.__dict__[name].__set__ for name in ("command", "index", "wrappers", "words", "args", "name", "basename")
)


@dataclass(frozen=True)
class Launcher:
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
# What `_inner_index` looks through besides the launcher table (which plugins extend).
_OTHER_WRAPPERS = frozenset({"srun", *CONTAINER_TOOLS, *ENV_RUNNERS})


def views(command: Command, runtime: str = "either", launchers: Launchers | None = None) -> list[CommandView]:
    """The command and each command it runs, outermost first (computed once per command).
    `launchers`: the script's launcher table (`script.launchers`); None reads the built-in one."""
    table = BUILTIN_LAUNCHERS if launchers is None else launchers
    cache = command.derived
    key = ("views", runtime, table)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _views(command, runtime, table)
    return found


def views_named(script: JobScript, runtime: str, *basenames: str) -> list[CommandView]:
    """Every view of the script's commands whose program is one of `basenames`, in script order.
    Rules looking for `srun` or `mkdir` read this index (built once per script) instead of
    unwrapping every command of a large script themselves."""
    index = _views_by_name(script, runtime)
    if len(basenames) == 1:
        return [view for _, view in index.get(basenames[0], ())]
    found = [entry for name in basenames for entry in index.get(name, ())]
    found.sort(key=lambda entry: entry[0])
    return [view for _, view in found]


@derived_fact
def _views_by_name(script: JobScript, runtime: str) -> dict[str | None, list[tuple[int, CommandView]]]:
    index: dict[str | None, list[tuple[int, CommandView]]] = {}
    order = 0
    for command in script.commands:
        for view in views(command, runtime, script.launchers):
            index.setdefault(view.basename, []).append((order, view))
            order += 1
    return index


def _views(command: Command, runtime: str, launchers: Launchers) -> list[CommandView]:
    out = [CommandView(command, 0)]
    basename = out[0].basename
    if basename not in launchers and basename not in _OTHER_WRAPPERS:
        return out  # most commands run nothing else: no need to walk their words
    index = 0
    wrappers: tuple[str, ...] = ()
    for _ in range(len(command.words)):
        inner = _inner_index(command, index, runtime, launchers)
        if inner is None or inner >= len(command.words):
            break
        wrappers = wrappers + ((command.words[index].value or "").rpartition("/")[2],)
        index = inner
        out.append(CommandView(command, index, wrappers))
    return out


def container_call(command: Command, index: int, runtime: str = "either") -> ContainerCall | None:
    """`parse_call` of the command's words from `index` on, parsed once: launcher unwrapping,
    `code_words` and every container rule ask for the same call."""
    cache = command.derived
    key = ("call", index, runtime)
    if key not in cache:
        cache[key] = parse_call(command.words[index:], runtime)
    return cache[key]


def _inner_index(command: Command, index: int, runtime: str, launchers: Launchers) -> int | None:
    words = command.words
    name = words[index].value
    if name is None:
        return None
    base = name.rpartition("/")[2]
    if base == "srun":
        return _skip_srun_options(words, index + 1)
    if base in CONTAINER_TOOLS:
        call = container_call(command, index, runtime)
        if call is None or call.command != "exec" or call.image is None or not call.args:
            return None
        return index + 1 + (words[index + 1 :].index(call.image) + 1)
    if base in ENV_RUNNERS and index + 1 < len(words) and words[index + 1].value == "run":
        return _skip_options(words, index + 2, ENV_RUNNERS[base])
    launcher = launchers.get(base)
    if launcher is None:
        return None
    return _skip_options(words, index + 1, launcher)


def _skip_options(words: tuple[Word, ...], i: int, launcher: Launcher) -> int:
    n = len(words)
    positionals = launcher.positionals
    while i < n:
        value = words[i].value
        text = value if value is not None else words[i].literal_prefix
        if text == "--":
            i += 1
            continue
        if text.startswith("-") and len(text) > 1:
            option = text.split("=", 1)[0]
            if "=" not in text and option in launcher.value_options:
                i += 2 if option in TWO_VALUE_OPTIONS else 1
            i += 1
            continue
        if launcher.assignments and "=" in text and not text.startswith("="):
            i += 1
            continue
        if positionals:
            positionals -= 1
            i += 1
            continue
        return i
    return n


def _skip_srun_options(words: tuple[Word, ...], i: int) -> int:
    return srun_option_words(words, i)[1]


def srun_option_words(words: tuple[Word, ...], i: int = 1) -> tuple[list[tuple], int]:
    """The options of an `srun` command from word `i` on, read as srun's getopt_long reads
    them: ([(option or None, option word, value word or None)], index of the command srun runs)."""
    table = srun_options()
    longs = table.for_release(None)
    shorts = table.shorts(None)
    found: list[tuple] = []
    n = len(words)
    while i < n:
        word = words[i]
        text = word.value if word.value is not None else word.literal_prefix
        if text == "--":
            return found, i + 1
        if text.startswith("--"):
            name, eq, _ = text[2:].partition("=")
            option, _ = resolve_long(name, longs)
            value = None
            if eq:
                offset = word.text.find("=")
                value = word.sub(word.start + offset + 1, word.end) if offset >= 0 else None
            elif option is not None and option.arg == "required" and i + 1 < n:
                value = words[i + 1]
                i += 1
            found.append((option, word, value))
            i += 1
            continue
        if text.startswith("-") and len(text) > 1:
            option = shorts.get(text[1])
            value = None
            if option is not None and option.arg == "required" and len(text) == 2 and i + 1 < n:
                value = words[i + 1]
                i += 1
            found.append((option, word, value))
            i += 1
            continue
        return found, i
    return found, n


SHELLS = frozenset({"sh", "bash", "zsh", "ksh", "dash", "mksh", "csh", "tcsh", "fish", "ash"})
# Commands all of whose arguments are (or may be) code for another interpreter or a later
# shell: a `$NAME` in single quotes there is meant for that interpreter, not for this script.
CODE_TAKING = frozenset(
    {
        "eval",
        "alias",
        "trap",
        "awk",
        "gawk",
        "mawk",
        "nawk",
        "sed",
        "gsed",
        "jq",
        "yq",
        "envsubst",
        "expect",
        "parallel",
        "watch",
        "ssh",
        "su",
        "runuser",
        "flock",
        "find",
        "docker",
        "podman",
        "kubectl",
        "screen",
        "tmux",
        "script",
        "sbatch",
        "salloc",
        "qsub",
        "bsub",
        "chroot",
        "bwrap",
        "dtach",
        "xvfb-run",
        "busybox",
        "enroot",
        "shifter",
        "ch-run",
        "tclsh",
        "wish",
    }
)
# Interpreters whose code comes after one flag (`python -c CODE`); their other arguments are not code.
INLINE_CODE_FLAGS = {
    "perl": ("-e", "-E"),
    "ruby": ("-e",),
    "node": ("-e", "-p", "--eval", "--print"),
    "nodejs": ("-e", "-p", "--eval", "--print"),
    "Rscript": ("-e",),
    "R": ("-e",),
    "julia": ("-e", "-E", "--eval"),
    "php": ("-r",),
    "lua": ("-e",),
}
CONTAINER_RUN_COMMANDS = frozenset({"run", "test", "instance start", "instance run"})
# Every program `_code_words` may find code for, besides the Python interpreters.
_TAKES_CODE = SHELLS | CODE_TAKING | frozenset(INLINE_CODE_FLAGS) | frozenset(CONTAINER_TOOLS)


def is_python(name: str | None) -> bool:
    if not name:
        return False
    base = name.rstrip("0123456789.")
    return base in ("python", "pypy", "ipython")


def code_words(view: CommandView, runtime: str = "either") -> tuple[Word, ...]:
    """The argument words of `view` that hold code for another interpreter or a later shell
    (computed once per view: the front end and several rules ask)."""
    name = view.basename
    if name not in _TAKES_CODE and not is_python(name):
        return ()  # most programs: nothing to look at, nothing to keep
    cache = view.command.derived
    key = ("code", view.index, runtime)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _code_words(view, runtime)
    return found


def _code_words(view: CommandView, runtime: str) -> tuple[Word, ...]:
    name = view.basename
    args = view.args
    if name in SHELLS:
        return _after_flag(args, lambda text: not text.startswith("--") and "c" in text[1:])
    if is_python(name):
        return _after_flag(args, lambda text: text == "-c" or (not text.startswith("--") and text.endswith("c")))
    if name in INLINE_CODE_FLAGS:
        flags = INLINE_CODE_FLAGS[name]
        return _after_flag(args, lambda text: text in flags)
    if name in CONTAINER_TOOLS:
        call = container_call(view.command, view.index, runtime)
        if call is not None and call.command in CONTAINER_RUN_COMMANDS:
            return call.args  # handed to the image's runscript, which usually runs them
        return ()
    if name in CODE_TAKING:
        return args
    return ()


def _after_flag(args: tuple[Word, ...], is_code_flag) -> tuple[Word, ...]:
    """The word after the first code flag among the leading options (`bash -lc CODE`)."""
    for i, word in enumerate(args):
        text = word.value or ""
        if text == "--" or not text.startswith("-"):
            return ()
        if is_code_flag(text):
            return args[i + 1 : i + 2]
    return ()
