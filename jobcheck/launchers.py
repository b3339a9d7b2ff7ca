"""The launcher type of the plugin API: a plugin's `jobcheck_launchers` hook returns
{name: jobcheck.launchers.Launcher}. The launcher machinery lives in jobcheck.semantics.launchers."""

from .semantics.launchers import Launcher

__all__ = ["Launcher"]
