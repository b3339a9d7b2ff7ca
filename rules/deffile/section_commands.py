"""The commands of each definition-file section, the package installers and their yes-flags, and
unexported assignments in `%environment`."""

from __future__ import annotations

import bisect

from jobcheck import Edit, Fix, derived_fact

# Names the run-time environment already exports: assigning them keeps them exported.
EXPORTED = frozenset(
    {
        "PATH",
        "LD_LIBRARY_PATH",
        "PYTHONPATH",
        "HOME",
        "LANG",
        "LC_ALL",
        "MANPATH",
        "CPATH",
        "LIBRARY_PATH",
        "PKG_CONFIG_PATH",
        "TERM",
        "USER",
        "SHELL",
        "PS1",
        "TZ",
    }
)
INSTALLERS = {
    "apt-get": ("install", "upgrade", "dist-upgrade", "full-upgrade", "remove", "purge", "autoremove"),
    "apt": ("install", "upgrade", "full-upgrade", "remove", "purge", "autoremove"),
    "yum": ("install", "update", "upgrade", "remove", "groupinstall"),
    "dnf": ("install", "update", "upgrade", "remove", "groupinstall"),
    "microdnf": ("install", "update", "upgrade", "remove"),
    "zypper": ("install", "in", "update", "up", "remove", "rm"),
    "add-apt-repository": (),
}
YES_FLAGS = frozenset(
    {"-y", "--yes", "--assume-yes", "-qy", "-yq", "-qqy", "-yqq", "--non-interactive", "-n", "--no-confirm"}
)


def commands_in(script, section):
    """The top-level commands of a section, found by bisection in the commands sorted by start
    (a definition file with 20,000 stages has 20,000 sections: a scan per section is quadratic)."""
    top, starts = _top_level(script)
    first, last = bisect.bisect_left(starts, section.body_start), bisect.bisect_left(starts, section.body_end)
    return top[first:last]


@derived_fact
def _top_level(script):
    top = sorted((c for c in script.commands if c.depth == 0), key=lambda c: c.start)
    return top, [c.start for c in top]


def unexported_assignments(script, section):
    """Plain `NAME=value` statements of a section whose NAME no `export`/`declare` there exports
    (a prefix assignment, `NAME=value cmd`, is for that one command and is left out)."""
    commands = commands_in(script, section)
    exported = {
        (w.value or "").split("=")[0]
        for c in commands
        if c.name in ("export", "declare", "typeset")
        for w in c.words[1:]
    }
    return [a for c in commands if not c.words for a in c.assignments if a.name not in exported]


def add_export(assignment) -> Fix:
    return Fix.safe("add `export`", Edit.insert(assignment.start, "export "))
