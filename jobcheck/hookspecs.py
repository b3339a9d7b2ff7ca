"""Every hook a jobcheck plugin can implement. The built-in `rules/` pack uses exactly these.

A plugin is a module (or object) registered under the entry-point group `jobcheck.plugins`:

    [project.entry-points."jobcheck.plugins"]
    mysite = "mysite_jobcheck"

and decorates its hook functions with `jobcheck.hookimpl`.
"""

from __future__ import annotations

import pluggy

PROJECT = "jobcheck"
ENTRY_POINT_GROUP = "jobcheck.plugins"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def jobcheck_rules():
    """Return the Rule subclasses this plugin provides (a list)."""


@hookspec
def jobcheck_options():
    """Return the configuration options this plugin adds (a list of jobcheck.Option)."""


@hookspec
def jobcheck_configure(settings):
    """Called once with the effective Settings before any file is checked."""


@hookspec
def jobcheck_launchers():
    """Return site commands that run another command, as {name: jobcheck.launchers.Launcher}.

    Rules look through launchers (`srun`, `time`, `env`, ...) to the command they run; a site
    wrapper (`gpurun -n 4 python x.py`) registered here is looked through the same way.
    """
