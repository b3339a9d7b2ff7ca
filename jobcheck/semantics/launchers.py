"""Launchers and what runs behind them, in one place for plugin authors (the names the README
documents, as of 0.3): the launcher table (launcher_table), the commands behind launchers
(command_views), the code in their arguments (code_words) and srun's options (srun_command).
jobcheck's own code imports from those modules."""

from __future__ import annotations

from .code_words import CODE_TAKING, INLINE_CODE_FLAGS, SHELLS, code_words, is_python
from .command_views import CommandView, container_call, views, views_named
from .launcher_table import BUILTIN_LAUNCHERS, ENV_RUNNERS, Launcher, Launchers
from .srun_command import srun_option_words

__all__ = [
    "BUILTIN_LAUNCHERS",
    "CODE_TAKING",
    "ENV_RUNNERS",
    "INLINE_CODE_FLAGS",
    "SHELLS",
    "CommandView",
    "Launcher",
    "Launchers",
    "code_words",
    "container_call",
    "is_python",
    "srun_option_words",
    "views",
    "views_named",
]
