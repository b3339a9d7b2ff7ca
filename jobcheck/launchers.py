"""The launcher type of the plugin API: a plugin's `jobcheck_launchers` hook returns
{name: jobcheck.launchers.Launcher}. The launcher table lives in jobcheck.semantics.launcher_table."""

from .semantics.launcher_table import Launcher

__all__ = ["Launcher"]
