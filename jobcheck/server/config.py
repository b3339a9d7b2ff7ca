"""What the server checks with: the CLI's own settings resolution per document path, plus the
editor's settings, which act like command-line options (they win over the files).

Client settings (initializationOptions, or `jobcheck` in workspace/didChangeConfiguration),
camelCase or kebab-case: select, ignore, extendSelect (lists of codes, prefixes or names),
scheduler, slurmVersion, apptainerVersion, containerRuntime, profile, config, isolated, parser
(default tree-sitter, see EDITOR_PARSER).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..cli.config import ConfigError, slurm_release
from ..cli.file_settings import CommandLine, Resolver
from ..cli.profiles import ProfileError
from ..engine.linter import Linter
from ..frontends.shell import SHELL_PARSERS
from ..plugins import registry as plugins
from ..plugins.registry import Registry
from ..settings import CONTAINER_RUNTIMES, SCHEDULERS

LIST_SETTINGS = ("select", "ignore", "extend-select")
TEXT_SETTINGS = ("scheduler", "slurm-version", "apptainer-version", "container-runtime", "profile", "config", "parser")
CHOICES = {"scheduler": SCHEDULERS, "container-runtime": CONTAINER_RUNTIMES, "parser": SHELL_PARSERS}
# The editor's default front end (the CLI's `--parser tree-sitter`): bashlex takes about ten times
# as long on a script, too long for a re-check per pause in typing, and the rules find the same
# on both front ends' models (every rule fixture is checked under both).
EDITOR_PARSER = "tree-sitter"
# A change to one of these may change a document's settings: the server reloads them.
CONFIG_NAMES = (".jobcheck.toml", "jobcheck.toml", "pyproject.toml")


def kebab(name: str) -> str:
    return "".join("-" + ch.lower() if ch.isupper() else ch for ch in name)


def command_line(client: dict | None) -> tuple[CommandLine, list[str]]:
    """The client's settings as the CLI's CommandLine, and what was wrong with them."""
    values = {kebab(key): value for key, value in (client or {}).items()}
    problems = []
    given: dict = {}
    for key, value in values.items():
        if key in LIST_SETTINGS:
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                problems.append("`%s` must be a list of codes" % key)
                continue
            given[key.replace("-", "_")] = tuple(value)
        elif key in TEXT_SETTINGS:
            if value in (None, ""):
                continue
            if not isinstance(value, str) or (key in CHOICES and value not in CHOICES[key]):
                problems.append(
                    "`%s` must be %s" % (key, "one of " + ", ".join(CHOICES[key]) if key in CHOICES else "a string")
                )
                continue
            if key == "slurm-version":
                try:
                    value = slurm_release(value)
                except ValueError as exc:
                    problems.append(str(exc))
                    continue
            given[key.replace("-", "_")] = value
        elif key == "isolated":
            given["isolated"] = bool(value)
        else:
            problems.append("unknown setting `%s`" % key)
    given.setdefault("parser", EDITOR_PARSER)
    return CommandLine(**given), problems


@dataclass
class Session:
    """The plugin registry (loaded once) and the resolver of per-file settings (rebuilt on reload)."""

    registry: Registry = field(default_factory=plugins.load)
    client: dict = field(default_factory=dict)
    resolver: Resolver = field(init=False)
    problems: list[str] = field(default_factory=list)
    _by_code: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.reload()

    def reload(self, client: dict | None = None) -> None:
        """Forget every configuration file, profile and linter read so far (and take new client
        settings, when given): the next check reads them again."""
        if client is not None:
            self.client = client
        cli, self.problems = command_line(self.client)
        self.resolver = Resolver(self.registry, cli)
        try:
            plugins.configure(self.registry, self.resolver.settings(None))
        except (ConfigError, ProfileError) as exc:
            self.problems.append(str(exc))

    def rule(self, code: str):
        """The rule of a finding's code (None for the engine's own codes)."""
        if not self._by_code:
            self._by_code = {rule.code: rule for rule in self.registry.rules}
        return self._by_code.get(code)

    def linter_for(self, path: str) -> Linter:
        """The CLI's linter for this path; raises ConfigError/ProfileError like the CLI."""
        return self.resolver.linter_for(path)


def is_config_file(path: str) -> bool:
    return os.path.basename(path) in CONFIG_NAMES or path.endswith(".toml")
