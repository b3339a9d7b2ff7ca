"""Which arguments of a command are code for another interpreter or a later shell: `bash -c CODE`,
`python -c CODE`, `perl -e CODE`, every argument of `eval`, `awk`, `ssh`, ..., and what
`apptainer run IMG ...` hands to the image's runscript."""

from __future__ import annotations

from ..model.script import Word
from .command_views import CommandView, container_call
from .containers import CONTAINER_TOOLS

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


def may_take_code(name: str | None) -> bool:
    """Whether `code_words` may find code in the arguments of a program of this name."""
    return name in _TAKES_CODE or is_python(name)


def code_words(view: CommandView, runtime: str = "either") -> tuple[Word, ...]:
    """The argument words of `view` that hold code for another interpreter or a later shell
    (computed once per view: the front end and several rules ask)."""
    if not may_take_code(view.basename):
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
