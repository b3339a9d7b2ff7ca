"""The neutral model of Python code in a job: what the Python front end found, in file offsets.

A PythonCode is one piece of Python the job runs: the whole file of a Python job script, the
code of a `python -c`, or a heredoc fed to `python -`. Rules read these facts; only the front
end (`jobcheck.frontends.python_frontend`, on libcst) ever sees a syntax tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

SCRIPT, INLINE, HEREDOC = "script", "python -c", "heredoc"


class PythonSyntaxError(NamedTuple):
    start: int
    end: int
    message: str


class EnvRead(NamedTuple):
    """os.environ["X"], os.environ.get("X"[, default]), os.getenv("X"[, default])."""

    name: str
    start: int  # the whole expression
    end: int
    name_start: int  # the string literal naming the variable
    name_end: int
    has_default: bool  # .get/getenv with a default: no failure when the variable is unset
    subscript: bool  # os.environ[...]: KeyError when unset
    in_int: bool = False  # directly inside int(...)


class PythonCall(NamedTuple):
    """A call of a name resolved through the code's imports: `mp.Pool(4)` -> multiprocessing.Pool."""

    name: str
    start: int  # the called expression (`mp.Pool`)
    end: int
    positional: int
    keywords: tuple[str, ...]


class GpuUse(NamedTuple):
    """Code that needs a GPU: torch.cuda..., `.cuda()`, a "cuda" device string."""

    what: str
    start: int
    end: int


@dataclass
class PythonCode:
    """Python the job runs (the script itself, `python -c`, a heredoc) and the facts read from it."""

    origin: str  # SCRIPT, INLINE or HEREDOC
    start: int  # the code's span in the file
    end: int
    syntax_error: PythonSyntaxError | None = None
    env_reads: list[EnvRead] = field(default_factory=list)
    calls: list[PythonCall] = field(default_factory=list)
    gpu_uses: list[GpuUse] = field(default_factory=list)
    placeholders: bool = False  # shell expansions were replaced (unquoted heredoc, "..." code)
