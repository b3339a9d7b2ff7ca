"""The command line: arguments (command), a run over files (run, parallel, discovery),
configuration files, per-file settings and cluster profiles, --add-suppressions, and
the garbage-collector policy of a jobcheck process."""

from .command import entry_point, main  # noqa: F401 - console script: jobcheck.cli:entry_point
