"""Commands that run other commands: `srun -n 4 python x.py`, `time env A=1 cmd`, `apptainer exec IMG cmd`.

`views(command)` returns the command itself and every command it wraps, each as a CommandView
(a suffix of the same words), so a rule that looks for `python -c` also finds it behind
`srun`, `mpirun`, `time`, `env`, `exec`, `nohup`, `xargs`, `apptainer exec IMG`, ...
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.script import Command, JobScript, Word, derived_fact
from .containers import CONTAINER_TOOLS, ContainerCall, parse_call
from .launcher_table import BUILTIN_LAUNCHERS, ENV_RUNNERS, TWO_VALUE_OPTIONS, Launcher, Launchers
from .srun_command import srun_option_words


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


def runs_other_commands(command: Command, launchers: Launchers | None = None) -> bool:
    """Whether `command` is a launcher (`srun`, `time`, `apptainer`, `conda`, a plugin's wrapper,
    ...), that is whether `views(command)` may hold more than the command itself. Code looking
    for one program in a large script skips every other command with this instead of unwrapping it."""
    basename = command.basename
    return basename in (BUILTIN_LAUNCHERS if launchers is None else launchers) or basename in _OTHER_WRAPPERS


def views_named(script: JobScript, runtime: str, *basenames: str) -> list[CommandView]:
    """Every view of the script's commands whose program is one of `basenames`, in script order.
    Rules looking for `srun` or `mkdir` read this index (built once per script) instead of
    unwrapping every command of a large script themselves."""
    index = _views_by_name(script, runtime)
    if len(basenames) == 1:
        found = index.get(basenames[0], ())
    else:
        found = [entry for name in basenames for entry in index.get(name, ())]
        found.sort(key=lambda entry: entry[0])
    launchers = script.launchers
    return [item if isinstance(item, CommandView) else views(item, runtime, launchers)[0] for _, item in found]


@derived_fact
def _views_by_name(script: JobScript, runtime: str) -> dict[str | None, list[tuple[int, CommandView | Command]]]:
    """basename -> [(order, view)]; a command that runs no other is entered as itself, and its one
    view is made when its name is asked for (most of a script's commands never are)."""
    index: dict[str | None, list[tuple[int, CommandView | Command]]] = {}
    order = 0
    launchers = script.launchers
    for command in script.commands:
        if not runs_other_commands(command, launchers):
            index.setdefault(command.basename, []).append((order, command))
            order += 1
            continue
        for view in views(command, runtime, launchers):
            index.setdefault(view.basename, []).append((order, view))
            order += 1
    return index


def _views(command: Command, runtime: str, launchers: Launchers) -> list[CommandView]:
    view = CommandView(command, 0)
    out = [view]
    if not runs_other_commands(command, launchers):
        return out  # most commands run nothing else: no need to walk their words
    words = command.words
    wrappers: tuple[str, ...] = ()
    for _ in range(len(words)):
        inner = _inner_index(command, view.index, view.basename, runtime, launchers)
        if inner is None or inner >= len(words):
            break
        wrappers = wrappers + (view.basename or "",)
        view = CommandView(command, inner, wrappers)
        out.append(view)
    return out


def container_call(command: Command, index: int, runtime: str = "either") -> ContainerCall | None:
    """`parse_call` of the command's words from `index` on, parsed once: launcher unwrapping,
    `code_words` and every container rule ask for the same call."""
    cache = command.derived
    key = ("call", index, runtime)
    if key not in cache:
        cache[key] = parse_call(command.words[index:], runtime)
    return cache[key]


def _inner_index(command: Command, index: int, base: str | None, runtime: str, launchers: Launchers) -> int | None:
    """Where the command run by the program at `index` (`base`: its basename) starts, or None."""
    if base is None:
        return None
    words = command.words
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
